// bench/warm_nodes: read every node with its properties once (fills the page cache before timing)
// params: none
// returns: c (int)
MATCH (n) RETURN count(properties(n)) AS c
