"""What every answer item carries: an explanation (a sentence and its graph path), and the way
back from an answer's ids to the nodes, through the request's DataLoader."""

from __future__ import annotations

from typing import TypeVar, cast

import strawberry

from api.context import Info
from api.types.node import Node, to_gql

ID = strawberry.ID
ASSUMED_TEXT = "assumed held (what-if), not recorded"
N = TypeVar("N", bound=Node)


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


async def node_as(info: Info, id_: str, kind: type[N]) -> N | None:
    """The node with this id, typed as the answer knows it (a rule's id names a TransferValue)."""
    return cast("N | None", await node_of(info, id_))


async def nodes_as(info: Info, ids: list[str], kind: type[N]) -> list[N]:
    """The nodes with these ids, typed as the answer knows them (see `node_as`)."""
    return cast("list[N]", await nodes_of(info, ids))
