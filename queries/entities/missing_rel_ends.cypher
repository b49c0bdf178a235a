// entities/missing_rel_ends: which relationship rows name an end that does not exist with an allowed label
// params: sources (list of labels), targets (list of labels), rows (list of {from, to})
// returns: from (string), to (string), fromOk (bool), toOk (bool)
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.from})
OPTIONAL MATCH (b:Entity {id: row.to})
WITH row,
     a IS NOT NULL AND any(l IN labels(a) WHERE l IN $sources) AS fromOk,
     b IS NOT NULL AND any(l IN labels(b) WHERE l IN $targets) AS toOk
WHERE NOT (fromOk AND toOk)
RETURN row.from AS from, row.to AS to, fromOk, toOk
