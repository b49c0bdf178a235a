"""Entity types of institutions' catalogues: courses and programs."""

from __future__ import annotations

import strawberry

from api.types.enums import CreditUnit
from api.types.learning import (
    Institution,
    Requirement,
    TaughtCompetency,
    offering_institution_field,
    prerequisites_field,
    taught_competencies_field,
)
from api.types.node import Node, hop_field, of_label
from api.types.parties import TransferValue
from graph import models as m
from graph.relations import RelType, in_, out


@of_label(m.Label.COURSE)
@strawberry.type
class Course(Node):
    """A course of an institution's catalogue, worth credits."""

    code: str | None
    description: str | None
    credits: float | None
    credit_unit: CreditUnit | None
    level: str | None
    hours: float | None
    cost: float | None

    competencies: list[TaughtCompetency] = taught_competencies_field()
    institution: Institution | None = offering_institution_field()
    prerequisites: list[Node] = prerequisites_field()
    transfer_values_from: list[TransferValue] = hop_field(
        in_(RelType.FROM), description="Transfer values whose holder must have this course (FROM)."
    )
    transfer_values_for: list[TransferValue] = hop_field(
        in_(RelType.FOR), description="Transfer values that grant credit for this course (FOR)."
    )


@of_label(m.Label.PROGRAM)
@strawberry.type
class Program(Node):
    """A program: a credential earned by completing its rule tree."""

    description: str | None
    credential_type: str | None
    required_credits: float | None
    credit_unit: CreditUnit | None
    residency_min_credits: float | None

    institution: Institution | None = offering_institution_field()
    requirements: list[Requirement] = hop_field(
        out(RelType.HAS_REQUIREMENT), description="The completion rule tree's root requirement(s)."
    )
