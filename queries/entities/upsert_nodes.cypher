// entities/upsert_nodes: create or update nodes of one label by id (batched)
// params: label (string, a Label value), rows (list of {id, props}), now (datetime, this write's time)
// returns: created (int), written (int)
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = $now
SET n:$($label)
SET n += row.props
SET n.updatedAt = $now
RETURN count(CASE WHEN n.createdAt = $now THEN 1 END) AS created, count(n) AS written
