// changes/head: the log's last committed sequence number and the first one still kept
// params: none
// returns: last (int: 0 when nothing was ever logged), compacted (int: events up to this one
//          were removed by compaction)
OPTIONAL MATCH (c:ChangeCounter {id: 'graph'})
RETURN coalesce(c.seq, 0) AS last, coalesce(c.compactedThrough, 0) AS compacted
