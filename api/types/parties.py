"""Entity types of transfer, work and people: transfer values and agreements, employers,
occupations, learners with their evidence, facilitators and feedback."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.context import Info
from api.types.enums import AgreementKind, CreditUnit, EvidenceKind, FeedbackFrom, PartyRole
from api.types.learning import (
    Competency,
    Endorsement,
    Institution,
    MicroCredential,
    endorsements_over,
)
from api.types.node import (
    DEFAULT_FIRST,
    Node,
    each_edge,
    edges_of,
    far_nodes,
    first_far_node,
    of_label,
    over_hop,
    prop_answer,
    to_gql,
    via,
)
from graph import models as m
from graph.relations import RelType, in_, out


@of_label(m.Label.TRANSFER_VALUE)
@strawberry.type
class TransferValue(Node):
    """A transfer rule: holding its FROM items earns its FOR credit at an institution."""

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
        """Items the learner must hold, all of them (FROM out)."""
        return over_hop(info, out(RelType.FROM), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(name="for", description="What it earns at the receiving institution.")
    @via(out(RelType.FOR))
    def for_(self, info: Info) -> list[Node]:
        """What it earns at the receiving institution (FOR out)."""
        return over_hop(info, out(RelType.FOR), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field
    @via(in_(RelType.INCLUDES))
    def agreements(self, info: Info) -> list[TransferAgreement]:
        """The agreements that include this rule (INCLUDES in)."""
        return over_hop(info, in_(RelType.INCLUDES), self.id, DEFAULT_FIRST, far_nodes)


@strawberry.type
class AgreementParty:
    """An institution party to an agreement, sending or receiving."""

    institution: Institution
    role: PartyRole | None


@of_label(m.Label.TRANSFER_AGREEMENT)
@strawberry.type
class TransferAgreement(Node):
    """An articulation agreement between institutions, including transfer values."""

    kind: AgreementKind | None
    signed: dt.date | None
    effective_from: dt.date | None
    effective_to: dt.date | None

    @strawberry.field
    @via(out(RelType.INCLUDES))
    def transfer_values(self, info: Info, first: int = DEFAULT_FIRST) -> list[TransferValue]:
        """The transfer values it includes (INCLUDES out)."""
        return over_hop(info, out(RelType.INCLUDES), self.id, first, far_nodes)

    @strawberry.field
    @via(out(RelType.BETWEEN), far="institution")
    def parties(self, info: Info) -> list[AgreementParty]:
        """The institutions party to it, with their roles (BETWEEN out)."""
        return over_hop(info, out(RelType.BETWEEN), self.id, DEFAULT_FIRST, _parties)


@of_label(m.Label.EMPLOYER)
@strawberry.type
class Employer(Node):
    """An employer that endorses credentials and hires for occupations."""

    sector: str | None

    @strawberry.field
    @via(out(RelType.ENDORSES), far="target")
    def endorses(self, info: Info) -> list[Endorsement]:
        """Its endorsements of credentials and suites (ENDORSES out)."""
        return endorsements_over(info, out(RelType.ENDORSES), self)

    @strawberry.field
    @via(out(RelType.HIRES_FOR))
    def hires_for(self, info: Info) -> list[Occupation]:
        """The occupations it hires for (HIRES_FOR out)."""
        return over_hop(info, out(RelType.HIRES_FOR), self.id, DEFAULT_FIRST, far_nodes)


@strawberry.type
class NeededCompetency:
    """A competency an occupation needs, essential or optional."""

    competency: Competency
    essential: bool | None  # null only when the stored value does not fit (decision 25)


@of_label(m.Label.OCCUPATION)
@strawberry.type
class Occupation(Node):
    """An occupation (ESCO or local) and the competencies it needs."""

    code: str | None
    sector: str | None
    description: str | None

    @strawberry.field(description="Competencies the occupation needs (ESCO essential / optional).")
    @via(out(RelType.NEEDS), far="competency")
    def needs(self, info: Info, first: int = DEFAULT_FIRST) -> list[NeededCompetency]:
        """The competencies it needs, essential or optional (NEEDS out)."""
        return over_hop(info, out(RelType.NEEDS), self.id, first, _needs)

    @strawberry.field
    @via(in_(RelType.HIRES_FOR))
    def employers(self, info: Info) -> list[Employer]:
        """Employers that hire for it (HIRES_FOR in)."""
        return over_hop(info, in_(RelType.HIRES_FOR), self.id, DEFAULT_FIRST, far_nodes)


@strawberry.type
class Holding:
    """An item a learner earned: when, with what grade, until when."""

    item: Node
    date: dt.date | None
    grade: float | None
    expires: dt.date | None


@of_label(m.Label.LEARNER)
@strawberry.type(description="A learner: pseudonymous; every field needs an authorised caller.")
class Learner(Node):
    """A learner: pseudonymous; every field needs an authorised caller."""

    display_name: str | None

    @strawberry.field(description="Credentials, courses and programs earned (EARNED).")
    async def earned(self, info: Info) -> list[Holding]:
        """The learner's holdings (EARNED out), for callers who may read them."""
        info.context.require_learner(self.id, "a learner's holdings")
        result = []
        for edge in await edges_of(info, out(RelType.EARNED), self.id, DEFAULT_FIRST):
            props = edge.props
            assert isinstance(props, m.Earned)  # noqa: S101
            result.append(
                Holding(
                    item=to_gql(edge.node),
                    date=prop_answer(props, "date"),
                    grade=prop_answer(props, "grade"),
                    expires=prop_answer(props, "expires"),
                )
            )
        return result

    @strawberry.field(description="Prior-learning evidence.")
    async def evidence(self, info: Info) -> list[Evidence]:
        """The learner's prior-learning evidence (HAS_EVIDENCE out)."""
        info.context.require_learner(self.id, "a learner's evidence")
        edges = await edges_of(info, out(RelType.HAS_EVIDENCE), self.id, DEFAULT_FIRST)
        return far_nodes(edges)


@strawberry.type
class Demonstration:
    """A competency some evidence demonstrates, at a level."""

    competency: Competency
    level: str | None


@of_label(m.Label.EVIDENCE)
@strawberry.type
class Evidence(Node):
    """Prior-learning evidence of a learner: work, a portfolio, an assessment."""

    kind: EvidenceKind | None
    description: str | None
    hours: float | None
    date: dt.date | None
    expires: dt.date | None
    verified_by: str | None

    @strawberry.field
    def demonstrates(self, info: Info) -> list[Demonstration]:
        """The competencies it demonstrates (DEMONSTRATES out)."""
        # learner data: reached only through an authorised Evidence, never prefetched
        return over_hop(info, out(RelType.DEMONSTRATES), self.id, DEFAULT_FIRST, _demonstrations)


@of_label(m.Label.FACILITATOR)
@strawberry.type
class Facilitator(Node):
    """A person qualified to facilitate micro-credentials."""

    @strawberry.field
    @via(out(RelType.QUALIFIED_IN))
    def qualified_in(self, info: Info) -> list[Competency]:
        """The competencies they are qualified in (QUALIFIED_IN out)."""
        return over_hop(info, out(RelType.QUALIFIED_IN), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field
    @via(out(RelType.FACILITATES))
    def facilitates(self, info: Info) -> list[MicroCredential]:
        """The micro-credentials they facilitate (FACILITATES out)."""
        return over_hop(info, out(RelType.FACILITATES), self.id, DEFAULT_FIRST, far_nodes)


@of_label(m.Label.FEEDBACK)
@strawberry.type
class Feedback(Node):
    """A learner's or employer's rating of a micro-credential version."""

    rating: int | None
    comment: str | None
    date: dt.date | None
    from_: FeedbackFrom | None = strawberry.field(name="from")

    @strawberry.field
    @via(out(RelType.ABOUT))
    def about(self, info: Info) -> MicroCredential | None:
        """The micro-credential version it rates (ABOUT out)."""
        return over_hop(info, out(RelType.ABOUT), self.id, 1, first_far_node)


# How each wrapper type is made from a far node and the relationship's properties.
_needs = each_edge(
    m.Needs,
    lambda node, p: NeededCompetency(
        competency=Competency.from_domain(node), essential=prop_answer(p, "essential")
    ),
)
_parties = each_edge(
    m.Between,
    lambda node, p: AgreementParty(
        institution=Institution.from_domain(node), role=prop_answer(p, "role")
    ),
)
_demonstrations = each_edge(
    m.Demonstrates,
    lambda node, p: Demonstration(
        competency=Competency.from_domain(node), level=prop_answer(p, "level")
    ),
)
