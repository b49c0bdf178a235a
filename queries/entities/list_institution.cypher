// entities/list_institution: one keyset page of Institution nodes ordered by id, with optional filters
// params: after (string, '' for the first page), limit (int), q (lower-case name substring or null),
//         source (string or null), status (string or null), institutionId (string or null),
//         updatedSince (datetime or null: only nodes changed at or after it)
// returns: page (list of map, ordered by id)
// updatedAt comes back as ISO text: hydrating driver DateTimes was ~40% of a nested read's CPU
MATCH (n:Institution)
WHERE n.id > $after
  AND ($q IS NULL OR toLower(n.name) CONTAINS $q)
  AND ($source IS NULL OR n.source = $source)
  AND ($status IS NULL OR n.status = $status)
  AND ($updatedSince IS NULL OR n.updatedAt >= $updatedSince)
  AND ($institutionId IS NULL OR EXISTS { (n)-[:OFFERED_BY]->(:Institution {id: $institutionId}) })
WITH n ORDER BY n.id LIMIT $limit
// one record, not one per node: each record costs the async driver a Bolt message round
RETURN collect(n {.*, createdAt: null, updatedAt: toString(n.updatedAt)}) AS page
