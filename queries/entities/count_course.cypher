// entities/count_course: how many Course nodes pass the list filters
// params: q (lower-case name substring or null), source, status, institutionId (strings or null)
// returns: total (int)
MATCH (n:Course)
WHERE ($q IS NULL OR toLower(n.name) CONTAINS $q)
  AND ($source IS NULL OR n.source = $source)
  AND ($status IS NULL OR n.status = $status)
  AND ($institutionId IS NULL OR EXISTS { (n)-[:OFFERED_BY]->(:Institution {id: $institutionId}) })
RETURN count(n) AS total
