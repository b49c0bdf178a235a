// entities/upsert_rels: create or update relationships of one type between existing nodes (batched)
// params: type (string, a RelType value), sources (list of labels), targets (list of labels),
//         rows (list of {from, to, props})
// returns: written (int)
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
WHERE any(l IN labels(a) WHERE l IN $sources)
MATCH (b:Entity {id: row.to})
WHERE any(l IN labels(b) WHERE l IN $targets)
MERGE (a)-[r:$($type)]->(b)
SET r += row.props
RETURN count(r) AS written
