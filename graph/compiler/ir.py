"""The selection of one read, as the compiler takes it: what each level asks, never how.

Response keys (aliases) are carried only to name the answer's keys in Python; they never reach
the statement. Request values (ids, filters, cursors, bounds) are `Value`s: the statement names
them as parameters, and the api layer supplies them for each request.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.models import Label
from graph.relations import Hop


class Uncompilable(Exception):
    """The selection asks for something the compiler does not cover (the caller falls back)."""


class Misfit(Exception):
    """A stored value is not of the model's type: the resolver path converts it without loss or
    answers DATA_INVALID at its field (decision 25), so the caller falls back to it."""


@dataclass(frozen=True)
class Value:
    """A request value: a parameter of the statement, supplied per request under `ref`."""

    ref: int


@dataclass(frozen=True)
class Property:
    """A stored property of the node (`name` is checked against the label's model)."""

    key: str
    name: str


@dataclass(frozen=True)
class Typename:
    """`__typename` of a node: its label, which is its GraphQL type's name."""

    key: str


@dataclass(frozen=True)
class Constant:
    """A value known from the document alone (the `__typename` of a non-node type)."""

    key: str
    value: str


@dataclass(frozen=True)
class Selection:
    """What is asked of a node, for each label it may have: that label's fields in response
    order, or None for a label whose nodes the api layer answers itself (learner data)."""

    by_label: tuple[tuple[Label, tuple[NodeField, ...] | None], ...]

    @property
    def labels(self) -> tuple[Label, ...]:
        """The labels the node may have."""
        return tuple(label for label, _ in self.by_label)


@dataclass(frozen=True)
class Far:
    """The node at the far end of the relationship, inside a wrapper object."""

    key: str
    selection: Selection


@dataclass(frozen=True)
class Near:
    """The node the relationship starts from, again, inside a wrapper object."""

    key: str
    selection: Selection


@dataclass(frozen=True)
class RelProperty:
    """A property of the relationship (`name` is checked against its properties model)."""

    key: str
    name: str


EdgeField = Far | Near | RelProperty | Constant


@dataclass(frozen=True)
class Edges:
    """Each neighbour as a wrapper object (e.g. `competency` with `level`, `assessed`)."""

    fields: tuple[EdgeField, ...]


@dataclass(frozen=True)
class Related:
    """A relationship field: the neighbours over `hop`, ordered by id, at most `bound` of them
    (limited before anything is collected); `single` answers the first one or null."""

    key: str
    hop: Hop
    bound: Value
    single: bool
    item: Selection | Edges


NodeField = Property | Typename | Constant | Related


@dataclass(frozen=True)
class NodeById:
    """A root look-up of one label by id (null when absent)."""

    key: str
    label: Label
    id: Value
    selection: Selection


@dataclass(frozen=True)
class AnyNodeById:
    """`node(id:)`: a node of any label by id (null when absent)."""

    key: str
    id: Value
    selection: Selection


@dataclass(frozen=True)
class PageFilter:
    """The list filters and keyset of a page: each a request value (null: no filter)."""

    after: Value  # '' for the first page
    name_contains: Value  # lower-cased
    source: Value
    status: Value
    institution_id: Value
    updated_since: Value
    limit: Value  # first + 1: one more than asked says whether there is a next page


@dataclass(frozen=True)
class Cursor:
    """An edge's cursor."""

    key: str


@dataclass(frozen=True)
class EdgeNode:
    """An edge's node."""

    key: str
    selection: Selection


@dataclass(frozen=True)
class PageEdges:
    """`edges { cursor node }` of a page."""

    key: str
    fields: tuple[Cursor | EdgeNode | Constant, ...]


@dataclass(frozen=True)
class PageNodes:
    """`nodes` of a page."""

    key: str
    selection: Selection


@dataclass(frozen=True)
class HasNextPage:
    """`pageInfo.hasNextPage`."""

    key: str


@dataclass(frozen=True)
class EndCursor:
    """`pageInfo.endCursor`."""

    key: str


@dataclass(frozen=True)
class PageInfo:
    """`pageInfo` of a page."""

    key: str
    fields: tuple[HasNextPage | EndCursor | Constant, ...]


@dataclass(frozen=True)
class TotalCount:
    """`totalCount`: counted only when selected."""

    key: str


PageField = PageEdges | PageNodes | PageInfo | TotalCount | Constant


@dataclass(frozen=True)
class PageOf:
    """A root keyset page of one label, ordered by id, with the list filters."""

    key: str
    label: Label
    filter: PageFilter
    fields: tuple[PageField, ...]

    @property
    def counts(self) -> bool:
        """Whether `totalCount` is selected."""
        return any(isinstance(f, TotalCount) for f in self.fields)

    @property
    def item_selections(self) -> tuple[Selection, ...]:
        """Every node selection of the page's items, in document order."""
        found: list[Selection] = []
        for field in self.fields:
            if isinstance(field, PageNodes):
                found.append(field.selection)
            elif isinstance(field, PageEdges):
                found += [f.selection for f in field.fields if isinstance(f, EdgeNode)]
        return tuple(found)


RootField = NodeById | AnyNodeById | PageOf | Constant


@dataclass(frozen=True)
class Read:
    """One query operation's root fields, in response order."""

    roots: tuple[RootField, ...]
