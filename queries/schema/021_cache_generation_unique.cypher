// schema/021_cache_generation_unique: one generation node (MERGE under concurrency needs the constraint)
// params: none
// returns: nothing
CREATE CONSTRAINT cache_generation_id_unique IF NOT EXISTS
FOR (g:CacheGeneration) REQUIRE g.id IS UNIQUE
