// questions/learner_holdings: a learner's EARNED items, with the edge and the offering institution
// params: learnerId (string)
// returns: no row when the learner does not exist; else one row per holding, or a single row with
//          a null itemId when there is none: itemId, labels, date, grade, expires, institutionId,
//          hours, cost, status
MATCH (l:Learner {id: $learnerId})
OPTIONAL MATCH (l)-[e:EARNED]->(item)
RETURN item.id AS itemId, labels(item) AS labels, e.date AS date, e.grade AS grade,
       e.expires AS expires, [(item)-[:OFFERED_BY]->(i:Institution) | i.id][0] AS institutionId,
       item.hours AS hours, item.cost AS cost, item.status AS status
ORDER BY itemId
