"""What every answer item carries: an explanation (a sentence and its graph path), and the way
back from an answer's ids to the nodes, through the request's DataLoader."""

from __future__ import annotations

from types import GenericAlias
from typing import Any

import strawberry

from api.context import Info
from api.types.node import Node, to_gql

ID = strawberry.ID
ASSUMED_TEXT = "assumed held (what-if), not recorded"


def ids(values: list[str] | tuple[str, ...]) -> list[strawberry.ID]:
    """The values as GraphQL ids."""
    return [ID(v) for v in values]


@strawberry.type(
    description="One relationship of an explanation path: (from)-[relationship]->(to)."
)
class PathStep:
    """One relationship of an explanation path: (from)-[relationship]->(to)."""

    from_id: strawberry.ID
    relationship: str
    to_id: strawberry.ID


@strawberry.type(
    description="Why an answer item holds: a sentence and the path of the graph behind it."
)
class Explanation:
    """Why an answer item holds: a sentence and the path of the graph behind it."""

    text: str
    path: list[PathStep]


async def node_of(info: Info, id_: str) -> Node | None:
    """The node with this id, loaded through the request's DataLoader."""
    found = await info.context.any_node().load(id_)
    return to_gql(found) if found is not None else None


async def nodes_of(info: Info, ids: list[str]) -> list[Node]:
    """The nodes with these ids that exist, in the order given: one DataLoader batch for all."""
    found = await info.context.any_node().load_many(ids)
    return [to_gql(n) for n in found if n is not None]


def assumed_holdings_field() -> Any:
    """`assumedHoldingIds` of an answer that takes a what-if: the items it held by assumption."""
    return strawberry.field(
        description="Items held by assumption (what-if) in this answer; nothing was written."
    )


def not_counted_field() -> Any:
    """`notCounted` of an answer over a learner's holdings: what verification policy left out."""
    return strawberry.field(
        description="Holdings the verification policy leaves out (REVOKED, INVALID by default)."
    )


def node_field(id_attr: str, kind: type[Node] = Node, description: str | None = None) -> Any:
    """A field answering the node whose id the object holds in `id_attr`, as a `kind` (null: no
    id, or no such node): the way back from an answer item to its node."""

    async def resolve(self: Any, info: Info) -> Node | None:
        """The node of this object's id, through the request's DataLoader."""
        id_ = getattr(self, id_attr)
        return None if id_ is None else await node_of(info, id_)

    return strawberry.field(resolver=resolve, graphql_type=kind | None, description=description)


def nodes_field(
    ids_attr: str, kind: type[Node] = Node, description: str | None = None, name: str | None = None
) -> Any:
    """A field answering the nodes whose ids the object holds in `ids_attr`, as `kind`s, in that
    order (ids of no node are left out)."""

    async def resolve(self: Any, info: Info) -> list[Node]:
        """The nodes of this object's ids, in one DataLoader batch."""
        return await nodes_of(info, list(getattr(self, ids_attr)))

    # list[kind] spelled as what it makes: mypy takes no variable inside a type's brackets
    of_kind = GenericAlias(list, kind)
    return strawberry.field(
        resolver=resolve, graphql_type=of_kind, description=description, name=name
    )
