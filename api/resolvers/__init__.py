"""Thin resolvers: arguments in, repository or service call, GraphQL type out."""
