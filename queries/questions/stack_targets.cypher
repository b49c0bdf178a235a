// questions/stack_targets: what each item counts toward directly: a rule tree that names it, or STACKS_INTO
// params: ids (list of string), limit (int)
// returns: id (the item), targetId, labels (of the target), pathIds (target ... item), via ('RULE' or 'STACKS_INTO')
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH p = (t)-[:HAS_REQUIREMENT]->(:Requirement)-[:OPTION*1..6]->(x)
  RETURN t, [n IN nodes(p) | n.id] AS pathIds, 'RULE' AS via
  UNION
  MATCH (x)-[:STACKS_INTO]->(t)
  RETURN t, [t.id, x.id] AS pathIds, 'STACKS_INTO' AS via
}
WITH id, t, pathIds, via
ORDER BY id, t.id, size(pathIds), via
LIMIT $limit
RETURN id, t.id AS targetId, labels(t) AS labels, pathIds, via
