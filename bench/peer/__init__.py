"""The @neo4j/graphql peer comparison: its type definitions and the comparison driver."""
