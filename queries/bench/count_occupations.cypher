// bench/count_occupations: how many Occupation nodes there are (the latency bench draws ids from them)
// params: none
// returns: c (int)
MATCH (n:Occupation) RETURN count(n) AS c
