// entities/upsert_rels_teaches: create or update TEACHES relationships between existing nodes (batched)
// The type is literal: Neo4j 5.26 plans MERGE on a dynamic type 20x slower (bench/README.md).
// params: sources (list of labels), targets (list of labels), rows (list of {from, to, props})
// returns: written (int), changes (list of {label, from, to, added, fields}: the relationships
//          added, or whose properties changed: their change events)
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
WHERE any(l IN labels(a) WHERE l IN $sources)
MATCH (b:Entity {id: row.to})
WHERE any(l IN labels(b) WHERE l IN $targets)
OPTIONAL MATCH (a)-[old:TEACHES]->(b)
WITH a, b, row, old IS NULL AS added,
     CASE WHEN old IS NULL THEN [] ELSE
       [k IN keys(row.props) WHERE NOT coalesce(old[k] = row.props[k],
                                                old[k] IS NULL AND row.props[k] IS NULL)] END AS fields
MERGE (a)-[r:TEACHES]->(b)
SET r += row.props
RETURN count(r) AS written,
       collect(CASE WHEN added OR size(fields) > 0
               THEN {label: [l IN labels(a) WHERE l IN $sources][0], from: a.id, to: b.id,
                     added: added, fields: fields} END) AS changes
