"""The reads of `credgraph db check`: nodes and relationships with their properties exactly as
stored, whatever their types (the check, not the repository, decides what fits)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.db import Database
from graph.relations import RelType


@dataclass(frozen=True)
class StoredNode:
    """A node as stored: its labels, its properties, whether it carries the :Entity label."""

    labels: tuple[str, ...]
    props: dict[str, Any]
    entity: bool


@dataclass(frozen=True)
class StoredRel:
    """A relationship as stored: its element id (the page key), its ends' `id` properties (of
    any stored type) and its properties."""

    key: str
    from_id: Any
    to_id: Any
    props: dict[str, Any]


class StoredDataRepository:
    """Keyset pages of everything stored, for the data check."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def nodes(self, after: str, limit: int) -> list[StoredNode]:
        """A page of the :Entity nodes by id, after the id `after` ('' for the first)."""
        rows = await self.db.read_all("entities/check_nodes", {"after": after, "limit": limit})
        return [StoredNode(tuple(r["labels"]), r["props"], True) for r in rows]

    async def odd_nodes(self, labels: Sequence[str], limit: int) -> list[StoredNode]:
        """Nodes of `labels` without the :Entity label or a string id (at most `limit`)."""
        params = {"labels": list(labels), "limit": limit}
        rows = await self.db.read_all("entities/check_odd_nodes", params)
        return [StoredNode(tuple(r["labels"]), r["props"], bool(r["entity"])) for r in rows]

    async def relationships(self, rel: RelType, after: str, limit: int) -> list[StoredRel]:
        """A page of the relationships of type `rel` by element id, after the key `after`."""
        params = {"type": rel.value, "after": after, "limit": limit}
        rows = await self.db.read_all("entities/check_rels", params)
        return [StoredRel(r["key"], r["fromId"], r["toId"], r["props"]) for r in rows]
