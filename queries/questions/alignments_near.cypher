// questions/alignments_near: alignment relationships of the given matches within 2 hops of these competencies,
//   and those whose stored match is none of the known ones (read, they answer DATA_INVALID: coverage
//   does not leave out what might be an EXACT alignment)
// params: ids (list of string), matches (list of match values), known (list of every match value), limit (int)
// returns: rows (list of maps: a (ALIGNS start id), b (ALIGNS end id), match (string))
// one record whose rows list holds a map per row: the async driver pays per record
UNWIND $ids AS id
MATCH (:Entity {id: id})-[rels:ALIGNS*1..2]-(:Competency)
WHERE all(r IN rels WHERE r.match IN $matches OR NOT r.match IN $known)
UNWIND rels AS r
WITH DISTINCT r
LIMIT $limit
RETURN collect({a: startNode(r).id, b: endNode(r).id, match: r.match}) AS rows
