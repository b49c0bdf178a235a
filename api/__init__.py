"""The transport: the Starlette app, the GraphQL schema, its resolvers and the CLI."""
