"""The strawberry schema: query and mutation roots, limits and error masking."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.types import ExecutionContext

from api.compiled import CompiledReads, KnownDocumentsPort, PlanCache
from api.errors import ErrorCodes, mask_errors, stamp
from api.limits import Limits, limited_validation
from api.query import Query
from api.resolvers import changes
from api.resolvers.mutations import mutation_type
from api.types.entities import ENTITY_TYPES
from graph.settings import Settings

errors_log = logging.getLogger("credgraph.graphql")
DOCUMENT_CACHE_SIZE = 256


class CredgraphSchema(strawberry.Schema):
    """Logs expected errors (typed domain errors, bad requests) as one INFO line each; an
    unexpected error was logged with its traceback when it was masked."""

    def get_extensions(self, sync: bool = False) -> list[SchemaExtension]:
        """The extensions of one operation; synchronous execution (tools, unit tests) leaves
        out the compiled path, which awaits Neo4j."""
        found = super().get_extensions(sync)
        return [e for e in found if not (sync and isinstance(e, CompiledReads))]

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Stamps each error with its code and logs the expected ones (one INFO line each)."""
        context = execution_context.context if execution_context else None
        request_id = getattr(context, "request_id", None)
        for error in errors:
            # Errors raised while parsing (the parser cache, the token limit) end the operation
            # before ErrorCodes sees its result: they are stamped here (ErrorCodes stamps the
            # rest again, after masking, with the same rule).
            code = stamp(error, request_id)
            if code != "INTERNAL":  # faults are logged, with their traceback, when masked
                errors_log.info("graphql error %s: %s", code, error.message)


def build_schema(
    settings: Settings | None = None,
    plans: PlanCache | None = None,
    known: KnownDocumentsPort | None = None,
) -> strawberry.Schema:
    """The schema with its limits: depth, aliases, tokens, and introspection when allowed;
    compiled reads keep their plans in `plans` and record answered documents in `known`."""
    limits = settings or Settings()
    extensions: list[Any] = [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        # Clients send a fixed set of documents with variables: parse and validate each once
        # (about 2 ms a request). Validation depends on the document only (the cost limit
        # assumes the worst of a variable), so a cached verdict is the verdict.
        partial(ParserCache, maxsize=DOCUMENT_CACHE_SIZE),
        limited_validation(
            Limits(
                max_depth=limits.max_query_depth,
                max_aliases=limits.max_aliases,
                max_cost=limits.max_cost,
                page_cap=limits.max_page_size,
            ),
            DOCUMENT_CACHE_SIZE,
        ),
        ErrorCodes,  # outside MaskErrors: codes and request ids land on masked errors too
        mask_errors,
    ]
    if not limits.introspection_enabled:
        extensions.append(DisableIntrospection)
    if limits.compiled_reads:
        extensions.append(partial(CompiledReads, plans=plans or PlanCache(), known=known))
    return CredgraphSchema(
        query=Query,
        mutation=mutation_type(),
        subscription=changes.Subscription,
        types=list(ENTITY_TYPES),
        extensions=extensions,
    )


def sdl() -> str:
    """The schema as SDL (what `credgraph schema` prints and api/schema.graphql holds)."""
    return build_schema().as_str() + "\n"
