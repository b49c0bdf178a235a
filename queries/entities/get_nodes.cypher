// entities/get_nodes: the nodes of one label with these ids (ids of other labels are skipped)
// params: ids (list of string), label (string, a graph.models.Label value)
// returns: rows (list of maps: props (map))
// one record whose rows list holds a map per row: the async driver pays per record
// updatedAt comes back as ISO text: hydrating driver DateTimes was ~40% of a nested read's CPU
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE $label IN labels(n)
RETURN collect({props: n {.*, createdAt: null, updatedAt: toString(n.updatedAt)}}) AS rows
