// webhooks/remove: delete a webhook subscriber and its delivery log
// params: id (string)
// returns: removed (int: 0 when no such subscriber)
MATCH (s:ChangeSubscriber {id: $id})
OPTIONAL MATCH (s)-[:ATTEMPTED]->(a:WebhookAttempt)
WITH s, collect(a) AS log
FOREACH (a IN log | DETACH DELETE a)
DETACH DELETE s
RETURN count(*) AS removed
