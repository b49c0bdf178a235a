// entities/neighbours_out: for each id, up to $limit neighbours over one relationship type (out-going), by id
// params: ids (list of string), type (string, a graph.relations.RelType value), limit (int)
// returns: id (string), rel (map), labels (list of string), props (map)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:$($type)]->(m)
  RETURN r, m
  ORDER BY m.id
  LIMIT $limit
}
RETURN id, properties(r) AS rel, labels(m) AS labels, properties(m) AS props
