// credentials/held_associations: which of a learner's held items are parts of another held item
// (a member of a suite, an option anywhere in a program's or suite's rule tree)
// params: itemIds (list of strings)
// returns: one row per pair: partId (string), wholeId (string)
MATCH (part:Entity)-[:IN_SUITE]->(whole:Entity)
WHERE part.id IN $itemIds AND whole.id IN $itemIds
RETURN part.id AS partId, whole.id AS wholeId
UNION
MATCH (whole:Entity)-[:HAS_REQUIREMENT]->(:Requirement)-[:OPTION*1..6]->(part:Entity)
WHERE part.id IN $itemIds AND whole.id IN $itemIds AND part <> whole
RETURN part.id AS partId, whole.id AS wholeId
