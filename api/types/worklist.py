"""The answer of articulationWorklist (DOMAIN.md decision 15): a keyset page of held items."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

import strawberry

from api.types.articulation import ArticulationSuggestion, suggestions_from
from api.types.explanations import Explanation, node_field
from api.types.pagination import PageInfo
from graph.errors import Invalid
from graph.services.worklist import MIN_COVERAGE, WorklistEntry, WorklistPage

_PREFIX = "worklist:"


def encode_worklist_cursor(learners: int, item_id: str) -> str:
    """The opaque cursor after an entry: its count of learners and its id."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{learners}:{item_id}".encode()).decode()


def decode_worklist_cursor(cursor: str | None) -> tuple[int, str] | None:
    """(learners, item id) of a cursor this API returned; INVALID for anything else."""
    if cursor is None:
        return None
    try:
        decoded = base64.urlsafe_b64decode(cursor.encode()).decode()
        count, _, item_id = decoded.removeprefix(_PREFIX).partition(":")
        if decoded.startswith(_PREFIX) and item_id and count.isdigit():
            return int(count), item_id
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise Invalid(f"'after' is not a worklist cursor returned by this API: {cursor[:40]!r}")


@strawberry.type(description="A held item of another institution with no effective rule here.")
class WorklistItem:
    """One entry of the worklist."""

    item_id: strawberry.ID
    learners_holding: int = strawberry.field(
        description="Distinct learners with an EARNED edge to it."
    )
    suggestions: list[ArticulationSuggestion] = strawberry.field(
        description="articulationSuggestions(fromId: item, institutionId) with its defaults, top 3."
    )
    cursor: str
    explanation: Explanation

    item = node_field("item_id")


@strawberry.type
class ArticulationWorklist:
    """One keyset page of the worklist."""

    institution_id: strawberry.ID
    as_of: dt.date
    nodes: list[WorklistItem]
    page_info: PageInfo


def _entry(institution_id: str, entry: WorklistEntry) -> WorklistItem:
    suggestions = suggestions_from(
        entry.item_id, institution_id, MIN_COVERAGE, list(entry.suggestions), False
    ).suggestions
    text = (
        f"{entry.item_id}: held by {entry.learners_holding} learner(s), no effective transfer "
        f"value into {institution_id}; {len(suggestions)} suggested course(s)"
    )
    return WorklistItem(
        item_id=strawberry.ID(entry.item_id),
        learners_holding=entry.learners_holding,
        suggestions=suggestions,
        cursor=encode_worklist_cursor(entry.learners_holding, entry.item_id),
        explanation=Explanation(text=text, path=[]),
    )


def worklist_from(page: WorklistPage) -> ArticulationWorklist:
    """The GraphQL page of a worklist page."""
    nodes = [_entry(page.institution_id, e) for e in page.entries]
    return ArticulationWorklist(
        institution_id=strawberry.ID(page.institution_id),
        as_of=page.as_of,
        nodes=nodes,
        page_info=PageInfo(
            has_next_page=page.has_next_page, end_cursor=nodes[-1].cursor if nodes else None
        ),
    )
