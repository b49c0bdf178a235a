"""The strawberry schema: query and mutation roots, limits and error masking."""

from __future__ import annotations

from functools import partial
from typing import Any

import strawberry
from strawberry.extensions import QueryDepthLimiter
from strawberry.tools import create_type

from api.errors import ErrorCodes, mask_errors
from api.resolvers import entities, questions
from api.resolvers.mutations import mutation_type
from api.types.entities import ENTITY_TYPES


def _query_type() -> type:
    fields: list[Any] = [
        strawberry.field(resolver=entities.node, name="node", description="Any node by id."),
        strawberry.field(resolver=entities.search, name="search"),
        strawberry.field(resolver=questions.transfer_credit, name="transferCredit"),
        strawberry.field(resolver=questions.transfer_options, name="transferOptions"),
        strawberry.field(resolver=questions.stacking_plan, name="stackingPlan"),
        strawberry.field(resolver=questions.prior_learning, name="priorLearning"),
        strawberry.field(resolver=questions.skill_gap, name="skillGap"),
        strawberry.field(resolver=questions.stacks_into, name="stacksInto"),
        strawberry.field(resolver=questions.equivalents_of, name="equivalentsOf"),
        strawberry.field(
            resolver=questions.articulation_suggestions, name="articulationSuggestions"
        ),
        strawberry.field(resolver=questions.endorsed_pathways, name="endorsedPathways"),
        strawberry.field(resolver=questions.suite_conformance, name="suiteConformance"),
        strawberry.field(resolver=questions.facilitator_coverage, name="facilitatorCoverage"),
        strawberry.field(resolver=questions.impact_of_, name="impactOf"),
        strawberry.field(resolver=questions.catalogue, name="catalogue"),
        strawberry.field(resolver=questions.feedback_summary, name="feedbackSummary"),
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
