// bench/count_learners: how many Learner nodes there are (the latency bench draws ids from them)
// params: none
// returns: c (int)
MATCH (n:Learner) RETURN count(n) AS c
