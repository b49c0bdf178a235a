// questions/holdable_items: what a what-if needs of the items it names (decision 12)
// params: ids (list of string)
// returns: rows (list of maps, one per id that exists: id, labels, institutionId, teaches)
// one record whose rows list holds a map per row: the async driver pays per record
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect({id: n.id, labels: labels(n),
       institutionId: [(n)-[:OFFERED_BY]->(i:Institution) | i.id][0],
       teaches: [(n)-[:TEACHES]->(c:Competency) | c.id][..1000]}) AS rows
