// entities/get_any: nodes of any label with these ids
// params: ids (list of string)
// returns: labels (list of string), props (map)
// updatedAt comes back as ISO text: hydrating driver DateTimes was ~40% of a nested read's CPU
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN labels(n) AS labels, n {.*, createdAt: null, updatedAt: toString(n.updatedAt)} AS props
