"""The GraphQL query root: the questions' root fields from one table, in the order the schema
lists them (api/schema.graphql), then the per-label reads."""

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


# Every question's root field -> its resolver, in the order the schema lists them, by area.
QUESTION_RESOLVERS: dict[str, Callable[..., Awaitable[Any]]] = {
    # any node by id, and full-text search
    "node": entities.node,
    "search": entities.search,
    # where a learner's holdings earn credit
    "transfer_credit": questions.transfer_credit,
    "transfer_options": questions.transfer_options,
    # what is left to reach a target, and what prior learning already covers
    "stacking_plan": questions.stacking_plan,
    "prior_learning": questions.prior_learning,
    "skill_gap": questions.skill_gap,
    # targets side by side, and an institution's articulation worklist
    "compare_targets": advising.compare_targets,
    "articulation_worklist": advising.articulation_worklist,
    # what an item stacks into or is equivalent to, suggested articulations, endorsements
    "stacks_into": questions.stacks_into,
    "equivalents_of": questions.equivalents_of,
    "articulation_suggestions": questions.articulation_suggestions,
    "endorsed_pathways": questions.endorsed_pathways,
    # suite conformance, facilitator coverage and the impact of retiring a node
    "suite_conformance": questions.suite_conformance,
    "facilitator_coverage": questions.facilitator_coverage,
    "impact_of": questions.impact_of_,
    # the public catalogue and feedback summaries
    "catalogue": questions.catalogue,
    "feedback_summary": questions.feedback_summary,
    # exported documents and credential verification
    "export_document": imports.export_document,
    "verify_credential": credentials.verify_credential,
    # the change log and webhook subscriptions
    "changes": change_log.changes,
    "change_cursor": change_log.change_cursor,
    "webhooks": webhook_admin.webhooks,
}

QuestionQuery = strawberry.type(
    type(
        "QuestionQuery",
        (),
        {
            "__doc__": "The root fields of the questions, the change log and the documents.",
            **{name: root(resolver) for name, resolver in QUESTION_RESOLVERS.items()},
        },
    )
)

Query = merge_types("Query", (QuestionQuery, EntityQuery))
