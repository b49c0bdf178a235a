// questions/transfer_values_for: transfer values that earn any of these items (FOR), with their FROM items
// params: itemIds (list of string), limit (int)
// updatedAt comes back as ISO text and createdAt as null: hydrating driver DateTimes cost more than
// the planning (76 per transferOptions answer)
// returns: id, props (map), forId, fromIds (list), fromInstitutionIds (list, one per FROM item, may hold nulls),
//          agreements (list of {id, effectiveFrom, effectiveTo})
UNWIND $itemIds AS itemId
MATCH (:Entity {id: itemId})<-[:FOR]-(tv:TransferValue)
WITH DISTINCT tv
ORDER BY tv.id
LIMIT $limit
MATCH (tv)-[:FOR]->(target)
RETURN tv.id AS id, tv {.*, createdAt: null, updatedAt: toString(tv.updatedAt)} AS props, target.id AS forId,
       [(tv)-[:FROM]->(f) | f.id] AS fromIds,
       [(tv)-[:FROM]->(f) | [(f)-[:OFFERED_BY]->(i:Institution) | i.id][0]] AS fromInstitutionIds,
       [(ag:TransferAgreement)-[:INCLUDES]->(tv) |
          {id: ag.id, effectiveFrom: ag.effectiveFrom, effectiveTo: ag.effectiveTo}] AS agreements
