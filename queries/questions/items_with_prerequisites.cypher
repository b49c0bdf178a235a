// questions/items_with_prerequisites: these items and everything they require (REQUIRES, up to 6 hops)
// params: ids (list of string), limit (int)
// returns: rows (list of maps, one per item; one record: the async driver pays per record):
//          id, labels, hours, cost, credits, creditUnit, status (item properties),
//          institutionId, courseCreditHours (its institution's courseCreditInCreditHours),
//          teaches (list of competency ids), requires (list of item or competency ids)
UNWIND $ids AS id
MATCH (:Entity {id: id})-[:REQUIRES*0..6]->(i)
WHERE i:MicroCredential OR i:Course OR i:Program
WITH DISTINCT i
LIMIT $limit
RETURN collect({id: i.id, labels: labels(i), hours: i.hours, cost: i.cost, credits: i.credits,
       creditUnit: i.creditUnit, status: i.status,
       institutionId: [(i)-[:OFFERED_BY]->(inst:Institution) | inst.id][0],
       courseCreditHours: [(i)-[:OFFERED_BY]->(inst:Institution) | inst.courseCreditInCreditHours][0],
       teaches: [(i)-[:TEACHES]->(c:Competency) | c.id],
       requires: [(i)-[:REQUIRES]->(p) | p.id]}) AS rows
