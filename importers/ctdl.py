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
from importers.base import UNFORESEEN, ImportBatch, SourceError
from importers.ctdl_document import (
    CREDIT_UNITS,
    PROGRAM_TYPES,
    CtdlDocument,
    label_of,
    node_name,
)
from importers.ctdl_links import map_links, proxy_labels
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


def _assign_ids(doc: CtdlDocument) -> None:
    """IRIs keep their IRI; a blank node gets its CTID, or an id derived from what it is."""
    for raw, node in doc.nodes.items():
        if not raw.startswith("_:"):
            doc.ids[raw] = from_iri(raw)  # credgraph's own exports name ids urn:credgraph:{id}
            continue
        ctid = text(node, CE + "ctid")
        label = label_of(node)
        if ctid:
            doc.ids[raw] = f"https://credentialengineregistry.org/resources/{ctid}"
        elif label is not None:
            doc.ids[raw] = stable_id(f"ctdl-{label.value.lower()}", *types(node), node_name(node))
        # proxy components stand for the item they point at
    for raw, node in doc.nodes.items():
        proxy = refs(node, CE + "proxyFor")
        if proxy and set(types(node)) & {"CourseComponent", "CredentialComponent"}:
            # a component standing for a course or credential is that item
            doc.ids[raw] = doc.target(proxy[0])
            if proxy[0] in doc.nodes:
                doc.proxies[raw] = proxy[0]
    doc.known = set(doc.ids.values())


def _credits(doc: CtdlDocument, node: dict[str, Any]) -> tuple[float | None, m.CreditUnit | None]:
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


def _date(doc: CtdlDocument, node: dict[str, Any], *keys: str) -> dt.date | None:
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


def _credit(doc: CtdlDocument, node: dict[str, Any]) -> dict[str, Any]:
    """The node's credit value and unit, as the fields of the same names."""
    credits, unit = _credits(doc, node)
    return {"credits": credits, "credit_unit": unit}


def _in_force(doc: CtdlDocument, node: dict[str, Any]) -> dict[str, dt.date | None]:
    """The first and last day a transfer value or agreement applies."""
    return {
        "effective_from": _date(doc, node, CE + "startDate", CE + "dateEffective"),
        "effective_to": _date(doc, node, CE + "endDate", CE + "expirationDate"),
    }


def _map_nodes(doc: CtdlDocument) -> None:
    for raw, node in doc.nodes.items():
        label = label_of(node)
        if label is None or raw not in doc.ids or raw in doc.proxies:
            continue
        name = node_name(node)
        description = text(node, CE + "description", ASN + "description")
        uri = raw if not raw.startswith(("_:", URN)) else None
        kinds = types(node)
        named: dict[str, Any] = {"name": name, "source_uri": uri}
        described = {**named, "description": description}
        if label is m.Label.INSTITUTION:
            doc.add(raw, m.Institution, **named)
        elif label is m.Label.FRAMEWORK:
            doc.add(raw, m.Framework, **described, kind=m.FrameworkKind.CTDL)
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
            credit = _credit(doc, node)
            bearing = credit["credits"] is not None
            doc.add(
                raw,
                m.MicroCredential,
                **described,
                **credit,
                credit_bearing=bearing,
                status=m.Status.PUBLISHED,
            )
        elif label is m.Label.COURSE:
            code = text(node, CE + "codedNotation")
            doc.add(raw, m.Course, **described, **_credit(doc, node), code=code)
        elif label is m.Label.PROGRAM:
            credits, unit = _credits(doc, node)
            program_type = next((k for k in kinds if k in PROGRAM_TYPES), None)
            doc.add(
                raw,
                m.Program,
                **described,
                credential_type=program_type,
                required_credits=credits,
                credit_unit=unit,
            )
        elif label is m.Label.TRANSFER_VALUE:
            credit = _credit(doc, node)
            doc.add(
                raw,
                m.TransferValue,
                **named,
                **credit,
                **_in_force(doc, node),
                conditions=description,
            )
        elif label is m.Label.TRANSFER_AGREEMENT:
            doc.add(raw, m.TransferAgreement, **named, **_in_force(doc, node))


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
            doc = CtdlDocument(str(path), where, nodes, batch)
            try:
                _assign_ids(doc)
                _map_nodes(doc)
                proxy_labels(doc)
                map_links(doc)
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
