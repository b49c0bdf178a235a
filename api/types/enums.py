"""The GraphQL enums that are domain enums (same values), each declared once, by name.

Types annotate their fields with these names. strawberry reads a field's enum when the type is
declared, so the declarations come first: importing this module is what declares them (as a
`@strawberry.enum` class is declared by its module); no other module registers an enum of graph/.
Type checkers see the domain enums themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from graph import models as m
from graph.planning.plans import Objective

if TYPE_CHECKING:
    # type checkers see the domain enums themselves (`X as X`: this module exports them)
    from graph.models import AgreementKind as AgreementKind
    from graph.models import AlignmentMatch as AlignmentMatch
    from graph.models import Approach as Approach
    from graph.models import CompetencyKind as CompetencyKind
    from graph.models import CreditUnit as CreditUnit
    from graph.models import EndorsementKind as EndorsementKind
    from graph.models import EvidenceKind as EvidenceKind
    from graph.models import FeedbackFrom as FeedbackFrom
    from graph.models import FrameworkKind as FrameworkKind
    from graph.models import InstitutionKind as InstitutionKind
    from graph.models import OutcomeType as OutcomeType
    from graph.models import PartyRole as PartyRole
    from graph.models import RuleOp as RuleOp
    from graph.models import Source as Source
    from graph.models import Status as Status

    PlanObjective = Objective
else:
    Source = strawberry.enum(m.Source)
    InstitutionKind = strawberry.enum(m.InstitutionKind)
    FrameworkKind = strawberry.enum(m.FrameworkKind)
    CompetencyKind = strawberry.enum(m.CompetencyKind)
    CreditUnit = strawberry.enum(m.CreditUnit)
    Status = strawberry.enum(m.Status)
    OutcomeType = strawberry.enum(m.OutcomeType)
    Approach = strawberry.enum(m.Approach)
    RuleOp = strawberry.enum(m.RuleOp)
    AgreementKind = strawberry.enum(m.AgreementKind)
    EvidenceKind = strawberry.enum(m.EvidenceKind)
    FeedbackFrom = strawberry.enum(m.FeedbackFrom)
    EndorsementKind = strawberry.enum(m.EndorsementKind)
    AlignmentMatch = strawberry.enum(m.AlignmentMatch)
    PartyRole = strawberry.enum(m.PartyRole)
    PlanObjective = strawberry.enum(Objective, name="PlanObjective")
