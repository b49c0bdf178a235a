// questions/feedback: feedback on a micro-credential and all its versions, or on every member (and
//   their versions) of a suite
// params: id (string)
// returns: memberId (the member or the credential asked), versionId, version, supersedes (ids of the
//          versions it replaces), feedback (list of {id, from, rating, date})
MATCH (x:Entity {id: $id})
WHERE x:MicroCredential OR x:Suite
WITH CASE WHEN x:Suite THEN [(x)<-[:IN_SUITE]-(m:MicroCredential) | m] ELSE [x] END AS roots
UNWIND roots AS root
MATCH (root)-[:SUPERSEDES*0..10]-(v:MicroCredential)
WITH DISTINCT root, v
RETURN root.id AS memberId, v.id AS versionId, v.version AS version,
       [(v)-[:SUPERSEDES]->(o:MicroCredential) | o.id] AS supersedes,
       [(f:Feedback)-[:ABOUT]->(v) | {id: f.id, from: f.from, rating: f.rating, date: f.date}] AS feedback
ORDER BY memberId, versionId
