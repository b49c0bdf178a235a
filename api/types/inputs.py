"""Mutation inputs. Every field may be omitted: create needs what the model needs (at least `id`),
update changes only the fields given (null clears one). `...Ids` fields replace that
relationship set."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import UNSET

from graph.models import (
    Approach,
    CompetencyKind,
    CreditUnit,
    EndorsementKind,
    FeedbackFrom,
    FrameworkKind,
    InstitutionKind,
    OutcomeType,
    Status,
)
from graph.relations import RelType

ID = strawberry.ID


@strawberry.input
class InstitutionInput:
    """The fields of an institution to create or update."""

    id: ID | None = UNSET
    name: str | None = UNSET
    kind: InstitutionKind | None = UNSET
    jurisdiction: str | None = UNSET
    credit_unit: CreditUnit | None = UNSET
    max_transfer_credits: float | None = UNSET
    course_credit_in_credit_hours: float | None = UNSET


@strawberry.input
class FrameworkInput:
    """The fields of a framework to create or update."""

    id: ID | None = UNSET
    name: str | None = UNSET
    kind: FrameworkKind | None = UNSET
    publisher: str | None = UNSET
    version: str | None = UNSET
    license: str | None = UNSET
    description: str | None = UNSET


@strawberry.input
class CompetencyInput:
    """The fields of a competency to create or update, with its framework links."""

    id: ID | None = UNSET
    name: str | None = UNSET
    code: str | None = UNSET
    description: str | None = UNSET
    kind: CompetencyKind | None = UNSET
    framework_ids: list[ID] | None = UNSET
    broader_ids: list[ID] | None = UNSET


@strawberry.input(description="Effort and design elements of a micro-credential or suite standard.")
class EffortInput:
    """Effort and design elements shared by micro-credential and suite inputs."""

    hours: float | None = UNSET
    weeks: float | None = UNSET
    modules: int | None = UNSET
    outcomes_per_module: int | None = UNSET
    activities: int | None = UNSET
    facilitated_sessions: int | None = UNSET
    outcome_type: OutcomeType | None = UNSET
    pedagogy: str | None = UNSET
    instructional_design: str | None = UNSET
    assessment_methods: list[str] | None = UNSET
    ux_elements: list[str] | None = UNSET


@strawberry.input
class MicroCredentialInput(EffortInput):
    """The fields of a micro-credential to create or update, with its links."""

    id: ID | None = UNSET
    name: str | None = UNSET
    description: str | None = UNSET
    version: str | None = UNSET
    status: Status | None = UNSET
    credit_bearing: bool | None = UNSET
    credits: float | None = UNSET
    credit_unit: CreditUnit | None = UNSET
    cost: float | None = UNSET
    language: str | None = UNSET
    delivery_mode: str | None = UNSET
    institution_id: ID | None = UNSET
    competency_ids: list[ID] | None = UNSET
    prerequisite_ids: list[ID] | None = UNSET


@strawberry.input
class CourseInput:
    """The fields of a course to create or update, with its links."""

    id: ID | None = UNSET
    name: str | None = UNSET
    code: str | None = UNSET
    description: str | None = UNSET
    credits: float | None = UNSET
    credit_unit: CreditUnit | None = UNSET
    level: str | None = UNSET
    hours: float | None = UNSET
    cost: float | None = UNSET
    institution_id: ID | None = UNSET
    competency_ids: list[ID] | None = UNSET
    prerequisite_ids: list[ID] | None = UNSET


@strawberry.input
class ProgramInput:
    """The fields of a program to create or update."""

    id: ID | None = UNSET
    name: str | None = UNSET
    description: str | None = UNSET
    credential_type: str | None = UNSET
    required_credits: float | None = UNSET
    credit_unit: CreditUnit | None = UNSET
    residency_min_credits: float | None = UNSET
    institution_id: ID | None = UNSET


@strawberry.input(
    description="An element of a suite's standard that may differ, for whom, and why."
)
class AllowedDeviationInput:
    """A departure from a suite's standard allowed for some members."""

    field: str
    members: list[ID] = strawberry.field(default_factory=list)
    reason: str | None = None


@strawberry.input(description="A suite and its standard (exact values or min/max ranges).")
class SuiteInput(EffortInput):
    """The fields of a suite and its standard to create or update."""

    id: ID | None = UNSET
    name: str | None = UNSET
    description: str | None = UNSET
    audience: str | None = UNSET
    subject_area: str | None = UNSET
    approach: Approach | None = UNSET
    hours_min: float | None = UNSET
    hours_max: float | None = UNSET
    weeks_min: float | None = UNSET
    weeks_max: float | None = UNSET
    required_endorsement_kinds: list[EndorsementKind] | None = UNSET
    allowed_deviations: list[AllowedDeviationInput] | None = UNSET
    institution_id: ID | None = UNSET


@strawberry.input(description="One member of a suite.")
class SuiteMemberInput:
    """A member of a suite: core or elective, and its position."""

    micro_credential_id: ID
    core: bool | None = None
    position: int | None = None


@strawberry.input
class EmployerInput:
    """The fields of an employer to create or update."""

    id: ID | None = UNSET
    name: str | None = UNSET
    sector: str | None = UNSET


@strawberry.input
class OccupationInput:
    """The fields of an occupation to create or update."""

    id: ID | None = UNSET
    name: str | None = UNSET
    code: str | None = UNSET
    sector: str | None = UNSET
    description: str | None = UNSET


# Input fields that name relationships rather than properties: (relationship, one target only).
LINK_FIELDS: dict[str, tuple[RelType, bool]] = {
    "institution_id": (RelType.OFFERED_BY, True),
    "competency_ids": (RelType.TEACHES, False),
    "prerequisite_ids": (RelType.REQUIRES, False),
    "framework_ids": (RelType.IN_FRAMEWORK, False),
    "broader_ids": (RelType.BROADER, False),
}


@strawberry.input(description="Feedback on one version of a micro-credential.")
class FeedbackInput:
    """A rating of a micro-credential version by a learner or an employer."""

    micro_credential_id: ID
    rating: int
    from_: FeedbackFrom | None = strawberry.field(default=None, name="from")
    comment: str | None = None
    date: dt.date | None = None
