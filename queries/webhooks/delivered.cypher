// webhooks/delivered: an event was answered 2xx: advance the cursor to it and log the attempt,
// only while this holder still holds the lease (the lock first: see webhooks/claim)
// params: id (string), holder (string), from (int: the cursor this holder read), seq (int),
//         eventId (string), attempt (int),
//         statusCode (int), at (datetime), keep (int: attempts kept in the log)
// returns: held (boolean: false when the lease was lost, and nothing was written)
MATCH (s:ChangeSubscriber {id: $id})
SET s.leaseLock = true
REMOVE s.leaseLock
WITH s
WHERE s.status = 'ACTIVE' AND s.leaseHolder = $holder AND s.cursor = $from
  AND s.leaseExpires > datetime.realtime()
SET s.cursor = CASE WHEN $seq > s.cursor THEN $seq ELSE s.cursor END, s.attempts = 0,
    s.delivered = s.delivered + 1, s.logSeq = s.logSeq + 1
CREATE (s)-[:ATTEMPTED]->(:WebhookAttempt {n: s.logSeq, at: $at, seq: $seq,
        eventId: $eventId, attempt: $attempt, statusCode: $statusCode, ok: true})
WITH s
CALL (s) {
  MATCH (s)-[:ATTEMPTED]->(old:WebhookAttempt)
  WITH old ORDER BY old.n DESC SKIP $keep
  DETACH DELETE old
}
RETURN count(s) > 0 AS held
