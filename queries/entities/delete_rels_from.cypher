// entities/delete_rels_from: remove every out-going relationship of one type from these nodes
// params: ids (list of string), type (string, a RelType value)
// returns: deleted (int)
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r:$($type)]->()
DELETE r
RETURN count(r) AS deleted
