// entities/delete_nodes: delete nodes of one label (and their relationships)
// params: ids (list of string), label (string)
// returns: deleted (int), ids (list of string: the nodes deleted)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $label IN labels(n)
WITH n, n.id AS deletedId
DETACH DELETE n
RETURN count(*) AS deleted, collect(deletedId) AS ids
