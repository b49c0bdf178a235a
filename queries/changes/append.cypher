// changes/append: append change events to the log with the next sequence numbers
// The counter node is written first: it stays locked until this transaction commits, so a
// later writer numbers its events after these, and numbers follow commit order (no reader
// ever sees seq 7 committed before seq 6).
// params: events (list of {kind, label, id, fields, status, relationship, targetId}),
//         at (datetime), actor (string), requestId (string or null)
// returns: last (int: the sequence number of the last event appended)
MERGE (c:ChangeCounter {id: 'graph'})
ON CREATE SET c.seq = 0
SET c.seq = c.seq + size($events)
WITH c.seq - size($events) AS base
UNWIND range(0, size($events) - 1) AS i
WITH base, i, $events[i] AS e
CREATE (:ChangeEvent {seq: base + i + 1, at: $at, kind: e.kind, label: e.label, id: e.id,
        fields: e.fields, status: e.status, relationship: e.relationship,
        targetId: e.targetId, actor: $actor, requestId: $requestId})
RETURN max(base + i + 1) AS last
