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
    level: str | None = None
    assessed: bool | None = None


class InSuite(Model):
    core: bool | None = None
    position: int | None = None


class Endorses(Model):
    kind: EndorsementKind | None = None
    since: dt.date | None = None


class Needs(Model):
    essential: bool = False


class Earned(Model):
    date: dt.date | None = None
    grade: Grade | None = None
    expires: dt.date | None = None
    verification: VerificationState | None = None
    verified_on: dt.date | None = None
    verification_reason: str | None = None
    verified_issuer: str | None = None


class Between(Model):
    role: PartyRole | None = None


class Aligns(Model):
    match: AlignmentMatch = AlignmentMatch.RELATED
    raw_type: str | None = None


class Demonstrates(Model):
    level: str | None = None


class NoProps(Model):
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
