"""Domain and persistence: models, Cypher registry, repositories, planning, services."""
