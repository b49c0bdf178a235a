// schema/012_occupation_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT occupation_id_unique IF NOT EXISTS FOR (n:Occupation) REQUIRE n.id IS UNIQUE
