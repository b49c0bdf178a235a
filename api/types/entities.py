"""GraphQL types for every label of DOMAIN.md; relationships load via per-request DataLoaders."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any, Self, TypeVar, cast

import strawberry
from strawberry.utils.str_converters import to_camel_case

from api.context import Info
from graph import models as m
from graph.models import (
    AgreementKind,
    AlignmentMatch,
    Approach,
    CompetencyKind,
    CreditUnit,
    EndorsementKind,
    EvidenceKind,
    FeedbackFrom,
    FrameworkKind,
    InstitutionKind,
    OutcomeType,
    PartyRole,
    RuleOp,
    Source,
    Status,
)
from graph.relations import Hop, RelType, in_, out

# The domain enums are the GraphQL enums (same names, same values): registered here, at the edge.
for _enum in (
    m.Source,
    m.InstitutionKind,
    m.FrameworkKind,
    m.CompetencyKind,
    m.CreditUnit,
    m.Status,
    m.OutcomeType,
    m.Approach,
    m.RuleOp,
    m.AgreementKind,
    m.EvidenceKind,
    m.FeedbackFrom,
    m.EndorsementKind,
    m.AlignmentMatch,
    m.PartyRole,
):
    strawberry.enum(_enum)

DEFAULT_FIRST = 100
T = TypeVar("T")
P = TypeVar("P", bound=m.Model)
F = TypeVar("F", bound=Callable[..., Any])


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(gql_type: type) -> tuple[str, ...]:
    """The constructor fields of a GraphQL type (dataclasses.fields per object was costly)."""
    names = _INIT_FIELDS.get(gql_type)
    if names is None:
        names = _INIT_FIELDS[gql_type] = tuple(
            f.name for f in dataclasses.fields(gql_type) if f.init
        )
    return names


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _values(model: m.Model, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of a GraphQL type from a model. A field whose stored value did not fit is its
    DATA_INVALID error instead: GraphQL answers it as null with that error, located at the field
    (decision 25). The id is served as stored."""
    values = {name: _plain(getattr(model, name)) for name in names}
    for name, problem in model.problems.items():
        if name in values and name != "id":
            values[name] = problem
    return values


def _answer(model: m.Model, name: str) -> Any:
    """One field of a relationship's properties, or its DATA_INVALID error (see `_values`)."""
    return model.problems.get(name) or getattr(model, name)


async def _edges(info: Info, hop: Hop, id_: str, first: int) -> list[m.Edge]:
    edges = await info.context.edges(hop).load(id_)
    return edges[: max(0, min(first, info.context.settings.max_page_size))]


# (GraphQL type, field) -> the hop it follows, and the field of its result type that holds the
# far node (None: the results are the far nodes).
HOP_FIELDS: dict[tuple[str, str], tuple[Hop, str | None]] = {}


def via(hop: Hop, far: str | None = None) -> Callable[[F], F]:
    """Registers a relationship field (its body must follow the same hop: a test checks)."""

    def register(resolver: F) -> F:
        owner, name = resolver.__qualname__.split(".")[-2:]
        HOP_FIELDS[(owner, to_camel_case(name.rstrip("_")))] = (hop, far)
        return resolver

    return register


def _hop(info: Info, hop: Hop, id_: str, first: int, shape: Callable[[list[m.Edge]], T]) -> T:
    """An awaitable of `shape` of the edges over `hop` from `id_`, after the DataLoader's batch,
    which GraphQL awaits (the annotation cannot say "awaitable"). Entity reads that compile
    (decision 28) never come here; this path answers the rest."""

    async def later() -> T:
        return shape(await _edges(info, hop, id_, first))

    return cast(T, later())


def _nodes(edges: list[m.Edge]) -> list[Any]:  # Any: each field narrows it to its node type
    return [to_gql(edge.node) for edge in edges]


def _first_node(edges: list[m.Edge]) -> Any:
    return to_gql(edges[0].node) if edges else None


def _each(props_type: type[P], make: Callable[[m.Node, P], T]) -> Callable[[list[m.Edge]], list[T]]:
    """A shape for `_hop`: `make(far node, relationship properties)` for every edge."""

    def shape(edges: list[m.Edge]) -> list[T]:
        result = []
        for edge in edges:
            props = edge.props
            assert isinstance(props, props_type)  # noqa: S101 - the relation catalogue guarantees it
            result.append(make(edge.node, props))
        return result

    return shape


@strawberry.interface(description="Any node of the graph: every node has a unique id.")
class Node:
    id: strawberry.ID
    name: str | None
    source: Source | None
    source_uri: str | None
    updated_at: dt.datetime | None

    @classmethod
    def from_domain(cls, node: m.Node) -> Self:
        return cls(**_values(node, _init_fields(cls)))


@strawberry.type
class Institution(Node):
    kind: InstitutionKind | None
    jurisdiction: str | None
    credit_unit: CreditUnit | None
    max_transfer_credits: float | None
    course_credit_in_credit_hours: float | None

    @strawberry.field(description="Micro-credentials, courses, programs and suites it offers.")
    @via(in_(RelType.OFFERED_BY))
    def offerings(self, info: Info, first: int = DEFAULT_FIRST) -> list[Node]:
        return _hop(info, in_(RelType.OFFERED_BY), self.id, first, _nodes)


@strawberry.type
class Framework(Node):
    kind: FrameworkKind | None
    publisher: str | None
    version: str | None
    license: str | None
    description: str | None

    @strawberry.field
    @via(in_(RelType.IN_FRAMEWORK))
    def competencies(self, info: Info, first: int = DEFAULT_FIRST) -> list[Competency]:
        return _hop(info, in_(RelType.IN_FRAMEWORK), self.id, first, _nodes)


@strawberry.type
class Alignment:
    competency: Competency
    match: AlignmentMatch | None  # null only when the stored value does not fit (decision 25)
    raw_type: str | None


@strawberry.type
class Competency(Node):
    code: str | None
    description: str | None
    kind: CompetencyKind | None
    external: bool | None  # null only when the stored value does not fit (decision 25)

    @strawberry.field
    @via(out(RelType.IN_FRAMEWORK))
    def frameworks(self, info: Info) -> list[Framework]:
        return _hop(info, out(RelType.IN_FRAMEWORK), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(
        description="Broader competencies (BROADER out-going; several in a polyhierarchy)."
    )
    @via(out(RelType.BROADER))
    def broader(self, info: Info) -> list[Competency]:
        return _hop(info, out(RelType.BROADER), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(description="Narrower competencies (BROADER pointing here).")
    @via(in_(RelType.BROADER))
    def narrower(self, info: Info, first: int = DEFAULT_FIRST) -> list[Competency]:
        return _hop(info, in_(RelType.BROADER), self.id, first, _nodes)

    @strawberry.field(description="Crosswalk alignments from this competency to others.")
    @via(out(RelType.ALIGNS), far="competency")
    def alignments(self, info: Info) -> list[Alignment]:
        return _hop(info, out(RelType.ALIGNS), self.id, DEFAULT_FIRST, _alignments)

    @strawberry.field(description="Crosswalk alignments from other competencies to this one.")
    @via(in_(RelType.ALIGNS), far="competency")
    def aligned_from(self, info: Info) -> list[Alignment]:
        return _hop(info, in_(RelType.ALIGNS), self.id, DEFAULT_FIRST, _alignments)

    @strawberry.field(description="Micro-credentials and courses that teach it.")
    @via(in_(RelType.TEACHES))
    def taught_by(self, info: Info, first: int = DEFAULT_FIRST) -> list[Node]:
        return _hop(info, in_(RelType.TEACHES), self.id, first, _nodes)


@strawberry.type
class TaughtCompetency:
    competency: Competency
    level: str | None
    assessed: bool | None


@strawberry.type
class Endorsement:
    employer: Employer
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
                employer=employer,  # type: ignore[arg-type]
                target=target,
                kind=_answer(props, "kind"),
                since=_answer(props, "since"),
            )
        )
    return result


def _endorsements(info: Info, hop: Hop, here: Node) -> list[Endorsement]:
    return _hop(info, hop, here.id, DEFAULT_FIRST, partial(_endorsements_from, hop, here))


@strawberry.type
class SuiteMembership:
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
            suite=suite,  # type: ignore[arg-type]
            micro_credential=member,  # type: ignore[arg-type]
            core=_answer(props, "core"),
            position=_answer(props, "position"),
        )
        # Ordered by the position read (None where it did not fit), not the answer (its error).
        result.append((props.position is None, props.position or 0, member.id, membership))
    return [membership for *_, membership in sorted(result, key=lambda r: r[:3])]


def _memberships(info: Info, hop: Hop, here: Node) -> list[SuiteMembership]:
    return _hop(info, hop, here.id, DEFAULT_FIRST, partial(_memberships_from, hop, here))


@strawberry.interface(
    description="Effort and design elements: a micro-credential's, or a suite's standard."
)
class EffortStandard(Node):
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
    to: Status
    by: str
    at: dt.datetime
    note: str | None
    from_: Status | None = strawberry.field(name="from")


@strawberry.type
class MicroCredential(EffortStandard):
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
        assert isinstance(node, m.MicroCredential)  # noqa: S101
        history = [
            StatusChange(from_=c.from_, to=c.to, by=c.by, at=c.at, note=c.note)
            for c in node.status_history
        ]
        values = _values(node, _init_fields(cls))
        if not isinstance(values["status_history"], Exception):
            values["status_history"] = history
        return cls(**values)

    @strawberry.field
    @via(out(RelType.TEACHES), far="competency")
    def competencies(self, info: Info) -> list[TaughtCompetency]:
        return _hop(info, out(RelType.TEACHES), self.id, DEFAULT_FIRST, _taught_from)

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        return _hop(info, out(RelType.OFFERED_BY), self.id, 1, _first_node)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Direct prerequisites: micro-credentials, courses or competencies."
    )
    @via(out(RelType.REQUIRES))
    def prerequisites(self, info: Info) -> list[Node]:
        return _hop(info, out(RelType.REQUIRES), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field
    @via(out(RelType.IN_SUITE), far="suite")
    def suites(self, info: Info) -> list[SuiteMembership]:
        return _memberships(info, out(RelType.IN_SUITE), self)

    @strawberry.field
    @via(out(RelType.HAS_REQUIREMENT))
    def requirements(self, info: Info) -> list[Requirement]:
        return _hop(info, out(RelType.HAS_REQUIREMENT), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(
        description="Credentials, programs and suites this one counts toward directly."
    )
    @via(out(RelType.STACKS_INTO))
    def stacks_into_targets(self, info: Info) -> list[Node]:
        return _hop(info, out(RelType.STACKS_INTO), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field
    @via(in_(RelType.ENDORSES), far="employer")
    def endorsements(self, info: Info) -> list[Endorsement]:
        return _endorsements(info, in_(RelType.ENDORSES), self)

    @strawberry.field
    @via(in_(RelType.FACILITATES))
    def facilitators(self, info: Info) -> list[Facilitator]:
        return _hop(info, in_(RelType.FACILITATES), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(description="Competencies a facilitator of this credential must hold.")
    @via(out(RelType.FACILITATION_NEEDS))
    def facilitation_needs(self, info: Info) -> list[Competency]:
        return _hop(info, out(RelType.FACILITATION_NEEDS), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field
    @via(in_(RelType.ABOUT))
    def feedback(self, info: Info, first: int = DEFAULT_FIRST) -> list[Feedback]:
        return _hop(info, in_(RelType.ABOUT), self.id, first, _nodes)

    @strawberry.field(description="Earlier versions this one replaces.")
    @via(out(RelType.SUPERSEDES))
    def supersedes(self, info: Info) -> list[MicroCredential]:
        return _hop(info, out(RelType.SUPERSEDES), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(description="Later versions that replace this one.")
    @via(in_(RelType.SUPERSEDES))
    def superseded_by(self, info: Info) -> list[MicroCredential]:
        return _hop(info, in_(RelType.SUPERSEDES), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class AllowedDeviation:
    field: str
    members: list[str]
    reason: str | None


@strawberry.type
class Suite(EffortStandard):
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
        assert isinstance(node, m.Suite)  # noqa: S101
        deviations = [
            AllowedDeviation(field=d.field, members=list(d.members), reason=d.reason)
            for d in node.allowed_deviations
        ]
        values = _values(node, _init_fields(cls))
        if not isinstance(values["allowed_deviations"], Exception):
            values["allowed_deviations"] = deviations
        return cls(**values)

    @strawberry.field(description="Member micro-credentials, in suite position order.")
    @via(in_(RelType.IN_SUITE), far="microCredential")
    def members(self, info: Info) -> list[SuiteMembership]:
        return _memberships(info, in_(RelType.IN_SUITE), self)

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        return _hop(info, out(RelType.OFFERED_BY), self.id, 1, _first_node)  # type: ignore[no-any-return]

    @strawberry.field
    @via(out(RelType.HAS_REQUIREMENT))
    def requirements(self, info: Info) -> list[Requirement]:
        return _hop(info, out(RelType.HAS_REQUIREMENT), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field
    @via(in_(RelType.ENDORSES), far="employer")
    def endorsements(self, info: Info) -> list[Endorsement]:
        return _endorsements(info, in_(RelType.ENDORSES), self)


@strawberry.type
class Course(Node):
    code: str | None
    description: str | None
    credits: float | None
    credit_unit: CreditUnit | None
    level: str | None
    hours: float | None
    cost: float | None

    @strawberry.field
    @via(out(RelType.TEACHES), far="competency")
    def competencies(self, info: Info) -> list[TaughtCompetency]:
        return _hop(info, out(RelType.TEACHES), self.id, DEFAULT_FIRST, _taught_from)

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        return _hop(info, out(RelType.OFFERED_BY), self.id, 1, _first_node)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Direct prerequisites: micro-credentials, courses or competencies."
    )
    @via(out(RelType.REQUIRES))
    def prerequisites(self, info: Info) -> list[Node]:
        return _hop(info, out(RelType.REQUIRES), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(description="Transfer values whose holder must have this course (FROM).")
    @via(in_(RelType.FROM))
    def transfer_values_from(self, info: Info) -> list[TransferValue]:
        return _hop(info, in_(RelType.FROM), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(description="Transfer values that grant credit for this course (FOR).")
    @via(in_(RelType.FOR))
    def transfer_values_for(self, info: Info) -> list[TransferValue]:
        return _hop(info, in_(RelType.FOR), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class Program(Node):
    description: str | None
    credential_type: str | None
    required_credits: float | None
    credit_unit: CreditUnit | None
    residency_min_credits: float | None

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        return _hop(info, out(RelType.OFFERED_BY), self.id, 1, _first_node)  # type: ignore[no-any-return]

    @strawberry.field(description="The completion rule tree's root requirement(s).")
    @via(out(RelType.HAS_REQUIREMENT))
    def requirements(self, info: Info) -> list[Requirement]:
        return _hop(info, out(RelType.HAS_REQUIREMENT), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class Requirement(Node):
    op: RuleOp | None  # null only when the stored value does not fit (decision 25)
    count: int | None
    min_credits: float | None

    @strawberry.field(
        description="Options: micro-credentials, courses, nested requirements, competencies."
    )
    @via(out(RelType.OPTION))
    def options(self, info: Info) -> list[Node]:
        return _hop(info, out(RelType.OPTION), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class TransferValue(Node):
    credits: float | None
    credit_unit: CreditUnit | None
    min_grade: float | None
    effective_from: dt.date | None
    effective_to: dt.date | None
    max_age_years: int | None
    allow_chaining: bool | None  # null only when the stored value does not fit (decision 25)
    conditions: str | None
    approved_by: str | None
    evidence: str | None

    @strawberry.field(name="from", description="Items the learner must hold (all of them).")
    @via(out(RelType.FROM))
    def from_(self, info: Info) -> list[Node]:
        return _hop(info, out(RelType.FROM), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field(name="for", description="What it earns at the receiving institution.")
    @via(out(RelType.FOR))
    def for_(self, info: Info) -> list[Node]:
        return _hop(info, out(RelType.FOR), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field
    @via(in_(RelType.INCLUDES))
    def agreements(self, info: Info) -> list[TransferAgreement]:
        return _hop(info, in_(RelType.INCLUDES), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class AgreementParty:
    institution: Institution
    role: PartyRole | None


@strawberry.type
class TransferAgreement(Node):
    kind: AgreementKind | None
    signed: dt.date | None
    effective_from: dt.date | None
    effective_to: dt.date | None

    @strawberry.field
    @via(out(RelType.INCLUDES))
    def transfer_values(self, info: Info, first: int = DEFAULT_FIRST) -> list[TransferValue]:
        return _hop(info, out(RelType.INCLUDES), self.id, first, _nodes)

    @strawberry.field
    @via(out(RelType.BETWEEN), far="institution")
    def parties(self, info: Info) -> list[AgreementParty]:
        return _hop(info, out(RelType.BETWEEN), self.id, DEFAULT_FIRST, _parties)


@strawberry.type
class Employer(Node):
    sector: str | None

    @strawberry.field
    @via(out(RelType.ENDORSES), far="target")
    def endorses(self, info: Info) -> list[Endorsement]:
        return _endorsements(info, out(RelType.ENDORSES), self)

    @strawberry.field
    @via(out(RelType.HIRES_FOR))
    def hires_for(self, info: Info) -> list[Occupation]:
        return _hop(info, out(RelType.HIRES_FOR), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class NeededCompetency:
    competency: Competency
    essential: bool | None  # null only when the stored value does not fit (decision 25)


@strawberry.type
class Occupation(Node):
    code: str | None
    sector: str | None
    description: str | None

    @strawberry.field(description="Competencies the occupation needs (ESCO essential / optional).")
    @via(out(RelType.NEEDS), far="competency")
    def needs(self, info: Info, first: int = DEFAULT_FIRST) -> list[NeededCompetency]:
        return _hop(info, out(RelType.NEEDS), self.id, first, _needs)

    @strawberry.field
    @via(in_(RelType.HIRES_FOR))
    def employers(self, info: Info) -> list[Employer]:
        return _hop(info, in_(RelType.HIRES_FOR), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class Holding:
    item: Node
    date: dt.date | None
    grade: float | None
    expires: dt.date | None


@strawberry.type(description="A learner: pseudonymous; every field needs an authorised caller.")
class Learner(Node):
    display_name: str | None

    @strawberry.field(description="Credentials, courses and programs earned (EARNED).")
    async def earned(self, info: Info) -> list[Holding]:
        info.context.require_learner(self.id, "a learner's holdings")
        result = []
        for edge in await _edges(info, out(RelType.EARNED), self.id, DEFAULT_FIRST):
            props = edge.props
            assert isinstance(props, m.Earned)  # noqa: S101
            result.append(
                Holding(
                    item=to_gql(edge.node),
                    date=_answer(props, "date"),
                    grade=_answer(props, "grade"),
                    expires=_answer(props, "expires"),
                )
            )
        return result

    @strawberry.field(description="Prior-learning evidence.")
    async def evidence(self, info: Info) -> list[Evidence]:
        info.context.require_learner(self.id, "a learner's evidence")
        edges = await _edges(info, out(RelType.HAS_EVIDENCE), self.id, DEFAULT_FIRST)
        return _nodes(edges)


@strawberry.type
class Demonstration:
    competency: Competency
    level: str | None


@strawberry.type
class Evidence(Node):
    kind: EvidenceKind | None
    description: str | None
    hours: float | None
    date: dt.date | None
    expires: dt.date | None
    verified_by: str | None

    @strawberry.field
    def demonstrates(self, info: Info) -> list[Demonstration]:
        # learner data: reached only through an authorised Evidence, never prefetched
        return _hop(info, out(RelType.DEMONSTRATES), self.id, DEFAULT_FIRST, _demonstrations)


@strawberry.type
class Facilitator(Node):
    @strawberry.field
    @via(out(RelType.QUALIFIED_IN))
    def qualified_in(self, info: Info) -> list[Competency]:
        return _hop(info, out(RelType.QUALIFIED_IN), self.id, DEFAULT_FIRST, _nodes)

    @strawberry.field
    @via(out(RelType.FACILITATES))
    def facilitates(self, info: Info) -> list[MicroCredential]:
        return _hop(info, out(RelType.FACILITATES), self.id, DEFAULT_FIRST, _nodes)


@strawberry.type
class Feedback(Node):
    rating: int | None
    comment: str | None
    date: dt.date | None
    from_: FeedbackFrom | None = strawberry.field(name="from")

    @strawberry.field
    @via(out(RelType.ABOUT))
    def about(self, info: Info) -> MicroCredential | None:
        return _hop(info, out(RelType.ABOUT), self.id, 1, _first_node)  # type: ignore[no-any-return]


# How each wrapper type is made from a far node and the relationship's properties.
_taught_from = _each(
    m.Teaches,
    lambda node, p: TaughtCompetency(
        competency=Competency.from_domain(node),
        level=_answer(p, "level"),
        assessed=_answer(p, "assessed"),
    ),
)
_alignments = _each(
    m.Aligns,
    lambda node, p: Alignment(
        competency=Competency.from_domain(node),
        match=_answer(p, "match"),
        raw_type=_answer(p, "raw_type"),
    ),
)
_needs = _each(
    m.Needs,
    lambda node, p: NeededCompetency(
        competency=Competency.from_domain(node), essential=_answer(p, "essential")
    ),
)
_parties = _each(
    m.Between,
    lambda node, p: AgreementParty(
        institution=Institution.from_domain(node), role=_answer(p, "role")
    ),
)
_demonstrations = _each(
    m.Demonstrates,
    lambda node, p: Demonstration(
        competency=Competency.from_domain(node), level=_answer(p, "level")
    ),
)


GQL_BY_LABEL: dict[m.Label, type[Node]] = {
    m.Label.INSTITUTION: Institution,
    m.Label.FRAMEWORK: Framework,
    m.Label.COMPETENCY: Competency,
    m.Label.MICRO_CREDENTIAL: MicroCredential,
    m.Label.SUITE: Suite,
    m.Label.COURSE: Course,
    m.Label.PROGRAM: Program,
    m.Label.REQUIREMENT: Requirement,
    m.Label.TRANSFER_VALUE: TransferValue,
    m.Label.TRANSFER_AGREEMENT: TransferAgreement,
    m.Label.EMPLOYER: Employer,
    m.Label.OCCUPATION: Occupation,
    m.Label.LEARNER: Learner,
    m.Label.EVIDENCE: Evidence,
    m.Label.FACILITATOR: Facilitator,
    m.Label.FEEDBACK: Feedback,
}

# Every concrete type, for the schema (interface members are only reachable through fields).
ENTITY_TYPES: tuple[type[Node], ...] = tuple(GQL_BY_LABEL.values())


def to_gql(node: m.Node) -> Node:
    return GQL_BY_LABEL[node.label].from_domain(node)
