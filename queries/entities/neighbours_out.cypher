// entities/neighbours_out: for each id, up to $limit neighbours over one relationship type (out-going), by id
// params: ids (list of string), type (string, a graph.relations.RelType value), limit (int)
// returns: edges (list of map {id, rel, labels, props}: id is the start's)
// updatedAt comes back as ISO text: hydrating driver DateTimes was ~40% of a nested read's CPU
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:$($type)]->(m)
  RETURN r, m
  ORDER BY m.id
  LIMIT $limit
}
// one record, not one per edge: each record costs the async driver a Bolt message round
RETURN collect({id: id, rel: properties(r), labels: labels(m), props: m {.*, createdAt: null, updatedAt: toString(m.updatedAt)}}) AS edges
