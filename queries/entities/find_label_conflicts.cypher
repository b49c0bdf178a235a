// entities/find_label_conflicts: ids already used by a node of another label
// params: ids (list of string), label (string)
// returns: id (string), labels (list of string)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE NOT $label IN labels(n)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels
