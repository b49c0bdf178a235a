// credentials/set_verification_policy: which verification states count at an institution
// params: institutionId (string), states (list of strings, or null: the setting decides)
// returns: one row when the institution exists: states (list of strings or null), changed (bool)
MATCH (i:Institution {id: $institutionId})
WITH i, NOT coalesce(i.countedVerificationStates = $states,
                     i.countedVerificationStates IS NULL AND $states IS NULL) AS changed
SET i.countedVerificationStates = $states
SET i.updatedAt = CASE WHEN changed THEN datetime() ELSE i.updatedAt END
RETURN i.countedVerificationStates AS states, changed
