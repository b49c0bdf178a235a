"""GraphQL types for every label of DOMAIN.md; relationships load via per-request DataLoaders.

The types are declared by area (api/types/learning.py, parties.py, courses.py) on what
api/types/node.py shares; this module names them together, for the schema and the resolvers.
"""

from __future__ import annotations

from api.types.courses import Course, Program
from api.types.learning import (
    Alignment,
    AllowedDeviation,
    Competency,
    EffortStandard,
    Endorsement,
    Framework,
    Institution,
    MicroCredential,
    Requirement,
    StatusChange,
    Suite,
    SuiteMembership,
    TaughtCompetency,
)
from api.types.node import DEFAULT_FIRST, GQL_BY_LABEL, HOP_FIELDS, Node, to_gql
from api.types.parties import (
    AgreementParty,
    Demonstration,
    Employer,
    Evidence,
    Facilitator,
    Feedback,
    Holding,
    Learner,
    NeededCompetency,
    Occupation,
    TransferAgreement,
    TransferValue,
)
from graph.models import Label

# Every concrete type, for the schema (interface members are only reachable through fields), in
# the order of the labels' table (the schema's type order follows it).
ENTITY_TYPES: tuple[type[Node], ...] = (
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
assert {GQL_BY_LABEL[label] for label in Label} == set(ENTITY_TYPES)  # noqa: S101 - one per label

__all__ = [
    "DEFAULT_FIRST",
    "ENTITY_TYPES",
    "GQL_BY_LABEL",
    "HOP_FIELDS",
    "AgreementParty",
    "Alignment",
    "AllowedDeviation",
    "Competency",
    "Course",
    "Demonstration",
    "EffortStandard",
    "Employer",
    "Endorsement",
    "Evidence",
    "Facilitator",
    "Feedback",
    "Framework",
    "Holding",
    "Institution",
    "Learner",
    "MicroCredential",
    "NeededCompetency",
    "Node",
    "Occupation",
    "Program",
    "Requirement",
    "StatusChange",
    "Suite",
    "SuiteMembership",
    "TaughtCompetency",
    "TransferAgreement",
    "TransferValue",
    "to_gql",
]
