// bench/plain_create_nodes: the floor for bulk node writes: CREATE without comparing or merging
// params: $label (a Label value, whitelisted by the caller), $rows [{id, props}]
// returns: created (int)
UNWIND $rows AS row
CREATE (n:Entity:$($label))
SET n = row.props, n.id = row.id
RETURN count(n) AS created
