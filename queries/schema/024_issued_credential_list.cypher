// schema/024_issued_credential_list: the credentials of one status list, for its revoked bits
// params: none
// returns: nothing
CREATE INDEX issued_credential_list IF NOT EXISTS FOR (c:IssuedCredential) ON (c.statusListUrl)
