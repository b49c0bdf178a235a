// webhooks/pause: stop delivering a subscriber (redeliver makes it ACTIVE again); its lease is
// dropped, so the loop delivering it stops at its next look
// params: id (string)
// returns: id (string)
MATCH (s:ChangeSubscriber {id: $id})
SET s.status = 'PAUSED', s.leaseHolder = null, s.leaseExpires = null
RETURN s.id AS id
