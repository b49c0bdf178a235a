// questions/rule_tree: a target's completion rule tree and where it belongs
// params: targetId (string)
// returns: labels (list), target (map), institutionId (string or null), roots (list of ids),
//          requirements (list of {id, op, count, minCredits, options}), truncated (bool)
MATCH (t:Entity {id: $targetId})
OPTIONAL MATCH (t)-[:HAS_REQUIREMENT]->(root:Requirement)
WITH t, collect(root.id) AS roots
OPTIONAL MATCH (t)-[:HAS_REQUIREMENT]->(:Requirement)-[:OPTION*0..8]->(r:Requirement)
WITH t, roots, collect(DISTINCT r) AS reqs
RETURN labels(t) AS labels, t {.*, createdAt: null, updatedAt: toString(t.updatedAt)} AS target,
       [(t)-[:OFFERED_BY]->(i:Institution) | i.id][0] AS institutionId,
       roots,
       [r IN reqs | {id: r.id, op: r.op, count: r.count, minCredits: r.minCredits,
                     options: [(r)-[:OPTION]->(o) | o.id]}] AS requirements,
       size(reqs) >= 500 AS truncated
