// schema/026_change_counter_unique: one change counter (concurrent first writers MERGE one node)
// params: none
// returns: nothing
CREATE CONSTRAINT change_counter_unique IF NOT EXISTS
FOR (c:ChangeCounter) REQUIRE c.id IS UNIQUE
