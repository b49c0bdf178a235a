// schema/028_change_subscriber_status: the delivery loops look subscribers up by status
// params: none
// returns: nothing
CREATE INDEX change_subscriber_status IF NOT EXISTS
FOR (s:ChangeSubscriber) ON (s.status)
