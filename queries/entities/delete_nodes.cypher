// entities/delete_nodes: delete nodes of one label (and their relationships)
// params: ids (list of string), label (string)
// returns: deleted (int)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $label IN labels(n)
DETACH DELETE n
RETURN count(*) AS deleted
