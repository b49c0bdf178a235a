// suites/remove_members: remove the IN_SUITE memberships of a suite but those of the new list
//   (before writing the new list, which then changes only what differs)
// params: suiteId (string), keep (list of string: micro-credential ids staying members)
// returns: removed (list of string: the micro-credentials no longer members)
MATCH (:Suite {id: $suiteId})<-[r:IN_SUITE]-(mc:MicroCredential)
WHERE NOT mc.id IN $keep
DELETE r
RETURN collect(mc.id) AS removed
