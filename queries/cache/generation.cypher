// cache/generation: the graph's write generation, a token every committed credgraph write changes
// params: none
// returns: generation (string, or null when no write has set one yet)
OPTIONAL MATCH (g:CacheGeneration {id: 'graph'})
RETURN g.value AS generation
