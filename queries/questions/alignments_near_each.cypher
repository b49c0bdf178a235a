// questions/alignments_near_each: alignments_near, per competency asked about: the alignment
//   relationships of the given matches within 2 hops of each (and those whose stored match is none
//   of the known ones: they answer DATA_INVALID). skillGap asks it for every need of an occupation
//   at the start, beside its other reads, and keeps the rows of the needs it finds missing: one
//   statement fewer in a row than asking for the missing ones once they are known.
// params: ids (list of string), matches (list of match values), known (list of every match value),
//         limit (int: at most this many relationships per competency)
// returns: rows (list of maps: id (the competency asked about), alignments (list of maps: a (ALIGNS
//          start id), b (ALIGNS end id), match (string)))
// one record whose rows list holds a map per competency: the async driver pays per record
UNWIND $ids AS id
CALL (id) {
  MATCH (:Entity {id: id})-[rels:ALIGNS*1..2]-(:Competency)
  WHERE all(r IN rels WHERE r.match IN $matches OR NOT r.match IN $known)
  UNWIND rels AS r
  WITH DISTINCT r
  LIMIT $limit
  RETURN collect({a: startNode(r).id, b: endNode(r).id, match: r.match}) AS alignments
}
RETURN collect({id: id, alignments: alignments}) AS rows
