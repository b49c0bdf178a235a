// schema/016_feedback_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT feedback_id_unique IF NOT EXISTS FOR (n:Feedback) REQUIRE n.id IS UNIQUE
