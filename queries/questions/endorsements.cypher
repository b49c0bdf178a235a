// questions/endorsements: employer endorsements, by employer and/or by employers hiring for an occupation
// params: employerId (string or null), occupationId (string or null), limit (int)
// returns: employerId, targetId, labels (of the target), kind, since, teaches (competency ids of the
//          target, or of a suite's members)
MATCH (e:Employer)-[en:ENDORSES]->(x)
WHERE ($employerId IS NULL OR e.id = $employerId)
  AND ($occupationId IS NULL OR EXISTS { (e)-[:HIRES_FOR]->(:Occupation {id: $occupationId}) })
WITH e, en, x
ORDER BY x.id, e.id
LIMIT $limit
RETURN e.id AS employerId, x.id AS targetId, labels(x) AS labels, en.kind AS kind, en.since AS since,
       CASE WHEN x:Suite THEN [(x)<-[:IN_SUITE]-(:MicroCredential)-[:TEACHES]->(k:Competency) | k.id]
            ELSE [(x)-[:TEACHES]->(k:Competency) | k.id] END AS teaches
