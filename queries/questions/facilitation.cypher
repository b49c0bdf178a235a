// questions/facilitation: what facilitating a micro-credential needs, and every facilitator (up to
//   $limit, by id) with their qualifications and whether they facilitate it already
// params: microCredentialId (string), limit (int)
// returns: needs (list of competency ids), facilitators (list of {id, qualified, facilitates})
MATCH (mc:MicroCredential {id: $microCredentialId})
WITH mc, [(mc)-[:FACILITATION_NEEDS]->(c:Competency) | c.id] AS needs
OPTIONAL MATCH (f:Facilitator)
WITH mc, needs, f
ORDER BY f.id
LIMIT $limit
RETURN needs, collect(CASE WHEN f IS NULL THEN null ELSE {
          id: f.id,
          qualified: [(f)-[:QUALIFIED_IN]->(q:Competency) | q.id],
          facilitates: EXISTS { (f)-[:FACILITATES]->(mc) }
       } END) AS facilitators
