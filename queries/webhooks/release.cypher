// webhooks/release: give up the leases a holder has (a loop stopping), so another replica
// takes its subscribers over at once instead of after the lease time
// params: holder (string)
// returns: released (int)
MATCH (s:ChangeSubscriber {leaseHolder: $holder})
SET s.leaseHolder = null, s.leaseExpires = null
RETURN count(s) AS released
