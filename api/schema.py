"""The strawberry schema: query and mutation roots, limits and error masking."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import strawberry
from strawberry.extensions import QueryDepthLimiter
from strawberry.tools import create_type

from api.errors import ErrorCodes, mask_errors
from api.resolvers import entities, questions
from api.resolvers.mutations import mutation_type
from api.types.entities import ENTITY_TYPES

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


def build_schema(max_depth: int = 10) -> strawberry.Schema:
    return strawberry.Schema(
        query=_query_type(),
        mutation=mutation_type(),
        types=list(ENTITY_TYPES),
        extensions=[partial(QueryDepthLimiter, max_depth=max_depth), mask_errors, ErrorCodes],
    )


def sdl() -> str:
    """The schema as SDL (what `credgraph schema` prints and api/schema.graphql holds)."""
    return build_schema().as_str() + "\n"
