// schema/027_change_subscriber_id_unique: one webhook subscriber per id (docs/changes.md, Webhooks)
// params: none
// returns: nothing
CREATE CONSTRAINT change_subscriber_id_unique IF NOT EXISTS
FOR (s:ChangeSubscriber) REQUIRE s.id IS UNIQUE
