// entities/get_any: nodes of any label with these ids
// params: ids (list of string)
// returns: rows (list of maps: labels (list of string), props (map))
// one record whose rows list holds a map per row: the async driver pays per record
// updatedAt comes back as ISO text: hydrating driver DateTimes was ~40% of a nested read's CPU
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN collect({labels: labels(n), props: n {.*, createdAt: null, updatedAt: toString(n.updatedAt)}}) AS rows
