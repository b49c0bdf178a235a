// credentials/learner_holdings: every holding of a learner, for a transcript
// params: learnerId (string)
// returns: no row when there is no such learner, else one: rows (list of maps {itemId, date,
//          labels, verification, institution: {id, name} or null}, by item id), learnerId
MATCH (l:Learner {id: $learnerId})
OPTIONAL MATCH (l)-[e:EARNED]->(item:Entity)
WITH l, e, item
ORDER BY item.id
RETURN l.id AS learnerId, collect(CASE WHEN item IS NULL THEN null ELSE {
         itemId: item.id, date: e.date, labels: labels(item), verification: e.verification,
         institution: [(item)-[:OFFERED_BY]->(i:Institution) | {id: i.id, name: i.name}][0]
       } END) AS rows
