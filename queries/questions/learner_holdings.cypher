// questions/learner_holdings: a learner's EARNED items, with the edge and the offering institution
// params: learnerId (string)
// returns: itemId (string), labels (list), date, grade, expires, institutionId (string or null),
//          hours (float or null), cost (float or null), status (string or null)
MATCH (:Learner {id: $learnerId})-[e:EARNED]->(item)
RETURN item.id AS itemId, labels(item) AS labels, e.date AS date, e.grade AS grade,
       e.expires AS expires, [(item)-[:OFFERED_BY]->(i:Institution) | i.id][0] AS institutionId,
       item.hours AS hours, item.cost AS cost, item.status AS status
ORDER BY itemId
