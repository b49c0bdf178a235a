// schema/022_issued_credential_id_unique: one record per credential credgraph issued (docs/credentials.md)
// params: none
// returns: nothing
CREATE CONSTRAINT issued_credential_id_unique IF NOT EXISTS FOR (c:IssuedCredential) REQUIRE c.id IS UNIQUE
