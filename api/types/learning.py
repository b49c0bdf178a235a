"""Entity types of learning offerings: institutions, frameworks, competencies, micro-credentials,
suites and requirements, with the relationship types between them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Self, cast

import strawberry

from api.types.enums import (
    AlignmentMatch,
    Approach,
    CompetencyKind,
    CreditUnit,
    EndorsementKind,
    FrameworkKind,
    InstitutionKind,
    OutcomeType,
    RuleOp,
    Status,
)
from api.types.node import (
    Node,
    field_values,
    first_far_node,
    hop_field,
    init_fields,
    of_label,
    prop_answer,
    to_gql,
)
from graph import models as m
from graph.relations import Hop, RelType, in_, out

if TYPE_CHECKING:
    from api.types.parties import Employer, Facilitator, Feedback

# types of api/types/parties.py, which imports this module (strawberry resolves them lazily)
_PARTIES = "api.types.parties"


@of_label(m.Label.INSTITUTION)
@strawberry.type
class Institution(Node):
    """A university, college, training provider or other body that offers learning."""

    kind: InstitutionKind | None
    jurisdiction: str | None
    credit_unit: CreditUnit | None
    max_transfer_credits: float | None
    course_credit_in_credit_hours: float | None

    offerings: list[Node] = hop_field(
        in_(RelType.OFFERED_BY),
        paged=True,
        description="Micro-credentials, courses, programs and suites it offers.",
    )


@of_label(m.Label.FRAMEWORK)
@strawberry.type
class Framework(Node):
    """A competency framework (ESCO, a CASE document, an institution's own)."""

    kind: FrameworkKind | None
    publisher: str | None
    version: str | None
    license: str | None
    description: str | None

    competencies: list[Competency] = hop_field(in_(RelType.IN_FRAMEWORK), paged=True)


@strawberry.type
class Alignment:
    """A crosswalk link between two competencies, with how closely they match."""

    competency: Competency
    match: AlignmentMatch | None  # null only when the stored value does not fit (decision 25)
    raw_type: str | None


@of_label(m.Label.COMPETENCY)
@strawberry.type
class Competency(Node):
    """A skill, knowledge item or competence of a framework."""

    code: str | None
    description: str | None
    kind: CompetencyKind | None
    external: bool | None  # null only when the stored value does not fit (decision 25)

    frameworks: list[Framework] = hop_field(out(RelType.IN_FRAMEWORK))
    broader: list[Competency] = hop_field(
        out(RelType.BROADER),
        description="Broader competencies (BROADER out-going; several in a polyhierarchy).",
    )
    narrower: list[Competency] = hop_field(
        in_(RelType.BROADER),
        paged=True,
        description="Narrower competencies (BROADER pointing here).",
    )
    alignments: list[Alignment] = hop_field(
        out(RelType.ALIGNS),
        wrapper=Alignment,
        far="competency",
        description="Crosswalk alignments from this competency to others.",
    )
    aligned_from: list[Alignment] = hop_field(
        in_(RelType.ALIGNS),
        wrapper=Alignment,
        far="competency",
        description="Crosswalk alignments from other competencies to this one.",
    )
    taught_by: list[Node] = hop_field(
        in_(RelType.TEACHES), paged=True, description="Micro-credentials and courses that teach it."
    )


@strawberry.type
class TaughtCompetency:
    """A competency an offering teaches, at a level, assessed or not."""

    competency: Competency
    level: str | None
    assessed: bool | None


def taught_competencies_field() -> Any:
    """`competencies` of a course or micro-credential: what it TEACHES, with level and assessed."""
    return hop_field(out(RelType.TEACHES), wrapper=TaughtCompetency, far="competency")


def offering_institution_field() -> Any:
    """`institution` of anything an institution offers (OFFERED_BY): the first, or null."""
    return hop_field(out(RelType.OFFERED_BY), first_far_node, first=1)


def prerequisites_field() -> Any:
    """`prerequisites` of a course or micro-credential: what it REQUIRES directly."""
    return hop_field(
        out(RelType.REQUIRES),
        description="Direct prerequisites: micro-credentials, courses or competencies.",
    )


@strawberry.type
class Endorsement:
    """An employer's endorsement of a credential or suite, of a kind, since a date."""

    employer: Annotated[Employer, strawberry.lazy(_PARTIES)]
    target: Node
    kind: EndorsementKind | None
    since: dt.date | None


@strawberry.type
class SuiteMembership:
    """A micro-credential's place in a suite: core or elective, and its position."""

    suite: Suite
    micro_credential: MicroCredential
    core: bool | None
    position: int | None


def memberships_from(hop: Hop, here: Node, edges: list[m.Edge]) -> list[SuiteMembership]:
    """The suite memberships over IN_SUITE from `here`, in position order (a placed shape)."""
    result = []
    for edge in edges:
        props = edge.props
        assert isinstance(props, m.InSuite)  # noqa: S101
        other = to_gql(edge.node)
        suite, member = (other, here) if hop.direction == "out" else (here, other)
        membership = SuiteMembership(
            # IN_SUITE: from a MicroCredential to a Suite
            suite=cast(Suite, suite),
            micro_credential=cast(MicroCredential, member),
            core=prop_answer(props, "core"),
            position=prop_answer(props, "position"),
        )
        # Ordered by the position read (None where it did not fit), not the answer (its error).
        result.append((props.position is None, props.position or 0, member.id, membership))
    return [membership for *_, membership in sorted(result, key=lambda r: r[:3])]


@strawberry.interface(
    description="Effort and design elements: a micro-credential's, or a suite's standard."
)
class EffortStandard(Node):
    """Effort and design elements shared by micro-credentials and suites' standards."""

    hours: float | None
    weeks: float | None
    modules: int | None
    outcomes_per_module: int | None
    activities: int | None
    facilitated_sessions: int | None
    outcome_type: OutcomeType | None
    pedagogy: str | None
    instructional_design: str | None
    # null only when the stored value does not fit (decision 25), as for every nullable list here
    assessment_methods: list[str] | None
    ux_elements: list[str] | None


@strawberry.type(description="One step of the publication workflow: the audit trail.")
class StatusChange:
    """One step of a micro-credential's publication workflow."""

    to: Status
    by: str
    at: dt.datetime
    note: str | None
    from_: Status | None = strawberry.field(name="from")


@of_label(m.Label.MICRO_CREDENTIAL)
@strawberry.type
class MicroCredential(EffortStandard):
    """A micro-credential: one version of a short, assessed learning offering."""

    description: str | None
    version: str | None
    status: Status | None  # null only when the stored value does not fit (decision 25)
    credit_bearing: bool | None
    credits: float | None
    credit_unit: CreditUnit | None
    cost: float | None
    language: str | None
    delivery_mode: str | None
    status_history: list[StatusChange] | None

    @classmethod
    def from_domain(cls, node: m.Node) -> Self:
        """The GraphQL object of a micro-credential model, with its status history."""
        assert isinstance(node, m.MicroCredential)  # noqa: S101
        history = [
            StatusChange(from_=c.from_, to=c.to, by=c.by, at=c.at, note=c.note)
            for c in node.status_history
        ]
        values = field_values(node, init_fields(cls))
        if not isinstance(values["status_history"], Exception):
            values["status_history"] = history
        return cls(**values)

    competencies: list[TaughtCompetency] = taught_competencies_field()
    institution: Institution | None = offering_institution_field()
    prerequisites: list[Node] = prerequisites_field()
    suites: list[SuiteMembership] = hop_field(
        out(RelType.IN_SUITE), placed=memberships_from, far="suite"
    )
    requirements: list[Requirement] = hop_field(out(RelType.HAS_REQUIREMENT))
    stacks_into_targets: list[Node] = hop_field(
        out(RelType.STACKS_INTO),
        description="Credentials, programs and suites this one counts toward directly.",
    )
    endorsements: list[Endorsement] = hop_field(
        in_(RelType.ENDORSES), wrapper=Endorsement, far="employer", near="target"
    )
    facilitators: list[Annotated[Facilitator, strawberry.lazy(_PARTIES)]] = hop_field(
        in_(RelType.FACILITATES)
    )
    facilitation_needs: list[Competency] = hop_field(
        out(RelType.FACILITATION_NEEDS),
        description="Competencies a facilitator of this credential must hold.",
    )
    feedback: list[Annotated[Feedback, strawberry.lazy(_PARTIES)]] = hop_field(
        in_(RelType.ABOUT), paged=True
    )
    supersedes: list[MicroCredential] = hop_field(
        out(RelType.SUPERSEDES), description="Earlier versions this one replaces."
    )
    superseded_by: list[MicroCredential] = hop_field(
        in_(RelType.SUPERSEDES), description="Later versions that replace this one."
    )


@strawberry.type
class AllowedDeviation:
    """A departure from a suite's standard that the suite allows for some members."""

    field: str
    members: list[str]
    reason: str | None


@of_label(m.Label.SUITE)
@strawberry.type
class Suite(EffortStandard):
    """A suite: micro-credentials designed to a shared standard and approach."""

    description: str | None
    audience: str | None
    subject_area: str | None
    approach: Approach | None
    hours_min: float | None
    hours_max: float | None
    weeks_min: float | None
    weeks_max: float | None
    required_endorsement_kinds: list[EndorsementKind] | None
    allowed_deviations: list[AllowedDeviation] | None

    @classmethod
    def from_domain(cls, node: m.Node) -> Self:
        """The GraphQL object of a suite model, with its allowed deviations."""
        assert isinstance(node, m.Suite)  # noqa: S101
        deviations = [
            AllowedDeviation(field=d.field, members=list(d.members), reason=d.reason)
            for d in node.allowed_deviations
        ]
        values = field_values(node, init_fields(cls))
        if not isinstance(values["allowed_deviations"], Exception):
            values["allowed_deviations"] = deviations
        return cls(**values)

    members: list[SuiteMembership] = hop_field(
        in_(RelType.IN_SUITE),
        placed=memberships_from,
        far="microCredential",
        description="Member micro-credentials, in suite position order.",
    )
    institution: Institution | None = offering_institution_field()
    requirements: list[Requirement] = hop_field(out(RelType.HAS_REQUIREMENT))
    endorsements: list[Endorsement] = hop_field(
        in_(RelType.ENDORSES), wrapper=Endorsement, far="employer", near="target"
    )


@of_label(m.Label.REQUIREMENT)
@strawberry.type
class Requirement(Node):
    """A node of a completion rule tree: all, any or some count of its options."""

    op: RuleOp | None  # null only when the stored value does not fit (decision 25)
    count: int | None
    min_credits: float | None

    options: list[Node] = hop_field(
        out(RelType.OPTION),
        description="Options: micro-credentials, courses, nested requirements, competencies.",
    )
