// schema/025_change_event_seq_unique: one event per sequence number (and the index keyset pages use)
// params: none
// returns: nothing
CREATE CONSTRAINT change_event_seq_unique IF NOT EXISTS
FOR (e:ChangeEvent) REQUIRE e.seq IS UNIQUE
