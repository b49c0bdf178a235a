// schema/020_idempotency_key_unique: a retried write with the same key is answered, not redone
// params: none
// returns: nothing
CREATE CONSTRAINT idempotency_key_unique IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.key IS UNIQUE
