// credentials/set_verification_policy: which verification states count at an institution
// params: institutionId (string), states (list of strings, or null: the setting decides)
// returns: one row when the institution exists: states (list of strings or null)
MATCH (i:Institution {id: $institutionId})
SET i.countedVerificationStates = $states
RETURN i.countedVerificationStates AS states
