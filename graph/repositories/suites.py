"""Reads for the suite questions: a suite's standard and members, facilitation, impact."""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Database, Row
from graph.models import Endorses, InSuite, Label, MicroCredential, Suite
from graph.planning.suites import Member
from graph.stored import fitting, read_fitting, read_node, stored_id, stored_ids


@dataclass(frozen=True)
class SuiteStandard:
    """A suite as its standard checks it: the suite, its members in id order, its endorsements."""

    suite: Suite
    members: tuple[Member, ...]
    endorsement_kinds: frozenset[str]


@dataclass(frozen=True)
class Facilitation:
    """What a micro-credential's facilitators must hold, and what each facilitator holds."""

    needs: frozenset[str]
    qualifications: dict[str, frozenset[str]]  # facilitator id -> competencies qualified in
    facilitating: frozenset[str]  # facilitators who facilitate it already
    truncated: bool


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
    """What retiring or replacing a node would touch."""

    id: str
    label: str | None
    touched: dict[str, tuple[str, ...]]  # list name -> sorted distinct ids
    learners: tuple[str, ...]  # learners holding it or with plans through it
    truncated: bool


def _credential(props: dict[str, object]) -> MicroCredential:
    """A member's credential; one whose stored values do not fit is refused, not guessed at."""
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


class SuiteRepository:
    """The statements of the suite questions, read into models."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def standard(self, suite_id: str) -> SuiteStandard | None:
        """The suite with its members (None: no such suite)."""
        rows = await self.db.read("questions/suite_members", {"suiteId": suite_id})
        if not rows:
            return None
        row = rows[0]
        # A standard or member whose stored values do not fit is refused, not guessed at.
        suite = fitting(read_node(Label.SUITE, {**row["suite"], "id": suite_id}))
        assert isinstance(suite, Suite)  # noqa: S101 - read_node reads the label's model
        members = tuple(
            _member(m, suite_id)
            for m in sorted(row["members"], key=lambda m: str(m["props"]["id"]))
        )
        return SuiteStandard(suite, members, _endorsement_kinds(row["suiteEndorsements"], suite_id))

    async def facilitation(self, micro_credential_id: str, limit: int) -> Facilitation | None:
        """Up to `limit` facilitators of a micro-credential (None: no such micro-credential)."""
        rows = await self.db.read(
            "questions/facilitation", {"microCredentialId": micro_credential_id, "limit": limit}
        )
        if not rows:
            return None
        needs = frozenset(stored_ids(rows[0]["needs"], "Competency"))
        facilitators = [
            (stored_id(f["id"], "Facilitator"), f) for f in rows[0]["facilitators"] if f
        ]
        return Facilitation(
            needs=needs,
            qualifications={
                id_: frozenset(stored_ids(f["qualified"], "Competency")) for id_, f in facilitators
            },
            facilitating=frozenset(id_ for id_, f in facilitators if f["facilitates"]),
            truncated=len(facilitators) >= limit,
        )

    async def impact(self, id_: str, limit: int) -> Impact | None:
        """What `id_` is used by, up to `limit` of each kind (None: no such node)."""
        rows = await self.db.read("questions/impact", {"id": id_, "limit": limit})
        if not rows:
            return None
        row = rows[0]
        touched = {
            name: tuple(sorted(set(stored_ids(row[name], "Entity")))) for name in IMPACT_LISTS
        }
        learners = tuple(
            sorted(set(stored_ids(row["learnersHolding"] + row["learnersOnPath"], "Learner")))
        )
        truncated = any(
            len(row[name]) >= limit for name in (*IMPACT_LISTS, "learnersHolding", "learnersOnPath")
        )
        label = next((x for x in row["labels"] if x != "Entity"), None)
        return Impact(id_, label, touched, learners, truncated)
