// entities/upsert_rels_offered_by: create or update OFFERED_BY relationships between existing nodes (batched)
// The type is literal: Neo4j 5.26 plans MERGE on a dynamic type 20x slower (bench/README.md).
// params: sources (list of labels), targets (list of labels), rows (list of {from, to, props})
// returns: written (int)
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
WHERE any(l IN labels(a) WHERE l IN $sources)
MATCH (b:Entity {id: row.to})
WHERE any(l IN labels(b) WHERE l IN $targets)
MERGE (a)-[r:OFFERED_BY]->(b)
SET r += row.props
RETURN count(r) AS written
