"""Issued credentials: the holding to issue, status list entries, revocations (issue 16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.changes import ISSUED_CREDENTIAL, Change, ChangeKind
from graph.db import Database
from graph.errors import Conflict
from graph.models import Label

STATUS_LIST_SIZE = 131_072  # the Bitstring Status List minimum: 16 KiB of bits
STATUS_MULTIPLIER = 77_813  # odd: counter -> index is a bijection modulo the (2^17) size


@dataclass(frozen=True)
class HoldingToIssue:
    """A learner's EARNED edge to an item, with the institution that offers the item."""

    date: dt.date | None
    labels: tuple[str, ...]
    institution_id: str | None
    institution_name: str | None
    item_id: str = ""
    verification: str | None = None


@dataclass(frozen=True)
class ToRecord:
    """One credential about to be issued: what the graph records of it."""

    credential_id: str
    kind: str  # OpenBadgeCredential or ClrCredential
    learner_id: str
    item_id: str | None
    institution_id: str
    verification_method: str
    list_url: str


def _holding(row: dict[str, Any], item_id: str) -> HoldingToIssue:
    institution = row["institution"] or {}
    return HoldingToIssue(
        date=row["date"],
        labels=tuple(row["labels"]),
        institution_id=institution.get("id"),
        institution_name=institution.get("name"),
        item_id=item_id,
        verification=row["verification"],
    )


@dataclass(frozen=True)
class Revoked:
    """Where a revoked credential's bit is."""

    institution_id: str
    status_list_url: str
    status_index: int


class CredentialRepository:
    """Reads and writes of issued credentials and their status lists."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def holding(self, learner_id: str, item_id: str) -> HoldingToIssue | None:
        """The learner's holding of the item, or None when there is none."""
        rows = await self.db.read(
            "credentials/issue_holding", {"learnerId": learner_id, "itemId": item_id}
        )
        return _holding(rows[0], item_id) if rows else None

    async def learner_holdings(self, learner_id: str) -> list[HoldingToIssue] | None:
        """Every holding of the learner, by item id; None when there is no such learner."""
        rows = await self.db.read("credentials/learner_holdings", {"learnerId": learner_id})
        if not rows:
            return None
        return [_holding(row, row["itemId"]) for row in rows[0]["rows"]]

    async def associations(self, item_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(part, whole) pairs among these items: suite members, rule-tree options."""
        rows = await self.db.read("credentials/held_associations", {"itemIds": list(item_ids)})
        return sorted({(row["partId"], row["wholeId"]) for row in rows})

    async def record_issued(self, entries: Sequence[ToRecord], issued_at: dt.datetime) -> list[int]:
        """Record issued credentials, each with the next entry of its status list, in one
        transaction: all of them or (a full list) none. Their status indexes, in order."""
        indexes: list[int] = []
        async with self.db.transaction() as tx:
            for entry in entries:
                rows = await tx.run(
                    "credentials/record_issued",
                    {
                        "listUrl": entry.list_url,
                        "institutionId": entry.institution_id,
                        "id": entry.credential_id,
                        "kind": entry.kind,
                        "learnerId": entry.learner_id,
                        "itemId": entry.item_id,
                        "verificationMethod": entry.verification_method,
                        "issuedAt": issued_at.isoformat(),
                        "multiplier": STATUS_MULTIPLIER,
                        "size": STATUS_LIST_SIZE,
                    },
                )
                if not rows:
                    raise Conflict(f"the status list {entry.list_url} is full")
                tx.note([Change(ChangeKind.CREATED, ISSUED_CREDENTIAL, entry.credential_id)])
                indexes.append(int(rows[0]["statusIndex"]))
        return indexes

    async def revoke(self, credential_id: str, at: dt.datetime, by: str) -> Revoked | None:
        """Mark an issued credential revoked, when and by whom; None when credgraph did not
        issue it."""
        rows = await self.db.write(
            "credentials/revoke_issued",
            {"id": credential_id, "revokedAt": at.isoformat(), "revokedBy": by},
            lambda rows: [
                Change(
                    ChangeKind.STATUS_CHANGED,
                    ISSUED_CREDENTIAL,
                    credential_id,
                    ("revoked", "revokedAt", "revokedBy"),
                    "REVOKED",
                )
                for row in rows
                if row["newly"]
            ],
        )
        if not rows:
            return None
        row = rows[0]
        return Revoked(row["institutionId"], row["statusListUrl"], row["statusIndex"])

    async def revoked_indexes(self, list_url: str) -> list[int]:
        """The set bits of a status list."""
        rows = await self.db.read("credentials/revoked_indexes", {"listUrl": list_url})
        return list(rows[0]["indexes"]) if rows else []

    async def set_verification_policy(self, institution_id: str, states: list[str] | None) -> bool:
        """Set (or, with None, remove) an institution's counted verification states; whether
        the institution exists."""
        rows = await self.db.write(
            "credentials/set_verification_policy",
            {"institutionId": institution_id, "states": states},
            lambda rows: [
                Change(
                    ChangeKind.UPDATED,
                    Label.INSTITUTION.value,
                    institution_id,
                    ("countedVerificationStates",),
                )
                for row in rows
                if row["changed"]
            ],
        )
        return bool(rows)
