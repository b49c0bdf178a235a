// schema/000_entity_id_unique: every node carries :Entity; ids are unique across all labels
// params: none
// returns: nothing
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
