// questions/learner_competency_sources: what a learner's holdings teach and evidence demonstrates
// params: learnerId (string)
// returns: rows (list of maps: competencyId, kind ('EARNED' or 'EVIDENCE'), sourceId, date,
//          expires, verifiedBy, verification (a holding's credential state, or null))
// one record whose rows list holds a map per row: the async driver pays per record
CALL () {
  MATCH (:Learner {id: $learnerId})-[e:EARNED]->(item)-[:TEACHES]->(c:Competency)
  RETURN c.id AS competencyId, 'EARNED' AS kind, item.id AS sourceId, e.date AS date,
         e.expires AS expires, 'EARNED' AS verifiedBy, e.verification AS verification
  UNION ALL
  MATCH (:Learner {id: $learnerId})-[:HAS_EVIDENCE]->(ev:Evidence)-[:DEMONSTRATES]->(c:Competency)
  RETURN c.id AS competencyId, 'EVIDENCE' AS kind, ev.id AS sourceId, ev.date AS date,
         ev.expires AS expires, ev.verifiedBy AS verifiedBy, null AS verification
}
RETURN collect({competencyId: competencyId, kind: kind, sourceId: sourceId, date: date,
                expires: expires, verifiedBy: verifiedBy, verification: verification}) AS rows
