// catalogue/browse: published micro-credentials, one keyset page ordered by id, with filters
// params: after (string, '' first), limit (int), institutionId, suiteId, deliveryMode, endorsedBy
//         (strings or null), hoursMin, hoursMax (floats or null), creditBearing (bool or null)
// returns: props (map)
MATCH (n:MicroCredential)
WHERE n.id > $after AND n.status = 'PUBLISHED'
  AND ($institutionId IS NULL OR EXISTS { (n)-[:OFFERED_BY]->(:Institution {id: $institutionId}) })
  AND ($suiteId IS NULL OR EXISTS { (n)-[:IN_SUITE]->(:Suite {id: $suiteId}) })
  AND ($hoursMin IS NULL OR n.hours >= $hoursMin)
  AND ($hoursMax IS NULL OR n.hours <= $hoursMax)
  AND ($deliveryMode IS NULL OR n.deliveryMode = $deliveryMode)
  AND ($creditBearing IS NULL OR n.creditBearing = $creditBearing)
  AND ($endorsedBy IS NULL
       OR EXISTS { (n)<-[:ENDORSES]-(:Employer {id: $endorsedBy}) }
       OR EXISTS { (n)-[:IN_SUITE]->(:Suite)<-[:ENDORSES]-(:Employer {id: $endorsedBy}) })
RETURN n {.*, createdAt: null, updatedAt: toString(n.updatedAt)} AS props
ORDER BY n.id
LIMIT $limit
