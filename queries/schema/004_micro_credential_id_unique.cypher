// schema/004_micro_credential_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT micro_credential_id_unique IF NOT EXISTS FOR (n:MicroCredential) REQUIRE n.id IS UNIQUE
