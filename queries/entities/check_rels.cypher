// entities/check_rels: one keyset page (by element id) of the relationships of one type, with the
// ids of their ends and their properties as stored
// params: type (string, a graph.relations.RelType value), after (string, '' for the first page),
//         limit (int)
// returns: rows (list of map {key (string, element id), fromId, toId, props (map)}), one record
MATCH (a)-[r:$($type)]->(b)
WHERE elementId(r) > $after
WITH a, r, b ORDER BY elementId(r) LIMIT $limit
RETURN collect({key: elementId(r), fromId: a.id, toId: b.id, props: properties(r)}) AS rows
