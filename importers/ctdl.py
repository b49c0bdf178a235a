"""Credential Engine CTDL / CTDL-ASN JSON-LD (compact, bare-term or expanded; `@graph`, arrays,
registry envelopes). The mapping, with the reasons, is in docs/importers.md; in short:

- credentials: MicroCredential, badges, Certification and certificates of completion or
  participation -> MicroCredential; degrees, diplomas, certificates, LearningProgram -> Program;
  Course, LearningOpportunityProfile, AssessmentProfile -> Course; organizations -> Institution
  (OFFERED_BY from `offeredBy`, else `ownedBy`); `teaches` alignments -> TEACHES;
- CompetencyFramework -> Framework, Competency -> Competency (IN_FRAMEWORK, BROADER from
  `isChildOf` / `hasChild`, ALIGNS from the `*Alignment` properties);
- TransferValueProfile -> TransferValue (FROM, FOR, credits and unit, dates), TransferAgreement
  (INCLUDES, BETWEEN sending / receiving);
- Pathway -> Program whose rule tree comes from the destination component's ComponentConditions
  (`requiredNumber`, `logicalOperator`; course and credential components are items, the others
  rule nodes); `precedes` (and the known typo `preceeds`, warned) -> REQUIRES between items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from graph import models as m
from graph.relations import RelType
from importers.base import UNFORESEEN, ImportBatch, SourceError, checked
from importers.exports import URN, from_iri
from importers.files import SourceFile
from importers.jsonld import (
    ASN,
    CE,
    QDATA,
    SCHEMA,
    flatten,
    load_json,
    number,
    refs,
    stable_id,
    text,
    types,
    unwrap_envelopes,
    values,
)

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


class _Document:
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


def _label_of(node: dict[str, Any]) -> m.Label | None:
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


def _name(node: dict[str, Any]) -> str | None:
    name = text(node, CE + "name", ASN + "name", CE + "targetNodeName", ASN + "competencyLabel")
    return name[:500] if name else None


def _assign_ids(doc: _Document) -> None:
    """IRIs keep their IRI; a blank node gets its CTID, or an id derived from what it is."""
    for raw, node in doc.nodes.items():
        if not raw.startswith("_:"):
            doc.ids[raw] = from_iri(raw)  # credgraph's own exports name ids urn:credgraph:{id}
            continue
        ctid = text(node, CE + "ctid")
        label = _label_of(node)
        if ctid:
            doc.ids[raw] = f"https://credentialengineregistry.org/resources/{ctid}"
        elif label is not None:
            doc.ids[raw] = stable_id(f"ctdl-{label.value.lower()}", *types(node), _name(node))
        # proxy components stand for the item they point at
    for raw, node in doc.nodes.items():
        proxy = refs(node, CE + "proxyFor")
        if proxy and set(types(node)) & {"CourseComponent", "CredentialComponent"}:
            # a component standing for a course or credential is that item
            doc.ids[raw] = doc.target(proxy[0])
            if proxy[0] in doc.nodes:
                doc.proxies[raw] = proxy[0]
    doc.known = set(doc.ids.values())


def _credits(doc: _Document, node: dict[str, Any]) -> tuple[float | None, m.CreditUnit | None]:
    for key in (CE + "creditValue", CE + "transferValue"):
        for ref in refs(node, key):
            value = doc.nodes.get(ref, {})
            amount = number(value, SCHEMA + "value", QDATA + "value", CE + "value")
            if amount is None:
                amount = number(value, SCHEMA + "minValue", QDATA + "minValue")
            unit_names = [
                v.get("@value")
                for v in values(value, CE + "creditUnitType")
                if isinstance(v, dict) and "@value" in v
            ] + [
                text(doc.nodes.get(r, {}), CE + "targetNodeName") or r
                for r in refs(value, CE + "creditUnitType")
            ]
            if amount is None:
                continue
            for unit_name in unit_names:
                key_ = str(unit_name).rsplit(":", 1)[-1].rsplit("/", 1)[-1].lower().replace(" ", "")
                if key_ in CREDIT_UNITS:
                    unit, factor = CREDIT_UNITS[key_]
                    return round(amount * factor, 4), unit
            doc.warn(f"{doc.target(node['@id'])}: credit unit {unit_names or '(none)'} unknown")
            return None, None
    hours = number(node, CE + "creditHourValue")
    return (hours, m.CreditUnit.CREDIT_HOUR) if hours is not None else (None, None)


def _date(doc: _Document, node: dict[str, Any], *keys: str) -> dt.date | None:
    """A date, also without zero padding (`2018-12-1`); anything else is warned and left out."""
    found = text(node, *keys)
    if not found:
        return None
    parts = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", found)
    try:
        if parts:
            return dt.date(*(int(p) for p in parts.groups()))
    except ValueError:
        pass
    doc.warn(f"{doc.target(node['@id'])}: date {found!r} is not a date; left out")
    return None


def _map_nodes(doc: _Document) -> None:
    for raw, node in doc.nodes.items():
        label = _label_of(node)
        if label is None or raw not in doc.ids or raw in doc.proxies:
            continue
        name = _name(node)
        description = text(node, CE + "description", ASN + "description")
        uri = raw if not raw.startswith(("_:", URN)) else None
        kinds = types(node)
        if label is m.Label.INSTITUTION:
            doc.add(raw, m.Institution, name=name, source_uri=uri)
        elif label is m.Label.FRAMEWORK:
            doc.add(
                raw,
                m.Framework,
                name=name,
                description=description,
                kind=m.FrameworkKind.CTDL,
                source_uri=uri,
            )
        elif label is m.Label.COMPETENCY:
            statement = text(node, ASN + "competencyText", ASN + "competencyLabel") or name
            doc.add(
                raw,
                m.Competency,
                name=(text(node, ASN + "competencyLabel") or statement or "")[:500] or None,
                description=statement,
                code=text(node, ASN + "codedNotation", CE + "codedNotation"),
                kind=m.CompetencyKind.OTHER,
                source_uri=uri,
            )
        elif label is m.Label.MICRO_CREDENTIAL:
            credits, unit = _credits(doc, node)
            doc.add(
                raw,
                m.MicroCredential,
                name=name,
                description=description,
                credits=credits,
                credit_unit=unit,
                credit_bearing=credits is not None,
                status=m.Status.PUBLISHED,
                source_uri=uri,
            )
        elif label is m.Label.COURSE:
            credits, unit = _credits(doc, node)
            doc.add(
                raw,
                m.Course,
                name=name,
                description=description,
                code=text(node, CE + "codedNotation"),
                credits=credits,
                credit_unit=unit,
                source_uri=uri,
            )
        elif label is m.Label.PROGRAM:
            credits, unit = _credits(doc, node)
            doc.add(
                raw,
                m.Program,
                name=name,
                description=description,
                credential_type=next((k for k in kinds if k in PROGRAM_TYPES), None),
                required_credits=credits,
                credit_unit=unit,
                source_uri=uri,
            )
        elif label is m.Label.TRANSFER_VALUE:
            credits, unit = _credits(doc, node)
            doc.add(
                raw,
                m.TransferValue,
                name=name,
                credits=credits,
                credit_unit=unit,
                effective_from=_date(doc, node, CE + "startDate", CE + "dateEffective"),
                effective_to=_date(doc, node, CE + "endDate", CE + "expirationDate"),
                conditions=description,
                source_uri=uri,
            )
        elif label is m.Label.TRANSFER_AGREEMENT:
            doc.add(
                raw,
                m.TransferAgreement,
                name=name,
                effective_from=_date(doc, node, CE + "startDate", CE + "dateEffective"),
                effective_to=_date(doc, node, CE + "endDate", CE + "expirationDate"),
                source_uri=uri,
            )


def _proxy_labels(doc: _Document) -> None:
    for component, item in doc.proxies.items():
        if item in doc.labels:
            doc.labels[component] = doc.labels[item]


def _alignment_target(doc: _Document, alignment_ref: str) -> str | None:
    """The competency an alignment object points at; a stub when it is outside the document."""
    alignment = doc.nodes.get(alignment_ref)
    if alignment is None:  # a bare reference to a competency
        return doc.target(alignment_ref)
    if _label_of(alignment) is m.Label.COMPETENCY:
        return doc.target(alignment_ref)
    targets = refs(alignment, CE + "targetNode")
    name = text(alignment, CE + "targetNodeName")
    framework = text(alignment, CE + "frameworkName") or next(
        iter(refs(alignment, CE + "framework")), None
    )
    if targets:
        target = doc.target(targets[0])
    elif name:
        target = stable_id("ctdl-competency", framework, name)
    else:
        return None
    if target not in doc.known and name:
        doc.stub(
            alignment_ref,
            id=target,
            name=name[:500],
            description=text(alignment, CE + "targetNodeDescription"),
            code=text(alignment, CE + "codedNotation"),
            source_uri=targets[0] if targets and not targets[0].startswith(URN) else None,
        )
    return target


def _map_links(doc: _Document) -> None:
    link = doc.batch.link
    for raw, node in doc.nodes.items():
        label = doc.labels.get(raw)
        if label is None or raw in doc.proxies:
            continue
        me = doc.ids[raw]
        if label in ITEM_LABELS:
            owners = refs(node, CE + "offeredBy") or refs(node, CE + "ownedBy")
            for owner in owners:
                link(RelType.OFFERED_BY, me, doc.target(owner))
            taught = refs(node, CE + "teaches")
            if taught and label is m.Label.PROGRAM:
                doc.warn(f"{me}: a program's `teaches` is not stored (only items teach)")
            elif label is not m.Label.PROGRAM:
                for alignment in taught:
                    target = _alignment_target(doc, alignment)
                    if target:
                        link(RelType.TEACHES, me, target, m.Teaches())
            for key in (CE + "precedes", CE + "preceeds"):
                for later in refs(node, key):
                    if key.endswith("preceeds"):
                        doc.warn(f"{me}: `preceeds` read as `precedes`")
                    if doc.labels.get(later) in ITEM_LABELS - {m.Label.PROGRAM}:
                        link(RelType.REQUIRES, doc.target(later), me)
            for earlier in refs(node, CE + "precededBy"):
                if doc.labels.get(earlier) in ITEM_LABELS - {m.Label.PROGRAM}:
                    link(RelType.REQUIRES, me, doc.target(earlier))
        if label is m.Label.PROGRAM:
            _program_rules(doc, raw, node)
        elif label is m.Label.COMPETENCY:
            _competency_links(doc, raw, node)
        elif label is m.Label.FRAMEWORK:
            for child in refs(node, ASN + "hasTopChild"):
                link(RelType.IN_FRAMEWORK, doc.target(child), me)
        elif label is m.Label.TRANSFER_VALUE:
            for source in refs(node, CE + "transferValueFrom"):
                if doc.labels.get(source, m.Label.COURSE) in ITEM_LABELS:
                    link(RelType.FROM, me, doc.target(source))
                else:
                    doc.warn(f"{me}: transferValueFrom {source} is not a course or credential")
            for goal in refs(node, CE + "transferValueFor"):
                link(RelType.FOR, me, doc.target(goal))
        elif label is m.Label.TRANSFER_AGREEMENT:
            for profile in refs(node, CE + "hasTransferValueProfile"):
                link(RelType.INCLUDES, me, doc.target(profile))
            for key, role in (
                (CE + "sendingOrganization", m.PartyRole.SENDING),
                (CE + "receivingOrganization", m.PartyRole.RECEIVING),
            ):
                for org in refs(node, key):
                    link(RelType.BETWEEN, me, doc.target(org), m.Between(role=role))
        elif label is m.Label.REQUIREMENT:
            pass  # rule components are written when a pathway reaches them


def _competency_links(doc: _Document, raw: str, node: dict[str, Any]) -> None:
    me = doc.ids[raw]
    for key in (ASN + "isPartOf", ASN + "isTopChildOf"):
        for framework in refs(node, key):
            if doc.labels.get(framework, m.Label.FRAMEWORK) is m.Label.FRAMEWORK:
                doc.batch.link(RelType.IN_FRAMEWORK, me, doc.target(framework))
    for parent in refs(node, ASN + "isChildOf"):
        if doc.labels.get(parent) is m.Label.COMPETENCY:
            doc.batch.link(RelType.BROADER, me, doc.target(parent))
    for child in refs(node, ASN + "hasChild"):
        if doc.labels.get(child) is m.Label.COMPETENCY:
            doc.batch.link(RelType.BROADER, doc.target(child), me)
    for key, match in ALIGNMENTS.items():
        for other in refs(node, ASN + key):
            target = doc.target(other)
            if other not in doc.nodes:
                doc.stub(raw, id=target, name=target[:500], source_uri=other)
            doc.batch.link(RelType.ALIGNS, me, target, m.Aligns(match=match, raw_type=key))


def _program_rules(doc: _Document, raw: str, node: dict[str, Any]) -> None:
    """A pathway needs its destination component; a program with parts needs all of them."""
    me = doc.ids[raw]
    destinations = refs(node, CE + "hasDestinationComponent")
    if destinations:
        goal = _component_rule(doc, destinations[0], set())
        options = [goal] if goal else []
    else:
        options = [
            doc.target(p) for p in refs(node, CE + "hasPart") if doc.labels.get(p) in ITEM_LABELS
        ]
    if options:
        rule = f"{me}#rule"
        _requirement(doc, rule, _name(node), m.RuleOp.ALL, None, list(options))
        doc.batch.link(RelType.HAS_REQUIREMENT, me, rule)


def _component_rule(doc: _Document, raw: str, path: set[str]) -> str | None:
    """What stands for a pathway component in a rule: the item itself (a credential's own
    conditions become its rule tree), or a Requirement built from its conditions or children."""
    if raw in path:
        doc.warn(f"{doc.target(raw)}: components form a cycle; the repeated condition is left out")
        return None
    node = doc.nodes.get(raw)
    if node is None:
        return doc.target(raw)  # a component outside the document: linked if the graph has it
    label = doc.labels.get(raw)
    me = doc.target(raw)
    conditions = refs(node, CE + "hasCondition")
    rules = [
        _condition_rule(doc, c, f"{me}#condition-{n}", path | {raw})
        for n, c in enumerate(conditions)
    ]
    kept = [r for r in rules if r]
    if label in {m.Label.MICRO_CREDENTIAL, m.Label.COURSE}:
        if kept and label is m.Label.MICRO_CREDENTIAL and me not in doc.ruled:
            doc.ruled.add(me)
            rule = kept[0] if len(kept) == 1 else f"{me}#rule"
            if len(kept) > 1:
                _requirement(doc, rule, _name(node), m.RuleOp.ALL, None, list(kept))
            doc.batch.link(RelType.HAS_REQUIREMENT, me, rule)
        elif kept and label is m.Label.COURSE:
            doc.warn(f"{me}: conditions on a course component are not stored")
        return me
    if not conditions:
        children = refs(node, ASN + "hasChild") + refs(node, CE + "hasChild")
        kept = [r for r in (_component_rule(doc, c, path | {raw}) for c in children) if r]
    if not kept:
        doc.warn(f"{me}: a component with no condition and no child is left out")
        return None
    if len(kept) == 1 and conditions:
        return kept[0]
    rule = f"{me}#rule"
    _requirement(doc, rule, _name(node), m.RuleOp.ALL, None, list(kept))
    return rule


def _condition_rule(doc: _Document, raw: str, rule_id: str, path: set[str]) -> str | None:
    node = doc.nodes.get(raw, {})
    options = [_component_rule(doc, t, path) for t in refs(node, CE + "targetComponent")]
    options += [
        _condition_rule(doc, c, f"{rule_id}.{n}", path)
        for n, c in enumerate(refs(node, CE + "hasCondition"))
    ]
    kept = [o for o in options if o]
    if not kept:
        return None
    required = number(node, CE + "requiredNumber")
    if required is None and text(node, CE + "leftOperand") == "reqNum":
        required = number(node, CE + "rightOperand")  # the draft pathway examples' spelling
    operator = (text(node, CE + "logicalOperator", CE + "logicalOperand") or "").lower()
    if required is not None and 1 <= required < len(kept):
        op, count = (m.RuleOp.ANY, None) if required == 1 else (m.RuleOp.AT_LEAST, int(required))
    elif required is None and operator.endswith("or"):
        op, count = m.RuleOp.ANY, None
    else:
        op, count = m.RuleOp.ALL, None
    name = text(node, CE + "name", CE + "description")
    _requirement(doc, rule_id, name, op, count, kept)
    return rule_id


def _requirement(
    doc: _Document,
    rule_id: str,
    name: str | None,
    op: m.RuleOp,
    count: int | None,
    options: Sequence[str | None],
) -> None:
    doc.batch.nodes.append(
        m.Requirement(
            id=rule_id, name=(name or None) and name[:500], op=op, count=count, source=m.Source.CTDL
        )
    )
    for option in options:
        if option:
            doc.batch.link(RelType.OPTION, rule_id, option)


def parse(paths: Sequence[SourceFile]) -> ImportBatch:
    batch = ImportBatch()
    for path in paths:
        data = load_json(path)
        for where, document in unwrap_envelopes(data, str(path)):
            nodes = flatten(document, str(path), where, batch.warnings)
            if not nodes:
                raise SourceError(
                    str(path), f"JSON pointer {where or '/'}", "@graph", "no CTDL data"
                )
            doc = _Document(str(path), where, nodes, batch)
            try:
                _assign_ids(doc)
                _map_nodes(doc)
                _proxy_labels(doc)
                _map_links(doc)
            except UNFORESEEN as error:
                # a shape no check foresaw: still a located error, never a crash
                raise SourceError(
                    str(path),
                    f"JSON pointer {where or '/'}",
                    "-",
                    f"unexpected structure ({error})",
                ) from None
            if not doc.labels:
                assistant = isinstance(document, dict) and {"Type", "CTID"} & set(document)
                doc.warn(
                    "a Credential Engine Assistant API payload, not CTDL JSON-LD: nothing read"
                    if assistant
                    else "nothing credgraph stores (no credential, course, competency, ...)"
                )
    return batch


def counts_by_label(batch: ImportBatch) -> dict[str, int]:
    """Nodes per label, stubs left out: what the corpus tests compare with the manifest."""
    out: dict[str, int] = defaultdict(int)
    for node in {n.id: n for n in batch.nodes}.values():
        if not getattr(node, "external", False):
            out[node.label.value] += 1
    return dict(out)
