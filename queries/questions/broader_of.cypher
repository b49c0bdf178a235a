// questions/broader_of: the broader ancestors (up to 4 levels) of these competencies
// params: ids (list of string), limit (int)
// returns: id (string of an ancestor)
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:BROADER*1..4]->(a:Competency)
WITH DISTINCT a
LIMIT $limit
RETURN a.id AS id
