"""Frozen pydantic models of relationship properties, and what a hop or a list answers."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from graph.models.nodes import Model, Node
from graph.models.vocabulary import (
    AlignmentMatch,
    EndorsementKind,
    Grade,
    PartyRole,
    VerificationState,
)


class Teaches(Model):
    """TEACHES: the level taught, and whether it is assessed."""

    level: str | None = None
    assessed: bool | None = None


class InSuite(Model):
    """IN_SUITE: core or elective, and the position in the suite."""

    core: bool | None = None
    position: int | None = None


class Endorses(Model):
    """ENDORSES: the kind of endorsement, and since when."""

    kind: EndorsementKind | None = None
    since: dt.date | None = None


class Needs(Model):
    """NEEDS: whether the occupation needs the competency as essential."""

    essential: bool = False


class Earned(Model):
    """EARNED: when, with what grade and until when, and what verifying its credential found."""

    date: dt.date | None = None
    grade: Grade | None = None
    expires: dt.date | None = None
    verification: VerificationState | None = None
    verified_on: dt.date | None = None
    verification_reason: str | None = None
    verified_issuer: str | None = None


class Between(Model):
    """BETWEEN: the party's role in the agreement."""

    role: PartyRole | None = None


class Aligns(Model):
    """ALIGNS: how closely two competencies match, and the source's own term."""

    match: AlignmentMatch = AlignmentMatch.RELATED
    raw_type: str | None = None


class Demonstrates(Model):
    """DEMONSTRATES: the level the evidence shows."""

    level: str | None = None


class NoProps(Model):
    """A relationship without properties."""

    model_config = ConfigDict(extra="ignore")


class Edge(BaseModel):
    """A neighbour reached over one relationship, with that relationship's properties."""

    model_config = ConfigDict(frozen=True)

    node: Node
    props: Model


class Page(BaseModel):
    """One keyset page of a list."""

    model_config = ConfigDict(frozen=True)

    items: tuple[Node, ...]
    has_next: bool


__all__ = [
    "Aligns",
    "Between",
    "Demonstrates",
    "Earned",
    "Edge",
    "Endorses",
    "InSuite",
    "Needs",
    "NoProps",
    "Page",
    "Teaches",
]
