// questions/alignments_near: alignment relationships of the given matches within 2 hops of these competencies
// params: ids (list of string), matches (list of match values), limit (int)
// returns: a (ALIGNS start id), b (ALIGNS end id), match (string)
UNWIND $ids AS id
MATCH (:Entity {id: id})-[rels:ALIGNS*1..2]-(:Competency)
WHERE all(r IN rels WHERE r.match IN $matches)
UNWIND rels AS r
WITH DISTINCT r
LIMIT $limit
RETURN startNode(r).id AS a, endNode(r).id AS b, r.match AS match
