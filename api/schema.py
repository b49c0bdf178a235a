"""The strawberry schema: query and mutation roots, limits and error masking."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
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
from strawberry.tools import create_type
from strawberry.types import ExecutionContext

from api.compiled import CompiledReads, KnownDocumentsPort, PlanCache
from api.errors import ErrorCodes, mask_errors, stamp
from api.limits import Limits, limited_validation
from api.resolvers import (
    advising,
    changes,
    credentials,
    entities,
    imports,
    questions,
    webhooks,
)
from api.resolvers.mutations import mutation_type
from api.types.entities import ENTITY_TYPES
from graph.settings import Settings

errors_log = logging.getLogger("credgraph.graphql")
DOCUMENT_CACHE_SIZE = 256

# Root fields beside the per-label entity reads: GraphQL name -> resolver.
ROOT_FIELDS: dict[str, Callable[..., Awaitable[Any]]] = {
    "node": entities.node,
    "search": entities.search,
    "transferCredit": questions.transfer_credit,
    "transferOptions": questions.transfer_options,
    "stackingPlan": questions.stacking_plan,
    "priorLearning": questions.prior_learning,
    "skillGap": questions.skill_gap,
    "compareTargets": advising.compare_targets,
    "articulationWorklist": advising.articulation_worklist,
    "stacksInto": questions.stacks_into,
    "equivalentsOf": questions.equivalents_of,
    "articulationSuggestions": questions.articulation_suggestions,
    "endorsedPathways": questions.endorsed_pathways,
    "suiteConformance": questions.suite_conformance,
    "facilitatorCoverage": questions.facilitator_coverage,
    "impactOf": questions.impact_of_,
    "catalogue": questions.catalogue,
    "feedbackSummary": questions.feedback_summary,
    "exportDocument": imports.export_document,
    "verifyCredential": credentials.verify_credential,
    "changes": changes.changes,
    "changeCursor": changes.change_cursor,
    "webhooks": webhooks.webhooks,
}


def _query_type() -> type:
    fields: list[Any] = [
        strawberry.field(resolver=resolver, name=name, description=inspect.getdoc(resolver))
        for name, resolver in ROOT_FIELDS.items()
    ]
    for name, field in entities.entity_fields().items():
        field.python_name = name
        field.graphql_name = name
        fields.append(field)
    return create_type("Query", fields)


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
        query=_query_type(),
        mutation=mutation_type(),
        subscription=changes.Subscription,
        types=list(ENTITY_TYPES),
        extensions=extensions,
    )


def sdl() -> str:
    """The schema as SDL (what `credgraph schema` prints and api/schema.graphql holds)."""
    return build_schema().as_str() + "\n"
