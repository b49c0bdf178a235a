// schema/007_program_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT program_id_unique IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE
