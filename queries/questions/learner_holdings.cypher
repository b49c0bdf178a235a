// questions/learner_holdings: a learner's EARNED items, with the edge and the offering institution
// params: learnerId (string)
// returns: rows (list of maps): empty when the learner does not exist; else one map per holding,
//          or a single map with a null itemId when there is none: itemId, date, grade, expires,
//          institutionId, verification, verifiedOn, verifiedIssuer, verificationReason
// one record whose rows list holds a map per row: the async driver pays per record
MATCH (l:Learner {id: $learnerId})
OPTIONAL MATCH (l)-[e:EARNED]->(item)
WITH item, e
ORDER BY item.id
RETURN collect({itemId: item.id, date: e.date, grade: e.grade, expires: e.expires,
       institutionId: [(item)-[:OFFERED_BY]->(i:Institution) | i.id][0],
       verification: e.verification, verifiedOn: e.verifiedOn, verifiedIssuer: e.verifiedIssuer,
       verificationReason: e.verificationReason}) AS rows
