// cache/bump_generation: a new write generation, run last in every write transaction
// params: none
// returns: generation (string)
// A random token, not a counter: a wiped and refilled graph can never repeat an old generation.
MERGE (g:CacheGeneration {id: 'graph'})
SET g.value = randomUUID()
RETURN g.value AS generation
