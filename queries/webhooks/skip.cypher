// webhooks/skip: move the cursor over events the subscriber's filter does not match (so that
// compaction is not held back by them), only forward and while this holder holds the lease
// params: id (string), holder (string), from (int: the cursor this holder read), seq (int)
// returns: held (boolean)
MATCH (s:ChangeSubscriber {id: $id})
SET s.leaseLock = true
REMOVE s.leaseLock
WITH s
WHERE s.status = 'ACTIVE' AND s.leaseHolder = $holder AND s.cursor = $from
  AND s.leaseExpires > datetime.realtime()
SET s.cursor = CASE WHEN $seq > s.cursor THEN $seq ELSE s.cursor END
RETURN count(s) > 0 AS held
