// suites/remove_members: remove every IN_SUITE membership of a suite (before writing the new list)
// params: suiteId (string)
// returns: removed (int)
MATCH (:Suite {id: $suiteId})<-[r:IN_SUITE]-(:MicroCredential)
DELETE r
RETURN count(r) AS removed
