// credentials/issue_holding: what issuing a learner's holding needs
// params: learnerId (string), itemId (string)
// returns: one row when the learner EARNED the item, else none: date (date or null),
//          labels (list of strings), institution (map {id, name} or null: the offering one),
//          verification (string or null: what verifying the holding's credential found)
MATCH (:Learner {id: $learnerId})-[e:EARNED]->(item:Entity {id: $itemId})
RETURN e.date AS date, labels(item) AS labels, e.verification AS verification,
       [(item)-[:OFFERED_BY]->(i:Institution) | {id: i.id, name: i.name}][0] AS institution
