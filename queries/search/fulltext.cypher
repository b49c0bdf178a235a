// search/fulltext: full-text search over names and descriptions (Lucene syntax is escaped by the caller)
// params: text (string), limit (int)
// returns: labels (list of string), props (map), score (float)
CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: $limit}) YIELD node, score
RETURN labels(node) AS labels, node {.*, createdAt: null, updatedAt: toString(node.updatedAt)} AS props, score
ORDER BY score DESC, node.id
