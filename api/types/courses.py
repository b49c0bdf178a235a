"""Entity types of institutions' catalogues: courses and programs."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.types.enums import CreditUnit
from api.types.learning import Institution, Requirement, TaughtCompetency, taught_from
from api.types.node import DEFAULT_FIRST, Node, far_nodes, first_far_node, of_label, over_hop, via
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

    @strawberry.field(description="Transfer values whose holder must have this course (FROM).")
    @via(in_(RelType.FROM))
    def transfer_values_from(self, info: Info) -> list[TransferValue]:
        """Transfer values that need this course (FROM in)."""
        return over_hop(info, in_(RelType.FROM), self.id, DEFAULT_FIRST, far_nodes)

    @strawberry.field(description="Transfer values that grant credit for this course (FOR).")
    @via(in_(RelType.FOR))
    def transfer_values_for(self, info: Info) -> list[TransferValue]:
        """Transfer values that grant credit for this course (FOR in)."""
        return over_hop(info, in_(RelType.FOR), self.id, DEFAULT_FIRST, far_nodes)


@of_label(m.Label.PROGRAM)
@strawberry.type
class Program(Node):
    """A program: a credential earned by completing its rule tree."""

    description: str | None
    credential_type: str | None
    required_credits: float | None
    credit_unit: CreditUnit | None
    residency_min_credits: float | None

    @strawberry.field
    @via(out(RelType.OFFERED_BY))
    def institution(self, info: Info) -> Institution | None:
        """The institution that offers it (OFFERED_BY out)."""
        return over_hop(info, out(RelType.OFFERED_BY), self.id, 1, first_far_node)

    @strawberry.field(description="The completion rule tree's root requirement(s).")
    @via(out(RelType.HAS_REQUIREMENT))
    def requirements(self, info: Info) -> list[Requirement]:
        """The root requirements of its completion rule tree (HAS_REQUIREMENT out)."""
        return over_hop(info, out(RelType.HAS_REQUIREMENT), self.id, DEFAULT_FIRST, far_nodes)
