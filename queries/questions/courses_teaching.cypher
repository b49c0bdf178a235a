// questions/courses_teaching: courses of one institution that teach any of these competencies
// params: competencyIds (list of string), institutionId (string), limit (int)
// returns: courseId (string), teaches (list of competency ids)
UNWIND $competencyIds AS competencyId
MATCH (:Entity {id: competencyId})<-[:TEACHES]-(course:Course)-[:OFFERED_BY]->(:Institution {id: $institutionId})
WITH DISTINCT course
ORDER BY course.id
LIMIT $limit
RETURN course.id AS courseId, [(course)-[:TEACHES]->(k:Competency) | k.id] AS teaches
