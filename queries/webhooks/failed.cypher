// webhooks/failed: an attempt failed (an error, or an answer other than 2xx): count and log it;
// at the last allowed attempt the subscriber is DEAD_LETTERED and its lease let go. Only while
// this holder holds the lease (the lock first: see webhooks/claim).
// params: id (string), holder (string), from (int: the cursor this holder read), seq (int),
//         eventId (string), attempt (int),
//         statusCode (int or null), error (string or null), at (datetime),
//         maxAttempts (int), keep (int: attempts kept in the log)
// returns: held (boolean), status (string), attempts (int)
MATCH (s:ChangeSubscriber {id: $id})
SET s.leaseLock = true
REMOVE s.leaseLock
WITH s
WHERE s.status = 'ACTIVE' AND s.leaseHolder = $holder AND s.cursor = $from
  AND s.leaseExpires > datetime.realtime()
SET s.attempts = s.attempts + 1, s.failed = s.failed + 1, s.logSeq = s.logSeq + 1
SET s.status = CASE WHEN s.attempts >= $maxAttempts THEN 'DEAD_LETTERED' ELSE s.status END
SET s.leaseHolder = CASE WHEN s.status = 'ACTIVE' THEN s.leaseHolder END,
    s.leaseExpires = CASE WHEN s.status = 'ACTIVE' THEN s.leaseExpires END
CREATE (s)-[:ATTEMPTED]->(:WebhookAttempt {n: s.logSeq, at: $at, seq: $seq,
        eventId: $eventId, attempt: $attempt, statusCode: $statusCode, error: $error,
        ok: false})
WITH s
CALL (s) {
  MATCH (s)-[:ATTEMPTED]->(old:WebhookAttempt)
  WITH old ORDER BY old.n DESC SKIP $keep
  DETACH DELETE old
}
RETURN true AS held, s.status AS status, s.attempts AS attempts
