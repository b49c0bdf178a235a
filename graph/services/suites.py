"""Suite design questions: conformance to the suite's standard and shape, facilitator coverage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.db import Database, Row
from graph.errors import FieldProblem, Invalid, NotFound
from graph.models import Endorses, InSuite, Label, MicroCredential, Suite
from graph.planning.suites import (
    Deviation,
    FacilitatorFit,
    Member,
    ShapeViolation,
    deviations,
    facilitator_fits,
    shape_violations,
)
from graph.relations import RelType
from graph.repositories.nodes import Link, NodeRepository
from graph.stored import fitting, read_fitting, read_node, stored_id, stored_ids


@dataclass(frozen=True)
class Conformance:
    suite: Suite
    members: tuple[Member, ...]
    deviations: tuple[Deviation, ...]
    shape_violations: tuple[ShapeViolation, ...]


@dataclass(frozen=True)
class FacilitatorCoverage:
    micro_credential_id: str
    needs: tuple[str, ...]
    fits: tuple[FacilitatorFit, ...]
    truncated: bool


def _credential(props: dict[str, object]) -> MicroCredential:
    found = fitting(read_node(Label.MICRO_CREDENTIAL, props))
    assert isinstance(found, MicroCredential)  # noqa: S101 - read_node reads the label's model
    return found


def _endorsement_kinds(rows: list[Row], target_id: str) -> frozenset[str]:
    """The kinds of endorsement a target has: a required kind is checked, so each must fit."""
    kinds = set()
    for row in rows:
        key = f"{row['employerId']} -> {target_id}"
        found = read_fitting(Endorses, {"kind": row["kind"]}, "ENDORSES", key)
        if found.kind is not None:
            kinds.add(found.kind.value)
    return frozenset(kinds)


def _member(row: Row, suite_id: str) -> Member:
    """A member as the standard checks it: its credential and its IN_SUITE core and position."""
    credential = _credential(row["props"])
    link = read_fitting(
        InSuite,
        {"core": row["core"], "position": row["position"]},
        "IN_SUITE",
        f"{credential.id} -> {suite_id}",
    )
    return Member(
        credential=credential,
        core=link.core,
        position=link.position,
        requires=frozenset(row["requires"]),
        teaches=frozenset(row["teaches"]),
        endorsement_kinds=_endorsement_kinds(row["endorsements"], credential.id),
    )


class SuiteService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def conformance(self, suite_id: str) -> Conformance:
        rows = await self.db.read("questions/suite_members", {"suiteId": suite_id})
        if not rows:
            raise NotFound("Suite", suite_id)
        row = rows[0]
        # A standard or member whose stored values do not fit is refused, not guessed at.
        suite = fitting(read_node(Label.SUITE, {**row["suite"], "id": suite_id}))
        assert isinstance(suite, Suite)  # noqa: S101 - read_node reads the label's model
        members = tuple(
            _member(m, suite_id)
            for m in sorted(row["members"], key=lambda m: str(m["props"]["id"]))
        )
        endorsed = _endorsement_kinds(row["suiteEndorsements"], suite_id)
        return Conformance(
            suite=suite,
            members=members,
            deviations=tuple(deviations(suite, members, endorsed)),
            shape_violations=tuple(shape_violations(suite, members)),
        )

    async def facilitator_coverage(self, micro_credential_id: str) -> FacilitatorCoverage:
        limit = 500
        rows = await self.db.read(
            "questions/facilitation", {"microCredentialId": micro_credential_id, "limit": limit}
        )
        if not rows:
            raise NotFound("MicroCredential", micro_credential_id)
        needs = frozenset(stored_ids(rows[0]["needs"], "Competency"))
        facilitators = [
            (stored_id(f["id"], "Facilitator"), f) for f in rows[0]["facilitators"] if f
        ]
        fits = facilitator_fits(
            needs,
            {id_: frozenset(stored_ids(f["qualified"], "Competency")) for id_, f in facilitators},
            frozenset(id_ for id_, f in facilitators if f["facilitates"]),
        )
        return FacilitatorCoverage(
            micro_credential_id, tuple(sorted(needs)), tuple(fits), len(facilitators) >= limit
        )


IMPACT_LISTS = (
    "requiredBy",
    "taughtBy",
    "facilitationNeededBy",
    "requirements",
    "ruleOwners",
    "transferValues",
    "suites",
    "stacksInto",
    "occupations",
    "supersededBy",
    "alignedWith",
)


@dataclass(frozen=True)
class Impact:
    id: str
    label: str | None
    touched: dict[str, tuple[str, ...]]  # list name -> sorted distinct ids
    learners: tuple[str, ...]  # learners holding it or with plans through it
    truncated: bool


async def impact_of(db: Database, id_: str, limit: int = 1000) -> Impact:
    """What retiring or replacing `id_` (a competency, credential or course) would touch."""
    rows = await db.read("questions/impact", {"id": id_, "limit": limit})
    if not rows:
        raise NotFound("node", id_)
    row = rows[0]
    touched = {name: tuple(sorted(set(stored_ids(row[name], "Entity")))) for name in IMPACT_LISTS}
    learners = tuple(
        sorted(set(stored_ids(row["learnersHolding"] + row["learnersOnPath"], "Learner")))
    )
    truncated = any(
        len(row[name]) >= limit for name in (*IMPACT_LISTS, "learnersHolding", "learnersOnPath")
    )
    label = next((x for x in row["labels"] if x != "Entity"), None)
    return Impact(id_, label, touched, learners, truncated)


class SuiteEditor:
    """Suite membership: one transaction replaces the whole member list."""

    def __init__(self, nodes: NodeRepository) -> None:
        self.nodes = nodes

    async def set_members(
        self, suite_id: str, members: Sequence[tuple[str, bool | None, int | None]]
    ) -> Suite:
        suite = (await self.nodes.get_many(Label.SUITE, [suite_id])).get(suite_id)
        if not isinstance(suite, Suite):
            raise NotFound("Suite", suite_id)
        ids = [m[0] for m in members]
        if len(set(ids)) != len(ids):
            raise Invalid(
                "a micro-credential is listed twice", [FieldProblem("members", "duplicate")]
            )
        positions = [m[2] for m in members if m[2] is not None]
        if len(set(positions)) != len(positions):
            raise Invalid(
                "two members share a position", [FieldProblem("members.position", "duplicate")]
            )
        async with self.nodes.writer() as writer:
            await writer.remove_suite_members(suite_id, ids)
            await writer.upsert_links(
                RelType.IN_SUITE,
                [
                    Link(mc, suite_id, InSuite(core=core, position=position))
                    for mc, core, position in members
                ],
            )
        return suite
