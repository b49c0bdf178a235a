"""The change log: what every committed write changed, as ordered events (docs/changes.md)."""

from __future__ import annotations

import contextvars
import datetime as dt
import getpass
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graph.errors import Invalid

# Labels of events about learner data that are not entity labels (an issued credential names
# its learner).
ISSUED_CREDENTIAL = "IssuedCredential"
# Statements appending events write at most this many per statement.
APPEND_BATCH = 5000


class ChangeKind(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    DELETED = "DELETED"
    STATUS_CHANGED = "STATUS_CHANGED"
    RELATIONSHIP_ADDED = "RELATIONSHIP_ADDED"
    RELATIONSHIP_REMOVED = "RELATIONSHIP_REMOVED"


@dataclass(frozen=True)
class Origin:
    """Who made a write and in which request or import (stamped on its events)."""

    actor: str = "system"
    request_id: str | None = None

    @classmethod
    def of_command(cls, command: str) -> Origin:
        """A CLI command: the operating-system user, and an id for this run (`import:9f2c...`)."""
        return cls(f"cli:{getpass.getuser()}", f"{command}:{uuid.uuid4().hex}")


# Set once at an entry point (the GraphQL context, a CLI command) so that every write below it
# is stamped without threading the caller through each repository call (decision 70).
origin_var: contextvars.ContextVar[Origin | None] = contextvars.ContextVar("origin", default=None)


def current_origin() -> Origin:
    """The origin of the writes of this task (`system` outside any request or command)."""
    return origin_var.get() or Origin()


@dataclass(frozen=True)
class Change:
    """One change a write made, before it has a sequence number."""

    kind: ChangeKind
    label: str
    id: str
    fields: tuple[str, ...] = ()
    status: str | None = None
    relationship: str | None = None
    target_id: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "label": self.label,
            "id": self.id,
            "fields": list(self.fields),
            "status": self.status,
            "relationship": self.relationship,
            "targetId": self.target_id,
        }


def node_changes(label: str, rows: Iterable[dict[str, Any]]) -> list[Change]:
    """The events of upserted nodes, from `{id, created, fields, status}` rows of a statement
    (rows that changed nothing are not returned by it)."""
    found: list[Change] = []
    for row in rows:
        fields = tuple(sorted(row["fields"]))
        if row["created"]:
            kind = ChangeKind.CREATED
        elif "status" in fields:
            kind = ChangeKind.STATUS_CHANGED
        else:
            kind = ChangeKind.UPDATED
        found.append(Change(kind, label, str(row["id"]), fields, row.get("status")))
    return found


def link_changes(relationship: str, rows: Iterable[dict[str, Any]]) -> list[Change]:
    """The events of written relationships, from `{label, from, to, added, fields}` rows."""
    found: list[Change] = []
    for row in rows:
        kind = ChangeKind.RELATIONSHIP_ADDED if row["added"] else ChangeKind.UPDATED
        fields = tuple(sorted(row.get("fields") or ()))
        found.append(
            Change(kind, str(row["label"]), str(row["from"]), fields, None, relationship, row["to"])
        )
    return found


def removed_links(relationship: str, rows: Iterable[dict[str, Any]]) -> list[Change]:
    """The events of removed relationships, from `{label, from, to}` rows."""
    return [
        Change(
            ChangeKind.RELATIONSHIP_REMOVED,
            str(row["label"]),
            str(row["from"]),
            relationship=relationship,
            target_id=str(row["to"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ChangeEvent:
    """A committed change: its place in the log, when, what, who and in which request."""

    seq: int
    at: dt.datetime
    kind: ChangeKind
    label: str
    id: str
    fields: tuple[str, ...]
    actor: str
    request_id: str | None
    status: str | None = None
    relationship: str | None = None
    target_id: str | None = None

    @property
    def cursor(self) -> str:
        return encode_cursor(self.seq)


def event_from(row: dict[str, Any]) -> ChangeEvent:
    """An event from its stored properties."""
    return ChangeEvent(
        seq=int(row["seq"]),
        at=row["at"],
        kind=ChangeKind(row["kind"]),
        label=str(row["label"]),
        id=str(row["id"]),
        fields=tuple(row.get("fields") or ()),
        actor=str(row.get("actor") or ""),
        request_id=row.get("requestId"),
        status=row.get("status"),
        relationship=row.get("relationship"),
        target_id=row.get("targetId"),
    )


_PREFIX = "seq:"


def encode_cursor(seq: int) -> str:
    """The cursor after the event `seq` (0: before the first event)."""
    return f"{_PREFIX}{seq}"


def decode_cursor(cursor: str | None) -> int:
    """The sequence number a cursor stands for; a clear error for anything else."""
    if cursor is None or cursor == "":
        return 0
    digits = cursor.removeprefix(_PREFIX)
    if not cursor.startswith(_PREFIX) or not digits.isdigit() or len(digits) > 18:
        raise Invalid(f"'{cursor[:40]}' is not a change cursor (one looks like 'seq:42')")
    return int(digits)


@dataclass(frozen=True)
class ChangeFilter:
    """Which events a reader wants; None: any. `private_labels`: labels this reader may not see
    (learner data without a token that may read it), but `own_id` (a learner's own record)."""

    labels: Sequence[str] | None = None
    ids: Sequence[str] | None = None
    kinds: Sequence[ChangeKind] | None = None
    statuses: Sequence[str] | None = None
    private_labels: Sequence[str] = field(default_factory=tuple)
    own_id: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels) if self.labels is not None else None,
            "ids": list(self.ids) if self.ids is not None else None,
            "kinds": [k.value for k in self.kinds] if self.kinds is not None else None,
            "statuses": list(self.statuses) if self.statuses is not None else None,
            "private": list(self.private_labels),
            "ownId": self.own_id,
        }
