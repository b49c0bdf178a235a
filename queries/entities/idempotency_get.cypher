// entities/idempotency_get: the stored result of a write made earlier under this key, if any
// params: key (string: the caller's subject and key)
// returns: operation (string), result (string, JSON)
MATCH (k:IdempotencyKey {key: $key})
RETURN k.operation AS operation, k.result AS result
