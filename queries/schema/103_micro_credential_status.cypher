// schema/103_micro_credential_status: catalogue filters on publication status
// params: none
// returns: nothing
CREATE INDEX micro_credential_status IF NOT EXISTS FOR (n:MicroCredential) ON (n.status)
