"""Entity types of learning offerings: institutions, frameworks, competencies, micro-credentials,
suites and requirements, with the relationship types between them."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING, Annotated, Self, cast

import strawberry

from api.context import Info
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
    DEFAULT_FIRST,
    Node,
    each_edge,
    far_nodes,
    field_values,
    first_far_node,
    init_fields,
    of_label,
    over_hop,
    prop_answer,
    to_gql,
    via,
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

    @strawberry.field(description="Micro-credentials, courses, programs and suites it offers.")
    @via(in_(RelType.OFFERED_BY))
    def offerings(self, info: Info, first: int = DEFAULT_FIRST) -> list[Node]:
        """Micro-credentials, courses, programs and suites it offers (OFFERED_BY in)."""
        return over_hop(info, in_(RelType.OFFERED_BY), self.id, first, far_nodes)


@of_label(m.Label.FRAMEWORK)
@strawberry.type
class Framework(Node):
    """A competency framework (ESCO, a CASE document, an institution's own)."""

    kind: FrameworkKind | None
    publisher: str | None
    version: str | None
    license: str | None
    description: str | None

    @strawberry.field
    @via(in_(RelType.IN_FRAMEWORK))
    def competencies(self, info: Info, first: int = DEFAULT_FIRST) -> list[Competency]:
        """The competencies in the framework (IN_FRAMEWORK in)."""
        return over_hop(info, in_(RelType.IN_FRAMEWORK), self.id, first, far_nodes)


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

    @strawberry.field
    @via(out(RelType.IN_FRAMEWORK))
    def frameworks(self, info: Info) -> list[Framework]:
        """The frameworks it belongs to (IN_FRAMEWORK out)."""
        return over_hop(info, out(RelType.IN_FRAMEWORK), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(
        description="Broader competencies (BROADER out-going; several in a polyhierarchy)."
    )
    @via(out(RelType.BROADER))
    def broader(self, info: Info) -> list[Competency]:
        """Broader competencies (BROADER out; several in a polyhierarchy)."""
        return over_hop(info, out(RelType.BROADER), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(description="Narrower competencies (BROADER pointing here).")
    @via(in_(RelType.BROADER))
    def narrower(self, info: Info, first: int = DEFAULT_FIRST) -> list[Competency]:
        """Narrower competencies (BROADER in)."""
        return over_hop(info, in_(RelType.BROADER), self.id, first, far_nodes)

    @strawberry.field(description="Crosswalk alignments from this competency to others.")
    @via(out(RelType.ALIGNS), far="competency")
    def alignments(self, info: Info) -> list[Alignment]:
        """Crosswalk alignments from this competency to others (ALIGNS out)."""
        return over_hop(info, out(RelType.ALIGNS), self.id, DEFAULT_FIRST, _alignments)

    @strawberry.field(description="Crosswalk alignments from other competencies to this one.")
    @via(in_(RelType.ALIGNS), far="competency")
    def aligned_from(self, info: Info) -> list[Alignment]:
        """Crosswalk alignments from other competencies to this one (ALIGNS in)."""
        return over_hop(info, in_(RelType.ALIGNS), self.id, DEFAULT_FIRST, _alignments)

    @strawberry.field(description="Micro-credentials and courses that teach it.")
    @via(in_(RelType.TEACHES))
    def taught_by(self, info: Info, first: int = DEFAULT_FIRST) -> list[Node]:
        """Micro-credentials and courses that teach it (TEACHES in)."""
        return over_hop(info, in_(RelType.TEACHES), self.id, first, far_nodes)


@strawberry.type
class TaughtCompetency:
    """A competency an offering teaches, at a level, assessed or not."""

    competency: Competency
    level: str | None
    assessed: bool | None


@strawberry.type
class Endorsement:
    """An employer's endorsement of a credential or suite, of a kind, since a date."""

    employer: Annotated[Employer, strawberry.lazy(_PARTIES)]
    target: Node
    kind: EndorsementKind | None
    since: dt.date | None


def _endorsements_from(hop: Hop, here: Node, edges: list[m.Edge]) -> list[Endorsement]:
    result = []
    for edge in edges:
        props = edge.props
        assert isinstance(props, m.Endorses)  # noqa: S101
        other = to_gql(edge.node)
        employer, target = (other, here) if hop.direction == "in" else (here, other)
        result.append(
            Endorsement(
                employer=cast("Employer", employer),  # ENDORSES: from an Employer
                target=target,
                kind=prop_answer(props, "kind"),
                since=prop_answer(props, "since"),
            )
        )
    return result


def endorsements_over(info: Info, hop: Hop, here: Node) -> list[Endorsement]:
    """The endorsements over ENDORSES in either direction from `here`."""
    return over_hop(info, hop, here.id, DEFAULT_FIRST, partial(_endorsements_from, hop, here))


@strawberry.type
class SuiteMembership:
    """A micro-credential's place in a suite: core or elective, and its position."""

    suite: Suite
    micro_credential: MicroCredential
    core: bool | None
    position: int | None


def _memberships_from(hop: Hop, here: Node, edges: list[m.Edge]) -> list[SuiteMembership]:
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


def _memberships(info: Info, hop: Hop, here: Node) -> list[SuiteMembership]:
    return over_hop(info, hop, here.id, DEFAULT_FIRST, partial(_memberships_from, hop, here))


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

    @strawberry.field
    @via(out(RelType.TEACHES), far="competency")
    def competencies(self, info: Info) -> list[TaughtCompetency]:
        """The competencies it teaches, with level and assessment (TEACHES out)."""
        return over_hop(info, out(RelType.TEACHES), self.id, DEFAULT_FIRST, taught_from)

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        """The institution that offers it (OFFERED_BY out)."""
        return over_hop(info, out(RelType.OFFERED_BY), self.id, 1, first_far_node)

    @strawberry.field(
        description="Direct prerequisites: micro-credentials, courses or competencies."
    )
    @via(out(RelType.REQUIRES))
    def prerequisites(self, info: Info) -> list[Node]:
        """Its direct prerequisites (REQUIRES out)."""
        return over_hop(info, out(RelType.REQUIRES), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field
    @via(out(RelType.IN_SUITE), far="suite")
    def suites(self, info: Info) -> list[SuiteMembership]:
        """The suites it is a member of (IN_SUITE out)."""
        return _memberships(info, out(RelType.IN_SUITE), self)

    @strawberry.field
    @via(out(RelType.HAS_REQUIREMENT))
    def requirements(self, info: Info) -> list[Requirement]:
        """The requirements of its completion rule (HAS_REQUIREMENT out)."""
        return over_hop(info, out(RelType.HAS_REQUIREMENT), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(
        description="Credentials, programs and suites this one counts toward directly."
    )
    @via(out(RelType.STACKS_INTO))
    def stacks_into_targets(self, info: Info) -> list[Node]:
        """What it counts toward directly (STACKS_INTO out)."""
        return over_hop(info, out(RelType.STACKS_INTO), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field
    @via(in_(RelType.ENDORSES), far="employer")
    def endorsements(self, info: Info) -> list[Endorsement]:
        """Employers' endorsements of it (ENDORSES in)."""
        return endorsements_over(info, in_(RelType.ENDORSES), self)

    @strawberry.field
    @via(in_(RelType.FACILITATES))
    def facilitators(self, info: Info) -> list[Annotated[Facilitator, strawberry.lazy(_PARTIES)]]:
        """Facilitators who facilitate it (FACILITATES in)."""
        return over_hop(info, in_(RelType.FACILITATES), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(description="Competencies a facilitator of this credential must hold.")
    @via(out(RelType.FACILITATION_NEEDS))
    def facilitation_needs(self, info: Info) -> list[Competency]:
        """Competencies its facilitators must hold (FACILITATION_NEEDS out)."""
        return over_hop(info, out(RelType.FACILITATION_NEEDS), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field
    @via(in_(RelType.ABOUT))
    def feedback(
        self, info: Info, first: int = DEFAULT_FIRST
    ) -> list[Annotated[Feedback, strawberry.lazy(_PARTIES)]]:
        """Ratings and comments about it (ABOUT in)."""
        return over_hop(info, in_(RelType.ABOUT), self.id, first, far_nodes)

    @strawberry.field(description="Earlier versions this one replaces.")
    @via(out(RelType.SUPERSEDES))
    def supersedes(self, info: Info) -> list[MicroCredential]:
        """The earlier versions it replaces (SUPERSEDES out)."""
        return over_hop(info, out(RelType.SUPERSEDES), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(description="Later versions that replace this one.")
    @via(in_(RelType.SUPERSEDES))
    def superseded_by(self, info: Info) -> list[MicroCredential]:
        """The later versions that replace it (SUPERSEDES in)."""
        return over_hop(info, in_(RelType.SUPERSEDES), self.id, DEFAULT_FIRST, far_nodes)


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

    @strawberry.field(description="Member micro-credentials, in suite position order.")
    @via(in_(RelType.IN_SUITE), far="microCredential")
    def members(self, info: Info) -> list[SuiteMembership]:
        """Member micro-credentials in position order (IN_SUITE in)."""
        return _memberships(info, in_(RelType.IN_SUITE), self)

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        """The institution that offers it (OFFERED_BY out)."""
        return over_hop(info, out(RelType.OFFERED_BY), self.id, 1, first_far_node)

    @strawberry.field
    @via(out(RelType.HAS_REQUIREMENT))
    def requirements(self, info: Info) -> list[Requirement]:
        """The requirements of its completion rule (HAS_REQUIREMENT out)."""
        return over_hop(info, out(RelType.HAS_REQUIREMENT), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field
    @via(in_(RelType.ENDORSES), far="employer")
    def endorsements(self, info: Info) -> list[Endorsement]:
        """Employers' endorsements of the suite (ENDORSES in)."""
        return endorsements_over(info, in_(RelType.ENDORSES), self)


@of_label(m.Label.REQUIREMENT)
@strawberry.type
class Requirement(Node):
    """A node of a completion rule tree: all, any or some count of its options."""

    op: RuleOp | None  # null only when the stored value does not fit (decision 25)
    count: int | None
    min_credits: float | None

    @strawberry.field(
        description="Options: micro-credentials, courses, nested requirements, competencies."
    )
    @via(out(RelType.OPTION))
    def options(self, info: Info) -> list[Node]:
        """What can fill it: offerings, nested requirements, competencies (OPTION out)."""
        return over_hop(info, out(RelType.OPTION), self.id, DEFAULT_FIRST, far_nodes)


# How each wrapper type is made from a far node and the relationship's properties.
taught_from = each_edge(
    m.Teaches,
    lambda node, p: TaughtCompetency(
        competency=Competency.from_domain(node),
        level=prop_answer(p, "level"),
        assessed=prop_answer(p, "assessed"),
    ),
)
_alignments = each_edge(
    m.Aligns,
    lambda node, p: Alignment(
        competency=Competency.from_domain(node),
        match=prop_answer(p, "match"),
        raw_type=prop_answer(p, "raw_type"),
    ),
)
