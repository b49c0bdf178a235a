// webhooks/claim: take or renew the delivery lease of every ACTIVE subscriber whose lease is
// free, expired, or already this holder's (one conditional write: with several replicas, each
// subscriber has one holder at a time). The first SET takes the node's write lock, so the
// second check reads what a concurrent claimer committed (no two holders win the same lease).
// params: holder (string: this process), leaseMs (int: lease length in milliseconds)
// returns: ids (list of strings: the subscribers this holder now holds)
MATCH (s:ChangeSubscriber {status: 'ACTIVE'})
WHERE s.leaseHolder IS NULL OR s.leaseHolder = $holder OR s.leaseExpires < datetime.realtime()
WITH s ORDER BY s.id
SET s.leaseLock = true
REMOVE s.leaseLock
WITH s
WHERE s.status = 'ACTIVE'
  AND (s.leaseHolder IS NULL OR s.leaseHolder = $holder
       OR s.leaseExpires < datetime.realtime())
SET s.leaseHolder = $holder,
    s.leaseExpires = datetime.realtime() + duration({milliseconds: $leaseMs})
RETURN collect(s.id) AS ids
