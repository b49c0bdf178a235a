"""Versions and publication: legal status transitions with an audit trail, new versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from graph.errors import Conflict, Invalid, NotFound
from graph.models import Label, MicroCredential, Status, StatusChange
from graph.planning.governance import allowed_next, is_legal
from graph.relations import RelType, out
from graph.repositories.nodes import NodeRepository
from graph.services.editing import validate


class IllegalTransition(Invalid):
    """A status change the workflow does not allow; nothing was written."""

    def __init__(self, id_: str, current: Status, target: Status) -> None:
        allowed = allowed_next(current)
        names = ", ".join(s.value for s in allowed) or "nothing (final)"
        super().__init__(f"{id_} is {current.value}: it can move to {names}, not {target.value}")
        self.current = current
        self.target = target
        self.allowed = allowed


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Governance:
    """The publication workflow of micro-credentials and their versions."""

    def __init__(self, nodes: NodeRepository) -> None:
        self.nodes = nodes

    async def _get(self, id_: str) -> MicroCredential:
        found = (await self.nodes.get_many(Label.MICRO_CREDENTIAL, [id_])).get(id_)
        if not isinstance(found, MicroCredential):
            raise NotFound("MicroCredential", id_)
        return found

    @staticmethod
    def _moved(
        mc: MicroCredential, target: Status, actor: str, note: str | None
    ) -> MicroCredential:
        change = StatusChange(from_=mc.status, to=target, by=actor, at=_now(), note=note)
        return mc.model_copy(
            update={"status": target, "status_history": (*mc.status_history, change)}
        )

    async def transition(
        self, id_: str, target: Status, actor: str, note: str | None = None
    ) -> MicroCredential:
        """Move a version along the workflow (publishing retires what it supersedes)."""
        mc = await self._get(id_)
        if not is_legal(mc.status, target):
            raise IllegalTransition(id_, mc.status, target)
        changed = [self._moved(mc, target, actor, note)]
        if target is Status.PUBLISHED:
            older = (await self.nodes.neighbours(out(RelType.SUPERSEDES), [id_], 100))[id_]
            for edge in older:
                previous = edge.node
                if isinstance(previous, MicroCredential) and previous.status is Status.PUBLISHED:
                    changed.append(
                        self._moved(previous, Status.RETIRED, actor, f"superseded by {id_}")
                    )
        async with self.nodes.writer() as writer:
            await writer.upsert_nodes(changed)
        return await self._get(id_)

    async def new_version(
        self, id_: str, new_id: str, changes: Mapping[str, Any], actor: str
    ) -> MicroCredential:
        """A DRAFT copy of a version with `changes`; it SUPERSEDES the old one, same links."""
        old = await self._get(id_)
        if await self.nodes.get_any([new_id]):
            raise Conflict(f"id '{new_id}' is already in use")
        base = old.model_dump(exclude={"id", "status", "status_history", "updated_at", "source"})
        created = StatusChange(to=Status.DRAFT, by=actor, at=_now(), note=f"new version of {id_}")
        new = validate(
            Label.MICRO_CREDENTIAL,
            {**base, **changes, "id": new_id, "status": Status.DRAFT, "status_history": (created,)},
        )
        async with self.nodes.writer() as writer:
            await writer.upsert_nodes([new])
            await writer.copy_version_links(id_, new_id)
        return await self._get(new_id)
