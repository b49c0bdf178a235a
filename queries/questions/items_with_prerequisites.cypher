// questions/items_with_prerequisites: these items and everything they require (REQUIRES, up to 6 hops)
// params: ids (list of string), limit (int)
// returns: id, labels, hours, cost, credits, creditUnit, status (item properties),
//          institutionId, courseCreditHours (its institution's courseCreditInCreditHours),
//          teaches (list of competency ids), requires (list of item or competency ids)
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:REQUIRES*0..6]->(i)
WHERE i:MicroCredential OR i:Course OR i:Program
WITH DISTINCT i
LIMIT $limit
RETURN i.id AS id, labels(i) AS labels, i.hours AS hours, i.cost AS cost, i.credits AS credits,
       i.creditUnit AS creditUnit, i.status AS status,
       [(i)-[:OFFERED_BY]->(inst:Institution) | inst.id][0] AS institutionId,
       [(i)-[:OFFERED_BY]->(inst:Institution) | inst.courseCreditInCreditHours][0] AS courseCreditHours,
       [(i)-[:TEACHES]->(c:Competency) | c.id] AS teaches,
       [(i)-[:REQUIRES]->(p) | p.id] AS requires
