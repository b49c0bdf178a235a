// changes/page: the change events after a sequence number, in order (keyset page)
// params: after (int), limit (int), labels, ids, kinds, statuses (lists of strings, or null:
//         any), private (list of labels the reader may not see), ownId (string or null: the
//         reader's own Learner id, visible even when Learner is private)
// returns: rows (list of event property maps, in seq order)
MATCH (e:ChangeEvent)
WHERE e.seq > $after
  AND ($labels IS NULL OR e.label IN $labels)
  AND ($ids IS NULL OR e.id IN $ids OR e.targetId IN $ids)
  AND ($kinds IS NULL OR e.kind IN $kinds)
  AND ($statuses IS NULL OR e.status IN $statuses)
  AND (NOT e.label IN $private OR (e.label = 'Learner' AND e.id = $ownId))
WITH e ORDER BY e.seq LIMIT $limit
RETURN collect(properties(e)) AS rows
