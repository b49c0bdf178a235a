"""The vocabularies of the domain (labels and the enums of DOMAIN.md) and the constrained field
types the models share."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field


class Label(StrEnum):
    """The node labels of DOMAIN.md."""

    INSTITUTION = "Institution"
    FRAMEWORK = "Framework"
    COMPETENCY = "Competency"
    MICRO_CREDENTIAL = "MicroCredential"
    SUITE = "Suite"
    COURSE = "Course"
    PROGRAM = "Program"
    REQUIREMENT = "Requirement"
    TRANSFER_VALUE = "TransferValue"
    TRANSFER_AGREEMENT = "TransferAgreement"
    EMPLOYER = "Employer"
    OCCUPATION = "Occupation"
    LEARNER = "Learner"
    EVIDENCE = "Evidence"
    FACILITATOR = "Facilitator"
    FEEDBACK = "Feedback"


# A learner's record and evidence are learner data: only callers who may read them learn that
# such an id exists, and no question about catalogue items takes one.
LEARNER_DATA_LABELS = frozenset({Label.LEARNER, Label.EVIDENCE})


class Source(StrEnum):
    """Where a node came from (an import format, the API, the demo)."""

    CASE = "CASE"
    ESCO = "ESCO"
    CTDL = "CTDL"
    OBV3 = "OBV3"
    CLR = "CLR"
    ELM = "ELM"
    ASSIST = "ASSIST"
    CSV = "CSV"
    API = "API"
    DEMO = "DEMO"


class InstitutionKind(StrEnum):
    """What kind of body an institution is."""

    COLLEGE = "COLLEGE"
    UNIVERSITY = "UNIVERSITY"
    PROVIDER = "PROVIDER"
    EMPLOYER_TRAINING = "EMPLOYER_TRAINING"
    OTHER = "OTHER"


class FrameworkKind(StrEnum):
    """What kind of framework it is."""

    CASE = "CASE"
    ESCO = "ESCO"
    CTDL = "CTDL"
    LOCAL = "LOCAL"


class CompetencyKind(StrEnum):
    """Skill, knowledge or competence."""

    SKILL = "SKILL"
    KNOWLEDGE = "KNOWLEDGE"
    COMPETENCE = "COMPETENCE"
    OTHER = "OTHER"


class CreditUnit(StrEnum):
    """The unit credits are counted in."""

    CREDIT_HOUR = "CREDIT_HOUR"
    ECTS = "ECTS"
    COURSE_CREDIT = "COURSE_CREDIT"
    INSTRUCTIONAL_HOUR = "INSTRUCTIONAL_HOUR"


class Status(StrEnum):
    """The publication workflow's statuses."""

    DRAFT = "DRAFT"
    IN_REVIEW = "IN_REVIEW"
    APPROVED = "APPROVED"
    PUBLISHED = "PUBLISHED"
    RETIRED = "RETIRED"


class OutcomeType(StrEnum):
    """What kind of outcome a micro-credential's modules have."""

    CAPSTONE = "CAPSTONE"
    LETTER_GRADE = "LETTER_GRADE"
    SELF_ASSESSMENT = "SELF_ASSESSMENT"
    PASS_FAIL = "PASS_FAIL"  # noqa: S105 - an outcome type, not a password


class Approach(StrEnum):
    """How a suite's members build on each other."""

    PROGRESSIVE = "PROGRESSIVE"
    MODULAR = "MODULAR"
    HYBRID = "HYBRID"


class RuleOp(StrEnum):
    """How a requirement combines its options."""

    ALL = "ALL"
    ANY = "ANY"
    AT_LEAST = "AT_LEAST"


class AgreementKind(StrEnum):
    """What kind of articulation agreement it is."""

    COURSE_TO_COURSE = "COURSE_TO_COURSE"
    BLOCK = "BLOCK"
    ADVANCED_STANDING = "ADVANCED_STANDING"


class EvidenceKind(StrEnum):
    """What kind of prior-learning evidence it is."""

    WORK_EXPERIENCE = "WORK_EXPERIENCE"
    PORTFOLIO = "PORTFOLIO"
    CHALLENGE_EXAM = "CHALLENGE_EXAM"
    MILITARY = "MILITARY"
    INDUSTRY_CERT = "INDUSTRY_CERT"
    COURSE_ELSEWHERE = "COURSE_ELSEWHERE"
    OTHER = "OTHER"


class FeedbackFrom(StrEnum):
    """Who gave a rating: a learner or an employer."""

    LEARNER = "LEARNER"
    EMPLOYER = "EMPLOYER"


class EndorsementKind(StrEnum):
    """What kind of endorsement an employer gives."""

    CO_DESIGNED = "CO_DESIGNED"
    HIRING_FACTOR = "HIRING_FACTOR"
    ON_THE_JOB_TRAINING = "ON_THE_JOB_TRAINING"
    RECOGNIZED = "RECOGNIZED"


class AlignmentMatch(StrEnum):
    """How closely two aligned competencies match."""

    EXACT = "EXACT"
    CLOSE = "CLOSE"
    BROAD = "BROAD"
    NARROW = "NARROW"
    RELATED = "RELATED"


class PartyRole(StrEnum):
    """An institution's role in an agreement."""

    SENDING = "SENDING"
    RECEIVING = "RECEIVING"


class VerificationState(StrEnum):
    """What verifying a holding's credential found (docs/credentials.md); none: not checked."""

    VERIFIED = "VERIFIED"
    UNVERIFIED = "UNVERIFIED"
    REVOKED = "REVOKED"
    EXPIRED = "EXPIRED"
    INVALID = "INVALID"


# Ids are often IRIs (CTDL, ESCO, CASE): the RFC 3986 characters except quotes, brackets and spaces.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:/#+%?=&~@!$*,;()-]*$"
Id = Annotated[str, Field(min_length=1, max_length=200, pattern=ID_PATTERN)]
NonNegative = Annotated[float, Field(ge=0)]
NonNegativeInt = Annotated[int, Field(ge=0)]
Text = Annotated[str, Field(max_length=10_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]
Grade = Annotated[float, Field(ge=0, le=100)]

__all__ = [
    "ID_PATTERN",
    "LEARNER_DATA_LABELS",
    "AgreementKind",
    "AlignmentMatch",
    "Approach",
    "CompetencyKind",
    "CreditUnit",
    "EndorsementKind",
    "EvidenceKind",
    "FeedbackFrom",
    "FrameworkKind",
    "Grade",
    "Id",
    "InstitutionKind",
    "Label",
    "NonNegative",
    "NonNegativeInt",
    "OutcomeType",
    "PartyRole",
    "RuleOp",
    "ShortText",
    "Source",
    "Status",
    "Text",
    "VerificationState",
]
