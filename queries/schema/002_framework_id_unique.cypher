// schema/002_framework_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT framework_id_unique IF NOT EXISTS FOR (n:Framework) REQUIRE n.id IS UNIQUE
