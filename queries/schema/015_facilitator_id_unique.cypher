// schema/015_facilitator_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT facilitator_id_unique IF NOT EXISTS FOR (n:Facilitator) REQUIRE n.id IS UNIQUE
