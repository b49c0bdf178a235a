// changes/compact: remove events older than the retention, but never one a registered
// subscriber has not received yet (seq above its cursor)
// params: before (datetime: events at or after it are kept), limit (int: at most this many
//         removed by one call)
// returns: removed (int), through (int: the highest sequence number removed so far)
MATCH (c:ChangeCounter {id: 'graph'})
OPTIONAL MATCH (s:ChangeSubscriber)
WITH c, min(s.cursor) AS slowest
WITH c, CASE WHEN slowest IS NULL OR slowest > c.seq THEN c.seq ELSE slowest END AS keepAbove
CALL (c, keepAbove) {
  MATCH (e:ChangeEvent)
  WHERE e.seq <= keepAbove AND e.at < $before
  WITH e ORDER BY e.seq LIMIT $limit
  WITH collect(e) AS old
  WITH old, reduce(top = 0, x IN old | CASE WHEN x.seq > top THEN x.seq ELSE top END) AS top
  FOREACH (x IN old | DELETE x)
  RETURN size(old) AS removed, top
}
SET c.compactedThrough = CASE WHEN top > coalesce(c.compactedThrough, 0) THEN top
                              ELSE coalesce(c.compactedThrough, 0) END
RETURN removed, c.compactedThrough AS through
