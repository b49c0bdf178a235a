// entities/neighbours_in: for each id, up to $limit neighbours over one relationship type (in-going), by id
// params: ids (list of string), type (string, a graph.relations.RelType value), limit (int)
// returns: id (string), rel (map), labels (list of string), props (map)
// updatedAt comes back as ISO text: hydrating driver DateTimes was ~40% of a nested read's CPU
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)<-[r:$($type)]-(m)
  RETURN r, m
  ORDER BY m.id
  LIMIT $limit
}
RETURN id, properties(r) AS rel, labels(m) AS labels, m {.*, createdAt: null, updatedAt: toString(m.updatedAt)} AS props
