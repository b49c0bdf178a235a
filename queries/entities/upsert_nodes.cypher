// entities/upsert_nodes: create or update nodes of one label by id (batched)
// A node whose properties all stay as they were keeps its updatedAt and is not reported.
// params: label (string, a Label value), rows (list of {id, props}), now (datetime, this write's time)
// returns: created (int), written (int), changes (list of {id, created, fields, status}: the
//          nodes created or changed, with the properties that changed: their change events)
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.createdAt = $now
WITH n, row, n.createdAt = $now AS created,
     [k IN keys(row.props) WHERE NOT coalesce(n[k] = row.props[k],
                                             n[k] IS NULL AND row.props[k] IS NULL)] AS fields
SET n:$($label)
SET n += row.props
SET n.updatedAt = CASE WHEN created OR size(fields) > 0 THEN $now ELSE n.updatedAt END
RETURN count(CASE WHEN created THEN 1 END) AS created, count(n) AS written,
       collect(CASE WHEN created OR size(fields) > 0
               THEN {id: n.id, created: created, fields: fields, status: n.status} END) AS changes
