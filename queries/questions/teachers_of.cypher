// questions/teachers_of: the plan candidates (PUBLISHED micro-credentials, all courses) teaching each competency
// params: ids (list of competency ids), limit (int: teachers per competency)
// returns: competencyId (string), teachers (list of item ids, by id)
UNWIND $ids AS id
MATCH (c:Entity {id: id})<-[:TEACHES]-(i)
WHERE i:Course OR (i:MicroCredential AND i.status = 'PUBLISHED')
WITH c, i
ORDER BY i.id
RETURN c.id AS competencyId, collect(i.id)[..$limit] AS teachers
