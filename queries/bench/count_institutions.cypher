// bench/count_institutions: how many Institution nodes there are (the latency bench draws ids from them)
// params: none
// returns: c (int)
MATCH (n:Institution) RETURN count(n) AS c
