"""Entity reads: one by id, keyset lists with filters, any node by id, full-text search.

The per-label fields are made from the label catalogue, so every label of DOMAIN.md gets the same
`x(id)` and `xs(filter, first, after)` pair without a copy per label.
"""

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from strawberry.types.base import get_object_definition
from strawberry.utils.str_converters import to_camel_case

from api.auth import LEARNER_DATA
from api.context import Info
from api.types.entities import GQL_BY_LABEL, Node, to_gql
from api.types.node import fields_as
from api.types.pagination import Connection, ConnectionEdge, PageInfo, decode_cursor, encode_cursor
from graph.errors import Invalid
from graph.models import LEARNER_DATA_LABELS, Label
from graph.repositories.nodes import NodeFilter

# Learner data: readable only with a token (issue 6 refines this into roles).
PROTECTED = LEARNER_DATA_LABELS


@strawberry.input(
    description="Filters shared by every list; a filter that does not apply matches nothing."
)
class EntityFilter:
    """Filters shared by every list; a filter that does not apply matches nothing."""

    name_contains: str | None = None
    source: str | None = None
    status: str | None = None
    institution_id: strawberry.ID | None = None
    updated_since: dt.datetime | None = strawberry.field(
        default=None,
        description="Only nodes created or changed at or after this time (their updatedAt).",
    )

    def to_domain(self) -> NodeFilter:
        """The filter as the node repository takes it."""
        return fields_as(self, NodeFilter)


def _check_first(info: Info, first: int) -> int:
    cap = info.context.settings.max_page_size
    if not 0 <= first <= cap:
        raise Invalid(f"'first' must be between 0 and {cap}, got {first}")
    return first


def by_id_resolver(label: Label) -> Callable[..., Awaitable[Any]]:
    """The resolver of a label's `x(id)` root field."""
    gql_type = GQL_BY_LABEL[label]

    async def resolve(info: Info, id: strawberry.ID) -> gql_type | None:  # type: ignore[valid-type]
        """One node of the label by id, or null; learner data only for callers who may read it."""
        if label is Label.LEARNER:
            info.context.require_learner(id, "a learner's record")
        elif label in PROTECTED:
            info.context.require(f"{label.value} data", *LEARNER_DATA)
        node = await info.context.nodes(label).load(id)
        if node is None:
            return None
        return to_gql(node)

    return resolve


def list_resolver(label: Label) -> Callable[..., Awaitable[Any]]:
    """The resolver of a label's `xs(filter, first, after)` root field."""
    gql_type = GQL_BY_LABEL[label]

    async def resolve(
        info: Info,
        filter: EntityFilter | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[gql_type]:  # type: ignore[valid-type]
        """One keyset page of the label's nodes; learner data only for callers who may read it."""
        if label in PROTECTED:
            info.context.require(f"lists of {label.value} data", *LEARNER_DATA)
        node_filter = (filter or EntityFilter()).to_domain()
        repo = info.context.graph.nodes
        page = await repo.page(label, node_filter, _check_first(info, first), decode_cursor(after))
        items = [to_gql(n) for n in page.items]

        async def count() -> int:
            """How many nodes the filter matches (counted only when selected)."""
            return await repo.count(label, node_filter)

        return Connection(
            edges=[ConnectionEdge(cursor=encode_cursor(i.id), node=i) for i in items],
            nodes=items,
            page_info=PageInfo(
                has_next_page=page.has_next,
                end_cursor=encode_cursor(items[-1].id) if items else None,
            ),
            count=count,
        )

    return resolve


async def node(info: Info, id: strawberry.ID) -> Node | None:
    """Any node by id."""
    found = await info.context.graph.nodes.get_any([id])
    item = found.get(id)
    # Learner data the caller may not read answers as an unknown id would: an error here would
    # tell anyone which ids are learners.
    if item is None or not info.context.can_read_node(item.label, item.id):
        return None
    return to_gql(item)


@strawberry.type
class SearchHit:
    """A full-text search hit: the node and its score."""

    node: Node
    score: float


_SPACES = re.compile(r"\s+")


async def search(info: Info, text: str, first: int = 20) -> list[SearchHit]:
    """Full-text search over names and descriptions (competencies, credentials, courses)."""
    text = _SPACES.sub(" ", text).strip()
    if not text:
        raise Invalid("'text' must not be empty")
    hits = await info.context.graph.nodes.search(text, _check_first(info, first))
    return [SearchHit(node=to_gql(n), score=score) for n, score in hits]


def one(label: Label) -> Any:
    """The root field `x(id)` of a label: one node by id, or null."""
    return strawberry.field(
        resolver=by_id_resolver(label),
        description=f"One {label.value} by id, or null.",
        metadata={"label": label, "page": False},
    )


def page(label: Label) -> Any:
    """The root field `xs(filter, first, after)` of a label: one keyset page of its nodes."""
    return strawberry.field(
        resolver=list_resolver(label),
        description=f"{label.value} nodes ordered by id, one keyset page at a time.",
        metadata={"label": label, "page": True},
    )


@strawberry.type
class EntityQuery:
    """The per-label reads: `x(id)` and `xs(filter, first, after)` for every label."""

    institution = one(Label.INSTITUTION)
    institutions = page(Label.INSTITUTION)
    framework = one(Label.FRAMEWORK)
    frameworks = page(Label.FRAMEWORK)
    competency = one(Label.COMPETENCY)
    competencies = page(Label.COMPETENCY)
    micro_credential = one(Label.MICRO_CREDENTIAL)
    micro_credentials = page(Label.MICRO_CREDENTIAL)
    suite = one(Label.SUITE)
    suites = page(Label.SUITE)
    course = one(Label.COURSE)
    courses = page(Label.COURSE)
    program = one(Label.PROGRAM)
    programs = page(Label.PROGRAM)
    requirement = one(Label.REQUIREMENT)
    requirements = page(Label.REQUIREMENT)
    transfer_value = one(Label.TRANSFER_VALUE)
    transfer_values = page(Label.TRANSFER_VALUE)
    transfer_agreement = one(Label.TRANSFER_AGREEMENT)
    transfer_agreements = page(Label.TRANSFER_AGREEMENT)
    employer = one(Label.EMPLOYER)
    employers = page(Label.EMPLOYER)
    occupation = one(Label.OCCUPATION)
    occupations = page(Label.OCCUPATION)
    learner = one(Label.LEARNER)
    learners = page(Label.LEARNER)
    evidence = one(Label.EVIDENCE)
    evidence_items = page(Label.EVIDENCE)
    facilitator = one(Label.FACILITATOR)
    facilitators = page(Label.FACILITATOR)
    feedback = one(Label.FEEDBACK)
    feedback_items = page(Label.FEEDBACK)


def entity_roots() -> dict[str, tuple[Label, bool]]:
    """Root field name -> (its label, whether it is a page rather than a look-up by id)."""
    return {
        to_camel_case(field.python_name): (field.metadata["label"], field.metadata["page"])
        for field in get_object_definition(EntityQuery, strict=True).fields
    }
