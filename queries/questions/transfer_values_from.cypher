// questions/transfer_values_from: transfer values with any of these items among their FROM items
// params: itemIds (list of string; null: the items the learner learnerId has EARNED, or with
//         afterHeld the FOR items of the transfer values from those, so that a question can read a
//         learner's first two rounds of rules beside the learner's holdings),
//         learnerId (string or null), afterHeld (bool), chainableOnly (bool: only allowChaining rules with one FROM item,
//         the later rules of a chain; a stored allowChaining that is no boolean counts, so that it is read
//         and answers DATA_INVALID rather than silently ending the chain), limit (int: at most this many
//         transfer values), withReceiving (bool: also read the institutions the rules end at)
// props holds only the properties a decision reads (each key present, null when not stored): a
// rule is refused (DATA_INVALID) for a misfit value it uses, not for one it does not (decision 111)
// returns: rows (list of maps, one per transfer value; one record: the async driver pays per
//          record): id (string), props (map), fromIds (list), forId (string), forLabels (list),
//          forInstitutionId (string or null: the institution offering the FOR item, or for a
//          Requirement the institution of the credential whose rule holds it),
//          continues (bool: a chainable rule starts from the FOR item), agreements (list of maps);
//          receiving (list of maps: props (map), as entities/get_nodes returns them; empty unless
//          withReceiving): the institutions of the rows' forInstitutionId, read here so that
//          transferOptions needs no round trip after this one to rank them
UNWIND coalesce($itemIds, CASE WHEN $afterHeld
         THEN COLLECT { MATCH (:Learner {id: $learnerId})-[:EARNED]->()<-[:FROM]-(:TransferValue)-[:FOR]->(next)
                        RETURN DISTINCT next.id }
         ELSE [(:Learner {id: $learnerId})-[:EARNED]->(held) | held.id] END) AS itemId
MATCH (:Entity {id: itemId})<-[:FROM]-(tv:TransferValue)
WHERE NOT $chainableOnly
   OR ((tv.allowChaining = true OR NOT tv.allowChaining IN [true, false])
       AND COUNT { (tv)-[:FROM]->() } = 1)
WITH DISTINCT tv
ORDER BY tv.id
LIMIT $limit
MATCH (tv)-[:FOR]->(target)
WITH tv, target,
     CASE WHEN target:Requirement
       THEN [(target)<-[:OPTION*0..6]-(:Requirement)<-[:HAS_REQUIREMENT]-(owner) |
               [(owner)-[:OFFERED_BY]->(j:Institution) | j.id][0]][0]
       ELSE [(target)-[:OFFERED_BY]->(i:Institution) | i.id][0]
     END AS forInstitutionId
WITH collect({
         id: tv.id, props: tv {.credits, .creditUnit, .minGrade, .maxAgeYears, .effectiveFrom, .effectiveTo,
                             .allowChaining, .conditions},
         fromIds: [(tv)-[:FROM]->(f) | f.id],
         forId: target.id, forLabels: labels(target), forInstitutionId: forInstitutionId,
         continues: EXISTS { (target)<-[:FROM]-(next:TransferValue)
                              WHERE next.allowChaining = true OR NOT next.allowChaining IN [true, false] },
         agreements: [(ag:TransferAgreement)-[:INCLUDES]->(tv) | {
            id: ag.id, effectiveFrom: ag.effectiveFrom, effectiveTo: ag.effectiveTo,
            sendingId: [(ag)-[:BETWEEN {role: 'SENDING'}]->(s:Institution) | s.id][0],
            receivingId: [(ag)-[:BETWEEN {role: 'RECEIVING'}]->(r:Institution) | r.id][0]
         }]}) AS rows,
     collect(DISTINCT forInstitutionId) AS ends
RETURN rows,
       CASE WHEN $withReceiving THEN COLLECT {
         UNWIND ends AS endId
         MATCH (i:Entity {id: endId})
         WHERE i:Institution
         RETURN {props: i {.*, createdAt: null, updatedAt: toString(i.updatedAt)}}
       } ELSE [] END AS receiving
