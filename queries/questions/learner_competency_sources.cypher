// questions/learner_competency_sources: what a learner's holdings teach and evidence demonstrates
// params: learnerId (string)
// returns: competencyId, kind ('EARNED' or 'EVIDENCE'), sourceId, date, expires, verifiedBy
MATCH (:Learner {id: $learnerId})-[e:EARNED]->(item)-[:TEACHES]->(c:Competency)
RETURN c.id AS competencyId, 'EARNED' AS kind, item.id AS sourceId, e.date AS date,
       e.expires AS expires, 'EARNED' AS verifiedBy
UNION ALL
MATCH (:Learner {id: $learnerId})-[:HAS_EVIDENCE]->(ev:Evidence)-[:DEMONSTRATES]->(c:Competency)
RETURN c.id AS competencyId, 'EVIDENCE' AS kind, ev.id AS sourceId, ev.date AS date,
       ev.expires AS expires, ev.verifiedBy AS verifiedBy
