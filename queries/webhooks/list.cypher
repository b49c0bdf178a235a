// webhooks/list: the webhook subscribers (never their secret), each with its last attempts
// params: id (string, or null: every subscriber), log (int: attempts shown per subscriber)
// returns: rows (list of {id, url, labels, ids, kinds, statuses, cursor, status, attempts,
//          delivered, failed, createdAt, leaseHolder, leaseExpires, log: list of attempts,
//          newest first})
MATCH (s:ChangeSubscriber)
WHERE $id IS NULL OR s.id = $id
CALL (s) {
  OPTIONAL MATCH (s)-[:ATTEMPTED]->(a:WebhookAttempt)
  WITH a ORDER BY a.n DESC LIMIT $log
  RETURN collect(a {.n, .at, .seq, .eventId, .attempt, .statusCode, .error, .ok}) AS log
}
WITH s, log ORDER BY s.createdAt, s.id
RETURN collect({id: s.id, url: s.url, labels: s.labels, ids: s.ids, kinds: s.kinds,
                statuses: s.statuses, cursor: s.cursor, status: s.status,
                attempts: s.attempts, delivered: s.delivered, failed: s.failed,
                createdAt: s.createdAt, leaseHolder: s.leaseHolder,
                leaseExpires: s.leaseExpires, log: log}) AS rows
