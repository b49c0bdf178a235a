// versions/copy_relationships: a new version takes the old one's design relationships and SUPERSEDES it
//   (learners' EARNED edges, feedback and endorsements stay on the version they were about)
// params: oldId (string), newId (string)
// returns: copied (int: relationships copied), links (list of {type, to}: the new version's
//          relationships, SUPERSEDES included: their change events)
MATCH (old:MicroCredential {id: $oldId}), (new:MicroCredential {id: $newId})
CALL (old, new) {
  OPTIONAL MATCH (old)-[r:TEACHES]->(c)
  FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (new)-[n:TEACHES]->(c) SET n = properties(r))
  RETURN count(c) AS teaches
}
CALL (old, new) {
  OPTIONAL MATCH (old)-[:OFFERED_BY]->(i)
  FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (new)-[:OFFERED_BY]->(i))
  RETURN count(i) AS offered
}
CALL (old, new) {
  OPTIONAL MATCH (old)-[:REQUIRES]->(p)
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (new)-[:REQUIRES]->(p))
  RETURN count(p) AS requires
}
CALL (old, new) {
  OPTIONAL MATCH (old)-[r:IN_SUITE]->(s)
  FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (new)-[n:IN_SUITE]->(s) SET n = properties(r))
  RETURN count(s) AS suites
}
CALL (old, new) {
  OPTIONAL MATCH (old)-[:FACILITATION_NEEDS]->(k)
  FOREACH (_ IN CASE WHEN k IS NULL THEN [] ELSE [1] END | MERGE (new)-[:FACILITATION_NEEDS]->(k))
  RETURN count(k) AS needs
}
CALL (old, new) {
  OPTIONAL MATCH (old)-[:STACKS_INTO]->(t)
  FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | MERGE (new)-[:STACKS_INTO]->(t))
  RETURN count(t) AS stacks
}
MERGE (new)-[:SUPERSEDES]->(old)
RETURN teaches + offered + requires + suites + needs + stacks AS copied,
       [(new)-[r]->(t:Entity) | {type: type(r), to: t.id}] AS links
