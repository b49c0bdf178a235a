"""The hand-written Cypher statements, one per .cypher file, read by graph.cypher."""
