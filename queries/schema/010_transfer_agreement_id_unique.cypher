// schema/010_transfer_agreement_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT transfer_agreement_id_unique IF NOT EXISTS FOR (n:TransferAgreement) REQUIRE n.id IS UNIQUE
