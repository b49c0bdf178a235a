// health/ping: Neo4j answers a trivial read
// params: none
// returns: ok (int)
RETURN 1 AS ok
