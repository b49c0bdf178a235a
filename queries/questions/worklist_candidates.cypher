// questions/worklist_candidates: courses and micro-credentials of other institutions that learners
// have EARNED, by the number of distinct learners holding them (most first), then id (decision 15)
// params: institutionId (string), afterCount (int or null), afterId (string or null: the keyset
//         cursor, the last entry of the previous batch), limit (int)
// returns: rows (list of maps, one per item; one record: the async driver pays per record):
//          id (string), learners (int)
MATCH (item)<-[:EARNED]-(l:Learner)
WHERE (item:Course OR item:MicroCredential)
  AND EXISTS { (item)-[:OFFERED_BY]->(other:Institution) WHERE other.id <> $institutionId }
  AND NOT EXISTS { (item)-[:OFFERED_BY]->(:Institution {id: $institutionId}) }
WITH item, count(DISTINCT l) AS learners
WHERE $afterId IS NULL
   OR learners < $afterCount
   OR (learners = $afterCount AND item.id > $afterId)
WITH item, learners
ORDER BY learners DESC, item.id
LIMIT $limit
RETURN collect({id: item.id, learners: learners}) AS rows
