"""CTDL mapping tables (types, alignments, credit units) and the document being mapped."""

from __future__ import annotations

from typing import Any

from graph import models as m
from importers.base import ImportBatch, SourceError, checked
from importers.exports import from_iri
from importers.jsonld import ASN, CE, text, types

MICRO_TYPES = {
    "MicroCredential",
    "Badge",
    "DigitalBadge",
    "OpenBadge",
    "Certification",
    "CertificateOfCompletion",
    "CertificateOfParticipation",
    "CredentialComponent",
}
PROGRAM_TYPES = {
    "LearningProgram",
    "Pathway",
    "AssociateDegree",
    "BachelorDegree",
    "MasterDegree",
    "DoctoralDegree",
    "ProfessionalDoctorate",
    "ResearchDoctorate",
    "Degree",
    "Diploma",
    "SecondarySchoolDiploma",
    "Certificate",
    "ApprenticeshipCertificate",
    "JourneymanCertificate",
    "MasterCertificate",
    "AcademicCertificate",
    "License",
    "QualityAssuranceCredential",
    "Credential",
}
COURSE_TYPES = {
    "Course",
    "LearningOpportunityProfile",
    "LearningOpportunity",
    "AssessmentProfile",
    "CourseComponent",
    "AssessmentComponent",
}
ORG_TYPES = {"CredentialOrganization", "QACredentialOrganization", "Organization"}
COMPONENT_RULE_TYPES = {
    "BasicComponent",
    "CocurricularComponent",
    "ExtracurricularComponent",
    "JobComponent",
    "WorkExperienceComponent",
    "SelectionComponent",
    "MultiComponent",
    "CompetencyComponent",
}
ALIGNMENTS = {
    "exactAlignment": m.AlignmentMatch.EXACT,
    "majorAlignment": m.AlignmentMatch.CLOSE,
    "minorAlignment": m.AlignmentMatch.RELATED,
    "broadAlignment": m.AlignmentMatch.BROAD,
    "narrowAlignment": m.AlignmentMatch.NARROW,
}
# creditUnitType concepts (last segment, lower case) -> (unit, factor to that unit)
CREDIT_UNITS: dict[str, tuple[m.CreditUnit, float]] = {
    "semesterhour": (m.CreditUnit.CREDIT_HOUR, 1.0),
    "credithour": (m.CreditUnit.CREDIT_HOUR, 1.0),
    "degreecredit": (m.CreditUnit.CREDIT_HOUR, 1.0),
    "degreeecredit": (m.CreditUnit.CREDIT_HOUR, 1.0),  # spelled so in the Handbook examples
    "quarterhour": (m.CreditUnit.CREDIT_HOUR, 2 / 3),
    "ects": (m.CreditUnit.ECTS, 1.0),
    "europeancredit": (m.CreditUnit.ECTS, 1.0),
    "clockhour": (m.CreditUnit.INSTRUCTIONAL_HOUR, 1.0),
    "contacthour": (m.CreditUnit.INSTRUCTIONAL_HOUR, 1.0),
    "continuingeducationunit": (m.CreditUnit.INSTRUCTIONAL_HOUR, 10.0),
}
ITEM_LABELS = {m.Label.MICRO_CREDENTIAL, m.Label.COURSE, m.Label.PROGRAM}


class CtdlDocument:
    """One JSON-LD document being mapped: its nodes, the ids given to them, and the batch."""

    def __init__(self, file: str, where: str, nodes: dict[str, dict[str, Any]], batch: ImportBatch):
        self.file = file
        self.where = where
        self.nodes = nodes
        self.batch = batch
        self.ids: dict[str, str] = {}
        self.labels: dict[str, m.Label] = {}
        self.known: set[str] = set()
        self.ruled: set[str] = set()
        self.proxies: dict[str, str] = {}

    def fail(self, node_id: str, field: str, message: str) -> SourceError:
        return SourceError(
            self.file, f"JSON pointer {self.where or '/'} node {node_id}", field, message
        )

    def warn(self, message: str) -> None:
        self.batch.warnings.append(f"{self.file}: {message}")

    def add(self, raw_id: str, model: type[m.Node], **fields: Any) -> None:
        node = checked(
            model,
            lambda field, message: self.fail(raw_id, field, message),
            id=self.ids[raw_id],
            source=m.Source.CTDL,
            **fields,
        )
        self.batch.nodes.append(node)
        self.labels[raw_id] = model.label

    def stub(self, where: str, **fields: Any) -> None:
        """An `external` competency for an alignment end outside the document."""
        node = checked(
            m.Competency,
            lambda field, message: self.fail(where, field, f"(alignment target) {message}"),
            external=True,
            source=m.Source.CTDL,
            **fields,
        )
        self.batch.nodes.append(node)

    def target(self, raw: str) -> str:
        """The graph id for a referenced node: its given id, or the IRI itself when outside."""
        return self.ids.get(raw, from_iri(raw))


def label_of(node: dict[str, Any]) -> m.Label | None:
    """The credgraph label a CTDL node maps to (None: not stored)."""
    kinds = set(types(node))
    if kinds & {"CompetencyFramework"}:
        return m.Label.FRAMEWORK
    if kinds & {"Competency"}:
        return m.Label.COMPETENCY
    if kinds & {"TransferValueProfile"}:
        return m.Label.TRANSFER_VALUE
    if kinds & {"TransferAgreement"}:
        return m.Label.TRANSFER_AGREEMENT
    if kinds & ORG_TYPES:
        return m.Label.INSTITUTION
    if kinds & COURSE_TYPES:
        return m.Label.COURSE
    if kinds & MICRO_TYPES:
        return m.Label.MICRO_CREDENTIAL
    if kinds & PROGRAM_TYPES:
        return m.Label.PROGRAM
    if kinds & COMPONENT_RULE_TYPES:
        return m.Label.REQUIREMENT
    return None


def node_name(node: dict[str, Any]) -> str | None:
    """A CTDL node's display name."""
    name = text(node, CE + "name", ASN + "name", CE + "targetNodeName", ASN + "competencyLabel")
    return name[:500] if name else None
