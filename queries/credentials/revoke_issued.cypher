// credentials/revoke_issued: mark an issued credential revoked (its status bit is then set)
// params: id (string), revokedAt (ISO date-time string), revokedBy (who: a JWT subject, or the
//   CLI's operating-system user); a second revocation keeps the first one's time and actor
// returns: one row when the credential exists: institutionId, statusListUrl, statusIndex,
//          learnerId, newly (bool: this call revoked it; false when it was revoked already)
MATCH (c:IssuedCredential {id: $id})
WITH c, NOT coalesce(c.revoked, false) AS newly
SET c.revoked = true, c.revokedAt = coalesce(c.revokedAt, datetime($revokedAt)),
    c.revokedBy = coalesce(c.revokedBy, $revokedBy)
RETURN c.institutionId AS institutionId, c.statusListUrl AS statusListUrl,
       c.statusIndex AS statusIndex, c.learnerId AS learnerId, newly
