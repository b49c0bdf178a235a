// entities/count_learner: how many Learner nodes pass the list filters
// params: q (lower-case name substring or null), source, status, institutionId (strings or null),
//         updatedSince (datetime or null: only nodes changed at or after it)
// returns: total (int)
MATCH (n:Learner)
WHERE ($q IS NULL OR toLower(n.name) CONTAINS $q)
  AND ($source IS NULL OR n.source = $source)
  AND ($status IS NULL OR n.status = $status)
  AND ($updatedSince IS NULL OR n.updatedAt >= $updatedSince)
  AND ($institutionId IS NULL OR EXISTS { (n)-[:OFFERED_BY]->(:Institution {id: $institutionId}) })
RETURN count(n) AS total
