// bench/plain_create_links: the floor for bulk relationship writes: CREATE between ids, no checks
// params: $type (a RelType value, whitelisted by the caller), $rows [{from, to, props}]
// returns: created (int)
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
RETURN count(r) AS created
