// bench/wipe: delete every node and relationship, in batches (an auto-commit query: bench only)
// params: none
// returns: nothing
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
