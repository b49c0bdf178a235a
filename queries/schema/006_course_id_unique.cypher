// schema/006_course_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT course_id_unique IF NOT EXISTS FOR (n:Course) REQUIRE n.id IS UNIQUE
