// credentials/revoked_indexes: the set bits of one status list
// params: listUrl (string)
// returns: indexes (list of ints)
MATCH (c:IssuedCredential {statusListUrl: $listUrl})
WHERE c.revoked
RETURN collect(c.statusIndex) AS indexes
