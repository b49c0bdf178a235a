// schema/013_learner_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT learner_id_unique IF NOT EXISTS FOR (n:Learner) REQUIRE n.id IS UNIQUE
