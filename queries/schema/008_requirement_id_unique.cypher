// schema/008_requirement_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT requirement_id_unique IF NOT EXISTS FOR (n:Requirement) REQUIRE n.id IS UNIQUE
