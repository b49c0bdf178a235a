// entities/idempotency_put: remember a write's result under its key, in the write's transaction
// params: key (string), operation (string), result (string, JSON), now (datetime)
// returns: nothing
CREATE (:IdempotencyKey {key: $key, operation: $operation, result: $result, at: $now})
