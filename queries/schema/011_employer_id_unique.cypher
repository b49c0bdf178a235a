// schema/011_employer_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT employer_id_unique IF NOT EXISTS FOR (n:Employer) REQUIRE n.id IS UNIQUE
