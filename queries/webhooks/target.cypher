// webhooks/target: what delivering a subscriber needs (its secret included), when this holder
// holds its lease and it is ACTIVE
// params: id (string), holder (string)
// returns: id, url, secret, labels, ids, kinds, statuses, cursor, attempts (one row, or none)
MATCH (s:ChangeSubscriber {id: $id})
WHERE s.status = 'ACTIVE' AND s.leaseHolder = $holder
  AND s.leaseExpires > datetime.realtime()
RETURN s.id AS id, s.url AS url, s.secret AS secret, s.labels AS labels, s.ids AS ids,
       s.kinds AS kinds, s.statuses AS statuses, s.cursor AS cursor, s.attempts AS attempts
