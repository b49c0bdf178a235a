"""Reads for plans, prior learning and skill gaps: rule trees, items, teachers, coverage facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from graph.db import Database
from graph.models import CreditUnit, Label, RuleOp
from graph.planning.coverage import Alignment

ITEM_LIMIT = 5000
TEACHERS_PER_COMPETENCY = 50


@dataclass(frozen=True)
class RuleTree:
    target_id: str
    target_label: Label | None
    target_props: dict[str, object]
    institution_id: str | None
    roots: tuple[str, ...]
    requirements: tuple[tuple[str, RuleOp, int | None, float | None, tuple[str, ...]], ...]
    truncated: bool


@dataclass(frozen=True)
class ItemFacts:
    id: str
    label: str
    hours: float | None
    cost: float | None
    credits: float | None
    credit_unit: CreditUnit | None
    status: str | None
    institution_id: str | None
    course_credit_hours: float | None
    teaches: tuple[str, ...]
    requires: tuple[str, ...]


@dataclass(frozen=True)
class SourceFact:
    competency_id: str
    kind: str
    source_id: str
    date: dt.date | None
    expires: dt.date | None
    verified_by: str | None
    verification: str | None = None  # of a holding's credential (docs/credentials.md)


_ITEM_LABELS = ("MicroCredential", "Course", "Program")


class PathwayRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def stack_targets(self, ids: Sequence[str], limit: int) -> list[StackEdge]:
        return await _stack_targets(self.db, ids, limit)

    async def endorsements(
        self, employer_id: str | None, occupation_id: str | None, limit: int
    ) -> list[EndorsementFact]:
        return await _endorsements(self.db, employer_id, occupation_id, limit)

    async def rule_tree(self, target_id: str) -> RuleTree | None:
        rows = await self.db.read("questions/rule_tree", {"targetId": target_id})
        if not rows:
            return None
        row = rows[0]
        label = next((Label(x) for x in row["labels"] if x in Label.__members__.values()), None)
        return RuleTree(
            target_id=target_id,
            target_label=label,
            target_props=row["target"],
            institution_id=row["institutionId"],
            roots=tuple(sorted(row["roots"])),
            requirements=tuple(
                (
                    r["id"],
                    RuleOp(r["op"]),
                    r["count"],
                    r["minCredits"],
                    tuple(sorted(r["options"])),
                )
                for r in sorted(row["requirements"], key=lambda r: r["id"])
            ),
            truncated=bool(row["truncated"]),
        )

    async def items(self, ids: Sequence[str]) -> dict[str, ItemFacts]:
        """These items and all they require (transitively), with what a plan needs to know."""
        if not ids:
            return {}
        rows = await self.db.read_all(
            "questions/items_with_prerequisites", {"ids": sorted(set(ids)), "limit": ITEM_LIMIT}
        )
        found = {}
        for row in rows:
            label = next(x for x in row["labels"] if x in _ITEM_LABELS)
            found[row["id"]] = ItemFacts(
                id=row["id"],
                label=label,
                hours=row["hours"],
                cost=row["cost"],
                credits=row["credits"],
                credit_unit=CreditUnit(row["creditUnit"]) if row["creditUnit"] else None,
                status=row["status"],
                institution_id=row["institutionId"],
                course_credit_hours=row["courseCreditHours"],
                teaches=tuple(sorted(row["teaches"])),
                requires=tuple(sorted(row["requires"])),
            )
        return found

    async def teachers(self, competency_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        if not competency_ids:
            return {}
        rows = await self.db.read(
            "questions/teachers_of",
            {"ids": sorted(set(competency_ids)), "limit": TEACHERS_PER_COMPETENCY},
        )
        return {row["competencyId"]: tuple(row["teachers"]) for row in rows}

    async def competency_sources(self, learner_id: str) -> list[SourceFact]:
        rows = await self.db.read_all(
            "questions/learner_competency_sources", {"learnerId": learner_id}
        )
        return [
            SourceFact(
                competency_id=row["competencyId"],
                kind=row["kind"],
                source_id=row["sourceId"],
                date=row["date"],
                expires=row["expires"],
                verified_by=row["verifiedBy"],
                verification=row["verification"],
            )
            for row in rows
        ]

    async def alignments(self, ids: Sequence[str], include_close: bool) -> list[Alignment]:
        if not ids:
            return []
        matches = ["EXACT", "CLOSE"] if include_close else ["EXACT"]
        rows = await self.db.read_all(
            "questions/alignments_near",
            {"ids": sorted(set(ids)), "matches": matches, "limit": ITEM_LIMIT},
        )
        return [Alignment(row["a"], row["b"], row["match"]) for row in rows]

    async def parents_of(self, ids: Sequence[str]) -> set[str]:
        """The broader ancestors of these competencies (for roll-up from what an item teaches)."""
        if not ids:
            return set()
        rows = await self.db.read(
            "questions/broader_of", {"ids": sorted(set(ids)), "limit": ITEM_LIMIT}
        )
        return {row["id"] for row in rows}

    async def children(self, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        if not ids:
            return {}
        rows = await self.db.read(
            "questions/narrower_trees", {"ids": sorted(set(ids)), "limit": ITEM_LIMIT}
        )
        return {row["parent"]: tuple(sorted(row["children"])) for row in rows}


@dataclass(frozen=True)
class StackEdge:
    item_id: str
    target_id: str
    target_label: str | None
    path_ids: tuple[str, ...]  # target ... item
    via: str


@dataclass(frozen=True)
class EndorsementFact:
    employer_id: str
    target_id: str
    target_label: str | None
    kind: str | None
    since: dt.date | None
    teaches: tuple[str, ...]


def _label(labels: Sequence[str]) -> str | None:
    return next((x for x in labels if x in Label.__members__.values()), None)


async def _stack_targets(db: Database, ids: Sequence[str], limit: int) -> list[StackEdge]:
    if not ids:
        return []
    rows = await db.read("questions/stack_targets", {"ids": sorted(set(ids)), "limit": limit})
    return [
        StackEdge(
            row["id"], row["targetId"], _label(row["labels"]), tuple(row["pathIds"]), row["via"]
        )
        for row in rows
    ]


async def _endorsements(
    db: Database, employer_id: str | None, occupation_id: str | None, limit: int
) -> list[EndorsementFact]:
    rows = await db.read(
        "questions/endorsements",
        {"employerId": employer_id, "occupationId": occupation_id, "limit": limit},
    )
    return [
        EndorsementFact(
            row["employerId"],
            row["targetId"],
            _label(row["labels"]),
            row["kind"],
            row["since"],
            tuple(sorted(set(row["teaches"]))),
        )
        for row in rows
    ]
