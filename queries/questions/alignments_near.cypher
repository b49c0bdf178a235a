// questions/alignments_near: alignment relationships of the given matches within 2 hops of these competencies
// params: ids (list of string), matches (list of match values), limit (int)
// returns: rows (list of maps: a (ALIGNS start id), b (ALIGNS end id), match (string))
// one record whose rows list holds a map per row: the async driver pays per record
UNWIND $ids AS id
MATCH (:Entity {id: id})-[rels:ALIGNS*1..2]-(:Competency)
WHERE all(r IN rels WHERE r.match IN $matches)
UNWIND rels AS r
WITH DISTINCT r
LIMIT $limit
RETURN collect({a: startNode(r).id, b: endNode(r).id, match: r.match}) AS rows
