"""Reads for plans, prior learning and skill gaps: rule trees, items, teachers, coverage facts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.db import Database, Row
from graph.models import (
    MODEL_BY_LABEL,
    AlignmentMatch,
    Aligns,
    CreditUnit,
    Earned,
    Endorses,
    Evidence,
    Institution,
    Label,
    MicroCredential,
    Requirement,
    Status,
)
from graph.planning.coverage import Alignment
from graph.planning.plans import Requirement as RuleRequirement
from graph.stored import (
    CREDIT_UNITS,
    STATUSES,
    fitting,
    plain_amount,
    plain_id,
    plain_unit,
    read_fitting,
    read_node,
    stored_id,
    stored_ids,
)

ITEM_LIMIT = 5000
TEACHERS_PER_COMPETENCY = 50


@dataclass(frozen=True)
class RuleTree:
    """A target's rule tree as stored: its root requirements and every requirement below."""

    target_id: str
    target_label: Label | None
    target_unit: CreditUnit | None
    institution_id: str | None
    roots: tuple[str, ...]
    requirements: tuple[RuleRequirement, ...]  # by id
    truncated: bool


@dataclass(frozen=True)
class ItemFacts:
    """An item as a plan counts it: hours, cost, credits, status, teaching and prerequisites."""

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
    """Where a learner's hold of a competency comes from: a holding, evidence or an assessment."""

    competency_id: str
    kind: str
    source_id: str
    date: dt.date | None
    expires: dt.date | None
    verified_by: str | None
    verification: str | None = None  # of a holding's credential (docs/credentials.md)


_ITEM_LABELS = ("MicroCredential", "Course", "Program")


class PathwayRepository:
    """Reads of the pathway questions: stacking, rule trees, items, teachers, alignments."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def stack_targets(self, ids: Sequence[str], limit: int) -> list[StackEdge]:
        """Where each of `ids` stacks into, by the paths that lead there, at most `limit`."""
        return await _stack_targets(self.db, ids, limit)

    async def endorsements(
        self, employer_id: str | None, occupation_id: str | None, limit: int
    ) -> list[EndorsementFact]:
        """Endorsements by an employer or of items toward an occupation, at most `limit`."""
        return await _endorsements(self.db, employer_id, occupation_id, limit)

    async def rule_tree(self, target_id: str) -> RuleTree | None:
        """The rule tree of `target_id`, or None when no such node exists."""
        rows = await self.db.read("questions/rule_tree", {"targetId": target_id})
        if not rows:
            return None
        row = rows[0]
        label = next((Label(x) for x in row["labels"] if x in Label.__members__.values()), None)
        unit = None
        if label is not None:  # the target's unit counts its credits: it must fit
            target = fitting(read_node(label, {**row["target"], "id": target_id}), "credit_unit")
            unit = getattr(target, "credit_unit", None)
        return RuleTree(
            target_id=target_id,
            target_label=label,
            target_unit=unit,
            institution_id=row["institutionId"],
            roots=tuple(sorted(stored_ids(row["roots"], "Requirement"))),
            requirements=tuple(
                sorted((_requirement(r) for r in row["requirements"]), key=lambda r: r.id)
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
            facts = _item(row)
            found[facts.id] = facts
        return found

    async def teachers(self, competency_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The published items teaching each of `competency_ids`, a bounded number each."""
        if not competency_ids:
            return {}
        rows = await self.db.read("questions/teachers_of", _teaching(competency_ids))
        return {row["competencyId"]: tuple(row["teachers"]) for row in rows}

    async def items_teaching(self, competency_ids: Sequence[str]) -> dict[str, ItemFacts]:
        """The candidates `teachers` finds for these competencies, read as `items` reads them,
        in one statement (their prerequisites are not read: a closing set does not need them)."""
        if not competency_ids:
            return {}
        rows = await self.db.read_all(
            "questions/items_teaching", {**_teaching(competency_ids), "limit": ITEM_LIMIT}
        )
        return {facts.id: facts for facts in map(_item, rows)}

    async def competency_sources(self, learner_id: str) -> list[SourceFact]:
        """Where the learner holds competencies from: holdings, evidence and assessments."""
        rows = await self.db.read_all(
            "questions/learner_competency_sources", {"learnerId": learner_id}
        )
        return [_source(learner_id, row) for row in rows]

    async def alignments(self, ids: Sequence[str], include_close: bool) -> list[Alignment]:
        """The alignments within reach of `ids`: EXACT ones, CLOSE too when asked."""
        rows = await self._near("questions/alignments_near", ids, include_close)
        return [_alignment(row) for row in rows]

    async def alignments_each(self, ids: Sequence[str], include_close: bool) -> AlignmentsNear:
        """`alignments` of each of these competencies apart."""
        rows = await self._near("questions/alignments_near_each", ids, include_close)
        return AlignmentsNear({row["id"]: list(row["alignments"]) for row in rows})

    async def _near(self, name: str, ids: Sequence[str], include_close: bool) -> list[Row]:
        """The rows of an alignments_near statement (none asked: none read)."""
        if not ids:
            return []
        matches = ["EXACT", "CLOSE"] if include_close else ["EXACT"]
        return await self.db.read_all(
            name,
            {
                "ids": sorted(set(ids)),
                "matches": matches,
                "known": [m.value for m in AlignmentMatch],
                "limit": ITEM_LIMIT,
            },
        )

    async def parents_of(self, ids: Sequence[str]) -> set[str]:
        """The broader ancestors of these competencies (for roll-up from what an item teaches)."""
        if not ids:
            return set()
        rows = await self.db.read(
            "questions/broader_of", {"ids": sorted(set(ids)), "limit": ITEM_LIMIT}
        )
        return {row["id"] for row in rows}

    async def children(self, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The narrower competencies of each of `ids` (roll-up's hierarchy)."""
        if not ids:
            return {}
        rows = await self.db.read(
            "questions/narrower_trees", {"ids": sorted(set(ids)), "limit": ITEM_LIMIT}
        )
        return {row["parent"]: tuple(sorted(row["children"])) for row in rows}


@dataclass(frozen=True)
class StackEdge:
    """One item stacking into a target, with the path that leads there and how."""

    item_id: str
    target_id: str
    target_label: str | None
    path_ids: tuple[str, ...]  # target ... item
    via: str


@dataclass(frozen=True)
class EndorsementFact:
    """One employer endorsing an item, with what the item teaches."""

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
            row["id"],
            stored_id(row["targetId"], _label(row["labels"]) or "Entity"),
            _label(row["labels"]),
            tuple(stored_ids(row["pathIds"], "Entity")),
            row["via"],
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
    found = []
    for row in rows:
        endorses = read_fitting(
            Endorses,
            {"kind": row["kind"], "since": row["since"]},
            "ENDORSES",
            f"{row['employerId']} -> {row['targetId']}",
        )
        found.append(
            EndorsementFact(
                row["employerId"],
                row["targetId"],
                _label(row["labels"]),
                endorses.kind.value if endorses.kind else None,
                endorses.since,
                tuple(sorted(set(row["teaches"]))),
            )
        )
    return found


class AlignmentsNear:
    """The alignments near each of some competencies, read as alignments only when asked for
    (a stored match that does not fit answers DATA_INVALID where it is used, not before)."""

    def __init__(self, rows: dict[str, list[Row]]) -> None:
        self._rows = rows

    def of(self, ids: Iterable[str]) -> list[Alignment]:
        """The alignments near any of these competencies (each pair of ends and match once)."""
        seen: set[tuple[str, str, str]] = set()
        found = []
        for id_ in sorted(set(ids)):
            for row in self._rows.get(id_, ()):
                key = (row["a"], row["b"], str(row["match"]))
                if key not in seen:
                    seen.add(key)
                    found.append(_alignment(row))
        return found


def _alignment(row: Row) -> Alignment:
    """An alignment coverage follows: its match must be one of the known ones."""
    key = f"{row['a']} -> {row['b']}"
    aligns = read_fitting(Aligns, {"match": row["match"]}, "ALIGNS", key)
    return Alignment(row["a"], row["b"], aligns.match.value)


def _requirement(row: Row) -> RuleRequirement:
    """A rule-tree requirement as stored: op, count and minCredits decide the plan, so they fit."""
    id_ = stored_id(row["id"], "Requirement")
    props = {"id": id_, "op": row["op"], "count": row["count"], "minCredits": row["minCredits"]}
    req = read_fitting(Requirement, props, "Requirement", id_)
    return RuleRequirement(
        id_, req.op, tuple(sorted(row["options"])), count=req.count, min_credits=req.min_credits
    )


def _teaching(competency_ids: Sequence[str]) -> dict[str, Any]:
    """The parameters of the statements that find the plan candidates teaching competencies."""
    return {
        "ids": sorted(set(competency_ids)),
        "statuses": [s.value for s in Status],
        "perCompetency": TEACHERS_PER_COMPETENCY,
    }


# the item properties each label's model holds (a property it does not hold is not read)
_ITEM_FIELDS = {
    label: frozenset(MODEL_BY_LABEL[Label(label)].model_fields) for label in _ITEM_LABELS
}


def _item(row: Row) -> ItemFacts:
    """An item as a plan counts it: hours, cost, credits, unit and status must fit."""
    label = next(x for x in row["labels"] if x in _ITEM_LABELS)
    return _plain_item(row, label) or _modelled_item(row, label)


def _plain_item(row: Row, label: str) -> ItemFacts | None:
    """An item without a model read when every value it is read with is already what the
    model would make of it (the usual case: skillGap reads about 45 a request); None when
    anything needs converting or does not fit: then the model reads it."""
    fields = _ITEM_FIELDS[label]
    amounts = []
    for name in ("hours", "cost", "credits"):
        value = row[name] if name in fields else None
        if not plain_amount(value):
            return None
        amounts.append(None if value is None else float(value))
    unit = row["creditUnit"] if "credit_unit" in fields else None
    status = row["status"] if "status" in fields else None
    institution_id, course_credit_hours = row["institutionId"], row["courseCreditHours"]
    if (
        not plain_id(row["id"])
        or not plain_unit(unit)
        or (status is not None and (type(status) is not str or status not in STATUSES))
        or not (institution_id is None or course_credit_hours is None or plain_id(institution_id))
        or not plain_amount(course_credit_hours)
    ):
        return None
    if "status" in fields and status is None:
        status = MicroCredential.model_fields["status"].default.value
    return ItemFacts(
        id=row["id"],
        label=label,
        hours=amounts[0],
        cost=amounts[1],
        credits=amounts[2],
        credit_unit=None if unit is None else CREDIT_UNITS[unit],
        status=status,
        institution_id=institution_id,
        course_credit_hours=(
            None
            if institution_id is None or course_credit_hours is None
            else float(course_credit_hours)
        ),
        teaches=tuple(sorted(row["teaches"])),
        requires=tuple(sorted(row["requires"])),
    )


def _modelled_item(row: Row, label: str) -> ItemFacts:
    """An item read through its model: converted where lossless, else refused (DATA_INVALID)."""
    id_ = stored_id(row["id"], label)
    props = {
        "id": id_,
        "hours": row["hours"],
        "cost": row["cost"],
        "credits": row["credits"],
        "creditUnit": row["creditUnit"],
        "status": row["status"],
    }
    item = read_fitting(MODEL_BY_LABEL[Label(label)], props, label, id_)
    course_credit_hours = None
    if row["institutionId"] is not None and row["courseCreditHours"] is not None:
        institution = read_fitting(
            Institution,
            {"id": row["institutionId"], "courseCreditInCreditHours": row["courseCreditHours"]},
            "Institution",
            str(row["institutionId"]),
        )
        course_credit_hours = institution.course_credit_in_credit_hours
    return ItemFacts(
        id=id_,
        label=label,
        hours=getattr(item, "hours", None),
        cost=getattr(item, "cost", None),
        credits=getattr(item, "credits", None),
        credit_unit=getattr(item, "credit_unit", None),
        status=item.status.value if isinstance(item, MicroCredential) else None,
        institution_id=row["institutionId"],
        course_credit_hours=course_credit_hours,
        teaches=tuple(sorted(row["teaches"])),
        requires=tuple(sorted(row["requires"])),
    )


def _source(learner_id: str, row: Row) -> SourceFact:
    """What a holding or evidence shows: its dates (and who verified evidence) must fit."""
    source_id = row["sourceId"]
    date: dt.date | None
    expires: dt.date | None
    verified_by: str | None
    if row["kind"] == "EARNED":
        props = {"date": row["date"], "expires": row["expires"]}
        earned = read_fitting(Earned, props, "EARNED", f"{learner_id} -> {source_id}")
        date, expires, verified_by = earned.date, earned.expires, "EARNED"
    else:
        props = {
            "id": source_id,
            "date": row["date"],
            "expires": row["expires"],
            "verifiedBy": row["verifiedBy"],
        }
        evidence = read_fitting(Evidence, props, "Evidence", str(source_id))
        date, expires, verified_by = evidence.date, evidence.expires, evidence.verified_by
    return SourceFact(
        competency_id=row["competencyId"],
        kind=row["kind"],
        source_id=source_id,
        date=date,
        expires=expires,
        verified_by=verified_by,
        verification=row["verification"],
    )
