// schema/003_competency_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT competency_id_unique IF NOT EXISTS FOR (n:Competency) REQUIRE n.id IS UNIQUE
