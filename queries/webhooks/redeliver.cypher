// webhooks/redeliver: set a subscriber's cursor (back) and make it ACTIVE again, its attempt
// count reset; the lease is dropped so that a loop delivering it starts over from the cursor
// params: id (string), cursor (int, or null: keep the cursor)
// returns: id (string)
MATCH (s:ChangeSubscriber {id: $id})
SET s.cursor = coalesce($cursor, s.cursor), s.status = 'ACTIVE', s.attempts = 0,
    s.leaseHolder = null, s.leaseExpires = null
RETURN s.id AS id
