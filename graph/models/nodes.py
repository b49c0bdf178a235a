"""Frozen pydantic models for every label of DOMAIN.md (the nodes).

Python attributes are snake_case; Neo4j properties (and GraphQL fields) are their camelCase
aliases, exactly the names DOMAIN.md gives.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from graph.errors import DataInvalid
from graph.models.vocabulary import (
    AgreementKind,
    Approach,
    CompetencyKind,
    CreditUnit,
    EndorsementKind,
    EvidenceKind,
    FeedbackFrom,
    FrameworkKind,
    Grade,
    Id,
    InstitutionKind,
    Label,
    NonNegative,
    NonNegativeInt,
    OutcomeType,
    RuleOp,
    ShortText,
    Source,
    Status,
    Text,
    VerificationState,
)


class Model(BaseModel):
    """A frozen model read from or written to Neo4j, with the fields whose stored value misfit."""

    model_config = ConfigDict(
        frozen=True, alias_generator=to_camel, populate_by_name=True, extra="ignore"
    )

    # Stored properties that did not fit, by field name, are kept in pydantic's private-state
    # slot, set by graph/stored.py on read and only then: a declared PrivateAttr would cost every
    # model (about a hundred per transferOptions answer) its initialisation and a slow lookup.

    @property
    def problems(self) -> dict[str, DataInvalid]:
        """Fields read as absent because their stored value did not fit (decision 25)."""
        private = self.__pydantic_private__
        return dict(private["problems"]) if private else {}

    def to_props(self) -> dict[str, Any]:
        """Neo4j properties: camelCase keys, no nulls (a missing property means unknown)."""
        return {k: v for k, v in self.model_dump(by_alias=True).items() if v is not None}


class Node(Model):
    """A node of any label: id, name and where it came from."""

    label: ClassVar[Label]

    id: Id
    name: ShortText | None = None
    source: Source | None = None
    source_uri: str | None = None
    updated_at: dt.datetime | None = None

    # Fields holding a list of objects, stored as one JSON string per object.
    json_list_fields: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _parse_json_lists(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not cls.json_list_fields:
            return data
        parsed = dict(data)
        for name in cls.json_list_fields:
            for key in (name, to_camel(name)):
                value = parsed.get(key)
                if isinstance(value, list | tuple):
                    parsed[key] = tuple(_json_or_text(v) for v in value)
        return parsed

    def to_props(self) -> dict[str, Any]:
        """The node's whole state: unknown fields are written as null (SET += removes them)."""
        props = self.model_dump(by_alias=True)
        props.pop("id")  # the key is written separately (MERGE on id)
        props.pop("updatedAt")  # set by every write
        for name in self.json_list_fields:
            props[to_camel(name)] = [
                json.dumps(item.model_dump(mode="json", by_alias=True), sort_keys=True)
                for item in getattr(self, name)
            ]
        return props


def _json_or_text(value: Any) -> Any:
    """A JSON object from its stored text; text that is not JSON stays text (and then fails
    validation on its own field, not on the whole node)."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class Institution(Node):
    """A university, college, training provider or other body that offers learning."""

    label: ClassVar[Label] = Label.INSTITUTION
    kind: InstitutionKind | None = None
    jurisdiction: str | None = None
    credit_unit: CreditUnit | None = None
    max_transfer_credits: NonNegative | None = None
    course_credit_in_credit_hours: NonNegative | None = None
    # which verification states count for transfer credit and prior learning here; None: the
    # setting decides (decision 50). Written only by setVerificationPolicy: an import or edit of
    # the institution leaves it as it is.
    counted_verification_states: tuple[VerificationState, ...] | None = None

    def to_props(self) -> dict[str, Any]:
        """The node's whole state but its verification policy (set by its own mutation)."""
        props = super().to_props()
        props.pop("countedVerificationStates")
        return props


class Framework(Node):
    """A competency framework."""

    label: ClassVar[Label] = Label.FRAMEWORK
    kind: FrameworkKind | None = None
    publisher: str | None = None
    version: str | None = None
    license: str | None = None
    description: Text | None = None


class Competency(Node):
    """A skill, knowledge item or competence of a framework."""

    label: ClassVar[Label] = Label.COMPETENCY
    code: str | None = None
    description: Text | None = None
    kind: CompetencyKind | None = None
    external: bool = False


class EffortFields(Node):
    """Effort and design elements shared by micro-credentials and suite standards."""

    hours: NonNegative | None = None
    weeks: NonNegative | None = None
    modules: NonNegativeInt | None = None
    outcomes_per_module: NonNegativeInt | None = None
    activities: NonNegativeInt | None = None
    facilitated_sessions: NonNegativeInt | None = None
    outcome_type: OutcomeType | None = None
    pedagogy: str | None = None
    instructional_design: str | None = None
    assessment_methods: tuple[str, ...] = ()
    ux_elements: tuple[str, ...] = ()


class StatusChange(Model):
    """One step of a credential's publication workflow: the audit trail."""

    from_: Status | None = Field(default=None, alias="from")
    to: Status
    by: str
    at: dt.datetime
    note: str | None = None


class MicroCredential(EffortFields):
    """A micro-credential: one version of a short, assessed learning offering."""

    label: ClassVar[Label] = Label.MICRO_CREDENTIAL
    description: Text | None = None
    version: str | None = None
    status: Status = Status.DRAFT
    credit_bearing: bool = False
    credits: NonNegative | None = None
    credit_unit: CreditUnit | None = None
    cost: NonNegative | None = None
    language: str | None = None
    delivery_mode: str | None = None
    status_history: tuple[StatusChange, ...] = ()

    # Neo4j has no list-of-maps property: one JSON string per change.
    json_list_fields: ClassVar[tuple[str, ...]] = ("status_history",)


class AllowedDeviation(Model):
    """A standard element that may differ, for which members (empty = any), and why."""

    field: str
    members: tuple[str, ...] = ()
    reason: str | None = None


class Suite(EffortFields):
    """A suite of micro-credentials; its effort fields are the standard every member follows.

    Numeric elements of the standard are exact (`hours`) or a range (`hoursMin`/`hoursMax`).
    """

    label: ClassVar[Label] = Label.SUITE
    description: Text | None = None
    audience: str | None = None
    subject_area: str | None = None
    approach: Approach | None = None
    hours_min: NonNegative | None = None
    hours_max: NonNegative | None = None
    weeks_min: NonNegative | None = None
    weeks_max: NonNegative | None = None
    required_endorsement_kinds: tuple[EndorsementKind, ...] = ()
    allowed_deviations: tuple[AllowedDeviation, ...] = ()

    # Neo4j has no list-of-maps property: one JSON string per deviation.
    json_list_fields: ClassVar[tuple[str, ...]] = ("allowed_deviations",)


class Course(Node):
    """A course of an institution's catalogue, worth credits."""

    label: ClassVar[Label] = Label.COURSE
    code: str | None = None
    description: Text | None = None
    credits: NonNegative | None = None
    credit_unit: CreditUnit | None = None
    level: str | None = None
    hours: NonNegative | None = None
    cost: NonNegative | None = None


class Program(Node):
    """A program: a credential earned by completing its rule tree."""

    label: ClassVar[Label] = Label.PROGRAM
    description: Text | None = None
    credential_type: str | None = None
    required_credits: NonNegative | None = None
    credit_unit: CreditUnit | None = None
    residency_min_credits: NonNegative | None = None


class Requirement(Node):
    """A node of a completion rule tree: all, any or some count of its options."""

    label: ClassVar[Label] = Label.REQUIREMENT
    op: RuleOp
    count: NonNegativeInt | None = None
    min_credits: NonNegative | None = None


class TransferValue(Node):
    """A transfer rule: holding its FROM items earns its FOR credit at an institution."""

    label: ClassVar[Label] = Label.TRANSFER_VALUE
    credits: NonNegative | None = None
    credit_unit: CreditUnit | None = None
    min_grade: Grade | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    max_age_years: NonNegativeInt | None = None
    allow_chaining: bool = False
    conditions: Text | None = None
    approved_by: str | None = None
    evidence: Text | None = None


class TransferAgreement(Node):
    """An articulation agreement between institutions."""

    label: ClassVar[Label] = Label.TRANSFER_AGREEMENT
    kind: AgreementKind | None = None
    signed: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None


class Employer(Node):
    """An employer."""

    label: ClassVar[Label] = Label.EMPLOYER
    sector: str | None = None


class Occupation(Node):
    """An occupation (ESCO or local)."""

    label: ClassVar[Label] = Label.OCCUPATION
    code: str | None = None
    sector: str | None = None
    description: Text | None = None


class Learner(Node):
    """Pseudonymous: a display name only, never personal identifiers."""

    label: ClassVar[Label] = Label.LEARNER
    display_name: ShortText | None = None


class Evidence(Node):
    """Prior-learning evidence of a learner."""

    label: ClassVar[Label] = Label.EVIDENCE
    kind: EvidenceKind | None = None
    description: Text | None = None
    hours: NonNegative | None = None
    date: dt.date | None = None
    expires: dt.date | None = None
    verified_by: str | None = None


class Facilitator(Node):
    """A person qualified to facilitate micro-credentials."""

    label: ClassVar[Label] = Label.FACILITATOR


class Feedback(Node):
    """A learner's or employer's rating of a micro-credential version."""

    label: ClassVar[Label] = Label.FEEDBACK
    # `from` is a Python keyword; the stored property and GraphQL field are `from`.
    from_: FeedbackFrom | None = Field(default=None, alias="from")
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    comment: Text | None = None
    date: dt.date | None = None


MODEL_BY_LABEL: dict[Label, type[Node]] = {
    model.label: model
    for model in (
        Institution,
        Framework,
        Competency,
        MicroCredential,
        Suite,
        Course,
        Program,
        Requirement,
        TransferValue,
        TransferAgreement,
        Employer,
        Occupation,
        Learner,
        Evidence,
        Facilitator,
        Feedback,
    )
}

__all__ = [
    "MODEL_BY_LABEL",
    "AllowedDeviation",
    "Competency",
    "Course",
    "EffortFields",
    "Employer",
    "Evidence",
    "Facilitator",
    "Feedback",
    "Framework",
    "Institution",
    "Learner",
    "MicroCredential",
    "Model",
    "Node",
    "Occupation",
    "Program",
    "Requirement",
    "StatusChange",
    "Suite",
    "TransferAgreement",
    "TransferValue",
]
