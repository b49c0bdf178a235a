// questions/narrower_trees: the narrower children of these competencies and of their descendants (4 levels)
// params: ids (list of string), limit (int)
// returns: parent (string), children (list of ids)
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:BROADER*0..3]-(d:Competency)
WITH DISTINCT d
LIMIT $limit
MATCH (child:Competency)-[:BROADER]->(d)
RETURN d.id AS parent, collect(child.id) AS children
