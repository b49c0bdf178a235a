// webhooks/register: a new webhook subscriber, delivering the events committed after now
// params: id (string), url (string), secret (string: whsec_...), labels, ids, kinds, statuses
//         (lists of strings, or null: any)
// returns: id (string), cursor (int: the head of the log, where delivery starts)
OPTIONAL MATCH (c:ChangeCounter {id: 'graph'})
CREATE (s:ChangeSubscriber {id: $id, url: $url, secret: $secret, labels: $labels, ids: $ids,
        kinds: $kinds, statuses: $statuses, cursor: coalesce(c.seq, 0), status: 'ACTIVE',
        attempts: 0, delivered: 0, failed: 0, logSeq: 0, createdAt: datetime.realtime()})
RETURN s.id AS id, s.cursor AS cursor
