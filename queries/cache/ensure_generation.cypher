// cache/ensure_generation: a write generation for a graph that has none yet (kept if it has one)
// params: none
// returns: generation (string)
MERGE (g:CacheGeneration {id: 'graph'})
ON CREATE SET g.value = randomUUID()
RETURN g.value AS generation
