// schema/009_transfer_value_id_unique: unique id per label (DOMAIN.md section 2)
// params: none
// returns: nothing
CREATE CONSTRAINT transfer_value_id_unique IF NOT EXISTS FOR (n:TransferValue) REQUIRE n.id IS UNIQUE
