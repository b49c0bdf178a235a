"""The strawberry schema: query and mutation roots, limits and error masking."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.tools import create_type
from strawberry.types import ExecutionContext

from api.cost import cost_limit_rule
from api.errors import MASKED_MESSAGE, ErrorCodes, mask_errors
from api.resolvers import entities, imports, questions
from api.resolvers.mutations import mutation_type
from api.types.entities import ENTITY_TYPES
from graph.errors import GraphError
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

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            original = error.original_error
            code = original.code if isinstance(original, GraphError) else "BAD_REQUEST"
            if error.message == MASKED_MESSAGE:
                continue  # logged, with its traceback, by the masking rule
            errors_log.info("graphql error %s: %s", code, error.message)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with its limits: depth, aliases, tokens, and introspection when allowed."""
    limits = settings or Settings()
    # The rule classes are made once: QueryDepthLimiter and MaxAliasesLimiter would make new ones
    # per request, and the validation cache is keyed by them.
    rules: list[type[ASTValidationRule]] = [
        depth_rule(limits.max_query_depth, None),
        aliases_rule(limits.max_aliases),
        cost_limit_rule(limits.max_cost, limits.max_page_size),
    ]
    extensions: list[Any] = [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(AddValidationRules, rules),
        # Clients send a fixed set of documents with variables: parse and validate each once
        # (about 2 ms a request). Validation depends on the document only (the cost rule assumes
        # the worst of a variable), so a cached verdict is the verdict.
        partial(ParserCache, maxsize=DOCUMENT_CACHE_SIZE),
        partial(ValidationCache, maxsize=DOCUMENT_CACHE_SIZE),
        ErrorCodes,  # outside MaskErrors: codes and request ids land on masked errors too
        mask_errors,
    ]
    if not limits.introspection_enabled:
        extensions.append(DisableIntrospection)
    return CredgraphSchema(
        query=_query_type(),
        mutation=mutation_type(),
        types=list(ENTITY_TYPES),
        extensions=extensions,
    )


def sdl() -> str:
    """The schema as SDL (what `credgraph schema` prints and api/schema.graphql holds)."""
    return build_schema().as_str() + "\n"
