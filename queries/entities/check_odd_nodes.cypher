// entities/check_odd_nodes: nodes of the model's labels that lack the :Entity label or a string id
// (written by other tools; the keyset pages of entities/check_nodes never reach them)
// params: labels (list of string: graph.models.Label values), limit (int)
// returns: rows (list of map {labels (list of string), props (map), entity (boolean)}), one record
MATCH (n)
WHERE any(label IN labels(n) WHERE label IN $labels)
  AND (NOT n:Entity OR NOT n.id IS :: STRING NOT NULL)
WITH n LIMIT $limit
RETURN collect({labels: labels(n), props: properties(n), entity: n:Entity}) AS rows
