// entities/delete_rels_from: remove the out-going relationships of one type from these nodes,
//   but those to be kept (written again next, which then changes nothing)
// params: ids (list of string), type (string, a RelType value), keep (list of [from, to] pairs)
// returns: removed (list of {label, from, to}: the relationships removed)
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r:$($type)]->(b)
WHERE NOT [n.id, b.id] IN $keep
WITH n, b, r, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
DELETE r
RETURN collect({label: label, from: n.id, to: b.id}) AS removed
