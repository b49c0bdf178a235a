// schema/005_suite_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT suite_id_unique IF NOT EXISTS FOR (n:Suite) REQUIRE n.id IS UNIQUE
