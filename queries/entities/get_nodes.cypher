// entities/get_nodes: the nodes of one label with these ids (ids of other labels are skipped)
// params: ids (list of string), label (string, a graph.models.Label value)
// returns: props (map)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $label IN labels(n)
RETURN properties(n) AS props
