"""The GraphQL query root, declared field by field: one class per question area, merged in the
order the schema lists them (api/schema.graphql)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.tools import merge_types

from api.resolvers import advising, credentials, entities, imports, questions
from api.resolvers import changes as change_log
from api.resolvers import webhooks as webhook_admin
from api.resolvers.entities import EntityQuery


def root(resolver: Callable[..., Awaitable[Any]]) -> Any:
    """A root field answered by `resolver`; its docstring is the field's description."""
    return strawberry.field(resolver=resolver, description=inspect.getdoc(resolver))


@strawberry.type
class NodeQuery:
    """Any node by id, and full-text search."""

    node = root(entities.node)
    search = root(entities.search)


@strawberry.type
class TransferQuery:
    """Where a learner's holdings earn credit."""

    transfer_credit = root(questions.transfer_credit)
    transfer_options = root(questions.transfer_options)


@strawberry.type
class PathwayQuery:
    """What is left to reach a target, and what prior learning already covers."""

    stacking_plan = root(questions.stacking_plan)
    prior_learning = root(questions.prior_learning)
    skill_gap = root(questions.skill_gap)


@strawberry.type
class AdvisingQuery:
    """Targets side by side, and an institution's articulation worklist."""

    compare_targets = root(advising.compare_targets)
    articulation_worklist = root(advising.articulation_worklist)


@strawberry.type
class EquivalenceQuery:
    """What an item stacks into or is equivalent to, suggested articulations, endorsements."""

    stacks_into = root(questions.stacks_into)
    equivalents_of = root(questions.equivalents_of)
    articulation_suggestions = root(questions.articulation_suggestions)
    endorsed_pathways = root(questions.endorsed_pathways)


@strawberry.type
class SuiteQuery:
    """Suite conformance, facilitator coverage and the impact of retiring a node."""

    suite_conformance = root(questions.suite_conformance)
    facilitator_coverage = root(questions.facilitator_coverage)
    impact_of = root(questions.impact_of_)


@strawberry.type
class CatalogueQuery:
    """The public catalogue and feedback summaries."""

    catalogue = root(questions.catalogue)
    feedback_summary = root(questions.feedback_summary)


@strawberry.type
class DocumentQuery:
    """Exported documents and credential verification."""

    export_document = root(imports.export_document)
    verify_credential = root(credentials.verify_credential)


@strawberry.type
class ChangeQuery:
    """The change log."""

    changes = root(change_log.changes)
    change_cursor = root(change_log.change_cursor)
    webhooks = root(webhook_admin.webhooks)


Query = merge_types(
    "Query",
    (
        NodeQuery,
        TransferQuery,
        PathwayQuery,
        AdvisingQuery,
        EquivalenceQuery,
        SuiteQuery,
        CatalogueQuery,
        DocumentQuery,
        ChangeQuery,
        EntityQuery,
    ),
)
