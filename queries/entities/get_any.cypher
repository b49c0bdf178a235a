// entities/get_any: nodes of any label with these ids
// params: ids (list of string)
// returns: labels (list of string), props (map)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN labels(n) AS labels, properties(n) AS props
