// entities/check_nodes: one keyset page of the :Entity nodes by id, with their properties as stored
// params: after (string, '' for the first page), limit (int)
// returns: rows (list of map {labels (list of string), props (map)}), one record
MATCH (n:Entity)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN collect({labels: labels(n), props: properties(n)}) AS rows
