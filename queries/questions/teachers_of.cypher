// questions/teachers_of: the plan candidates (PUBLISHED micro-credentials, all courses) teaching each competency,
//   and micro-credentials whose stored status is none of the known ones (read, they answer DATA_INVALID:
//   a plan does not leave out what might be a candidate)
// params: ids (list of competency ids), statuses (list of the known status values), perCompetency (int: teachers per competency)
// returns: competencyId (string), teachers (list of item ids, by id)
UNWIND $ids AS id
MATCH (c:Entity {id: id})<-[:TEACHES]-(i)
WHERE i:Course OR (i:MicroCredential AND (i.status = 'PUBLISHED' OR NOT i.status IN $statuses))
WITH c, i
ORDER BY i.id
RETURN c.id AS competencyId, collect(i.id)[..$perCompetency] AS teachers
