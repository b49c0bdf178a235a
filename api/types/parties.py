"""Entity types of transfer, work and people: transfer values and agreements, employers,
occupations, learners with their evidence, facilitators and feedback."""

from __future__ import annotations

import datetime as dt
from functools import partial

import strawberry

from api.context import Info
from api.types.enums import AgreementKind, CreditUnit, EvidenceKind, FeedbackFrom, PartyRole
from api.types.learning import (
    Competency,
    Endorsement,
    Institution,
    MicroCredential,
)
from api.types.node import (
    DEFAULT_FIRST,
    Node,
    edges_of,
    far_nodes,
    first_far_node,
    hop_field,
    of_label,
    over_hop,
    wrapped_edges,
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

    from_: list[Node] = hop_field(
        out(RelType.FROM), name="from", description="Items the learner must hold (all of them)."
    )
    for_: list[Node] = hop_field(
        out(RelType.FOR), name="for", description="What it earns at the receiving institution."
    )
    agreements: list[TransferAgreement] = hop_field(in_(RelType.INCLUDES))


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

    transfer_values: list[TransferValue] = hop_field(out(RelType.INCLUDES), paged=True)
    parties: list[AgreementParty] = hop_field(
        out(RelType.BETWEEN), wrapper=AgreementParty, far="institution"
    )


@of_label(m.Label.EMPLOYER)
@strawberry.type
class Employer(Node):
    """An employer that endorses credentials and hires for occupations."""

    sector: str | None

    endorses: list[Endorsement] = hop_field(
        out(RelType.ENDORSES), wrapper=Endorsement, far="target", near="employer"
    )
    hires_for: list[Occupation] = hop_field(out(RelType.HIRES_FOR))


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

    needs: list[NeededCompetency] = hop_field(
        out(RelType.NEEDS),
        wrapper=NeededCompetency,
        paged=True,
        far="competency",
        description="Competencies the occupation needs (ESCO essential / optional).",
    )
    employers: list[Employer] = hop_field(in_(RelType.HIRES_FOR))


@strawberry.type
class Holding:
    """An item a learner earned: when, with what grade, until when."""

    item: Node
    date: dt.date | None
    grade: float | None
    expires: dt.date | None


_holdings = wrapped_edges(Holding, out(RelType.EARNED), "item")


@of_label(m.Label.LEARNER)
@strawberry.type(description="A learner: pseudonymous; every field needs an authorised caller.")
class Learner(Node):
    """A learner: pseudonymous; every field needs an authorised caller."""

    display_name: str | None

    @strawberry.field(description="Credentials, courses and programs earned (EARNED).")
    async def earned(self, info: Info) -> list[Holding]:
        """The learner's holdings (EARNED out), for callers who may read them."""
        info.context.require_learner(self.id, "a learner's holdings")
        edges = await edges_of(info, out(RelType.EARNED), self.id, DEFAULT_FIRST)
        return _holdings(self, edges)

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


_demonstrations = wrapped_edges(Demonstration, out(RelType.DEMONSTRATES), "competency")


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
        shape = partial(_demonstrations, self)
        return over_hop(info, out(RelType.DEMONSTRATES), self.id, DEFAULT_FIRST, shape)


@of_label(m.Label.FACILITATOR)
@strawberry.type
class Facilitator(Node):
    """A person qualified to facilitate micro-credentials."""

    qualified_in: list[Competency] = hop_field(out(RelType.QUALIFIED_IN))
    facilitates: list[MicroCredential] = hop_field(out(RelType.FACILITATES))


@of_label(m.Label.FEEDBACK)
@strawberry.type
class Feedback(Node):
    """A learner's or employer's rating of a micro-credential version."""

    rating: int | None
    comment: str | None
    date: dt.date | None
    from_: FeedbackFrom | None = strawberry.field(name="from")

    about: MicroCredential | None = hop_field(out(RelType.ABOUT), first_far_node, first=1)
