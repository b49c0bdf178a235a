// questions/items_teaching: the plan candidates teaching any of these competencies, with what a plan
//   needs to know of each: teachers_of's candidates (PUBLISHED micro-credentials, and those of a status
//   none of the known ones, which answer DATA_INVALID when read; all courses; `perCompetency` each, by
//   id) in the row shape of items_with_prerequisites, in one statement instead of those two in a row
// params: ids (list of competency ids), statuses (list of the known status values),
//         perCompetency (int), limit (int: items at the most)
// returns: rows (list of maps, one per item, by id; one record): id, labels, hours, cost, credits,
//          creditUnit, status, institutionId, courseCreditHours, teaches, requires
UNWIND $ids AS id
MATCH (c:Entity {id: id})<-[:TEACHES]-(i)
WHERE i:Course OR (i:MicroCredential AND (i.status = 'PUBLISHED' OR NOT i.status IN $statuses))
WITH c, i
ORDER BY i.id
WITH c, collect(i)[..$perCompetency] AS teachers
UNWIND teachers AS i
WITH DISTINCT i
ORDER BY i.id
LIMIT $limit
RETURN collect({id: i.id, labels: labels(i), hours: i.hours, cost: i.cost, credits: i.credits,
       creditUnit: i.creditUnit, status: i.status,
       institutionId: [(i)-[:OFFERED_BY]->(inst:Institution) | inst.id][0],
       courseCreditHours: [(i)-[:OFFERED_BY]->(inst:Institution) | inst.courseCreditInCreditHours][0],
       teaches: [(i)-[:TEACHES]->(c:Competency) | c.id],
       requires: [(i)-[:REQUIRES]->(p) | p.id]}) AS rows
