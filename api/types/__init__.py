"""GraphQL object and input types, by question area."""
