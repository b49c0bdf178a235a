// schema/014_evidence_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT evidence_id_unique IF NOT EXISTS FOR (n:Evidence) REQUIRE n.id IS UNIQUE
