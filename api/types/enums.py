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
    from graph.planning.plans import Objective as PlanObjective
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

__all__ = [
    "AgreementKind",
    "AlignmentMatch",
    "Approach",
    "CompetencyKind",
    "CreditUnit",
    "EndorsementKind",
    "EvidenceKind",
    "FeedbackFrom",
    "FrameworkKind",
    "InstitutionKind",
    "OutcomeType",
    "PartyRole",
    "PlanObjective",
    "RuleOp",
    "Source",
    "Status",
]
