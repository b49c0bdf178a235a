// credentials/record_issued: take the next entry of a status list and record an issued credential
// The list node is written first, so that concurrent issues on one list wait for each other's
// lock before reading its counter. An entry's index is (counter * multiplier) mod size: a
// bijection (odd multiplier, size a power of two) that scatters consecutive credentials.
// params: listUrl, institutionId, id, learnerId, verificationMethod, kind (strings), itemId
//         (string, or null for a transcript),
//         issuedAt (ISO date-time string), multiplier (odd int), size (int, a power of two)
// returns: statusIndex (int), or no row when the list is full
MERGE (s:StatusList {url: $listUrl})
ON CREATE SET s.institutionId = $institutionId, s.next = 0
SET s.lockedBy = $id
WITH s, s.next AS counter
WHERE counter < $size
SET s.next = counter + 1
REMOVE s.lockedBy
CREATE (c:IssuedCredential {id: $id, kind: $kind, learnerId: $learnerId, itemId: $itemId,
        institutionId: $institutionId, verificationMethod: $verificationMethod,
        issuedAt: datetime($issuedAt), statusListUrl: $listUrl,
        statusIndex: (counter * $multiplier) % $size, revoked: false})
RETURN c.statusIndex AS statusIndex
