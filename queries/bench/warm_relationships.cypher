// bench/warm_relationships: read every relationship with its properties once (fills the page cache)
// params: none
// returns: c (int)
MATCH ()-[r]->() RETURN count(properties(r)) AS c
