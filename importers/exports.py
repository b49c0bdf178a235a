"""Exports: a micro-credential as CTDL JSON-LD or as an Open Badges 3.0 Achievement definition, a
framework as a CASE 1.0 package. Each carries what its format holds and what credgraph's importer
of that format reads back, so export-then-import gives the same nodes and relationships (tested).

Ids that are not IRIs (`mc-ml-intro`) travel as `urn:credgraph:{id}` where a format wants an IRI;
the importers turn that prefix back into the id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from graph import models as m
from graph.errors import NotFound
from graph.relations import RelType, in_, out
from graph.repositories.nodes import NodeRepository

N = TypeVar("N", bound=m.Node)
URN = "urn:credgraph:"
NEIGHBOURS = 10_000
CTDL_UNITS = {
    m.CreditUnit.CREDIT_HOUR: "creditUnit:SemesterHour",
    m.CreditUnit.ECTS: "creditUnit:ECTS",
    m.CreditUnit.INSTRUCTIONAL_HOUR: "creditUnit:ClockHour",
}
CASE_MATCH = {
    m.AlignmentMatch.EXACT: "exactMatchOf",
    m.AlignmentMatch.CLOSE: "isPeerOf",
    m.AlignmentMatch.RELATED: "isRelatedTo",
}


def iri(node_id: str) -> str:
    return node_id if "://" in node_id or node_id.startswith("urn:") else URN + node_id


def from_iri(value: str) -> str:
    return value.removeprefix(URN)


async def _one(nodes: NodeRepository, model: type[N], node_id: str) -> N:
    found = (await nodes.get_many(model.label, [node_id])).get(node_id)
    if not isinstance(found, model):
        raise NotFound(model.label.value, node_id)
    return found


async def _edges(nodes: NodeRepository, hop: Any, node_id: str) -> list[m.Edge]:
    return (await nodes.neighbours(hop, [node_id], NEIGHBOURS)).get(node_id, [])


def _ctdl_credit(credits: float | None, unit: m.CreditUnit | None) -> list[dict[str, Any]]:
    if credits is None or unit not in CTDL_UNITS:
        return []
    return [
        {
            "@type": "ceterms:ValueProfile",
            "schema:value": credits,
            "ceterms:creditUnitType": [CTDL_UNITS[unit]],
        }
    ]


async def micro_credential_ctdl(nodes: NodeRepository, mc_id: str) -> dict[str, Any]:
    mc = await _one(nodes, m.MicroCredential, mc_id)
    graph: list[dict[str, Any]] = []
    resource: dict[str, Any] = {
        "@id": iri(mc.id),
        "@type": "ceterms:MicroCredential",
        "ceterms:name": {"en": mc.name},
    }
    if mc.description:
        resource["ceterms:description"] = {"en": mc.description}
    if credit := _ctdl_credit(mc.credits, mc.credit_unit):
        resource["ceterms:creditValue"] = credit
    offered = await _edges(nodes, out(RelType.OFFERED_BY), mc.id)
    if offered:
        resource["ceterms:offeredBy"] = [iri(e.node.id) for e in offered]
        graph += [
            {
                "@id": iri(e.node.id),
                "@type": "ceterms:CredentialOrganization",
                "ceterms:name": {"en": e.node.name},
            }
            for e in offered
        ]
    taught = await _edges(nodes, out(RelType.TEACHES), mc.id)
    if taught:
        resource["ceterms:teaches"] = [
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNode": iri(e.node.id),
                "ceterms:targetNodeName": {"en": e.node.name},
                **(
                    {"ceterms:codedNotation": getattr(e.node, "code", None)}
                    if getattr(e.node, "code", None)
                    else {}
                ),
            }
            for e in taught
        ]
    return {
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@graph": [resource, *graph],
    }


async def micro_credential_achievement(nodes: NodeRepository, mc_id: str) -> dict[str, Any]:
    """An Open Badges 3.0 Achievement definition (the `achievement` of an OpenBadgeCredential)."""
    mc = await _one(nodes, m.MicroCredential, mc_id)
    achievement: dict[str, Any] = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": iri(mc.id),
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": mc.name,
        "description": mc.description or mc.name,
        "criteria": {"narrative": f"Earn {mc.name}."},
    }
    if mc.credits is not None and mc.credit_unit is m.CreditUnit.CREDIT_HOUR:
        achievement["creditsAvailable"] = mc.credits  # OB 3.0 credits are credit hours
    creators = await _edges(nodes, out(RelType.OFFERED_BY), mc.id)
    if creators:
        creator = creators[0].node
        achievement["creator"] = {"id": iri(creator.id), "type": ["Profile"], "name": creator.name}
    taught = await _edges(nodes, out(RelType.TEACHES), mc.id)
    alignments = []
    for edge in taught:
        competency = edge.node
        case_item = competency.source is m.Source.CASE
        alignment = {
            "type": ["Alignment"],
            "targetName": competency.name,
            "targetUrl": competency.source_uri
            if case_item and competency.source_uri
            else iri(competency.id),
            "targetType": "CFItem" if case_item else "ceasn:Competency",
        }
        if case_item:
            alignment["targetCode"] = competency.id
        elif getattr(competency, "code", None):
            alignment["targetCode"] = getattr(competency, "code", None)
        alignments.append(alignment)
    if alignments:
        achievement["alignment"] = alignments
    return achievement


async def framework_case(nodes: NodeRepository, framework_id: str) -> dict[str, Any]:
    """A CASE 1.0 package: the framework, its competencies, and the links among them."""
    framework = await _one(nodes, m.Framework, framework_id)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    doc_uri = framework.source_uri or iri(framework.id)
    document: dict[str, Any] = {
        "identifier": framework.id,
        "uri": doc_uri,
        "title": framework.name,
        "creator": framework.publisher or "credgraph",
        "lastChangeDateTime": now,
        **{
            k: v
            for k, v in (("version", framework.version), ("description", framework.description))
            if v
        },
    }
    if framework.license:
        document["licenseURI"] = {
            "title": framework.license,
            "identifier": framework.license,
            "uri": doc_uri,
        }
    if framework.publisher:
        document["publisher"] = framework.publisher
    members = [e.node for e in await _edges(nodes, in_(RelType.IN_FRAMEWORK), framework.id)]
    ids = [c.id for c in members]
    items = []
    for competency in sorted(members, key=lambda c: c.id):
        if not isinstance(competency, m.Competency):
            continue
        item: dict[str, Any] = {
            "identifier": competency.id,
            "uri": competency.source_uri or iri(competency.id),
            "fullStatement": competency.description or competency.name,
            "lastChangeDateTime": now,
            "CFDocumentURI": {"title": framework.name, "identifier": framework.id, "uri": doc_uri},
        }
        if competency.name and competency.name != competency.description:
            item["abbreviatedStatement"] = competency.name
        if competency.code:
            item["humanCodingScheme"] = competency.code
        items.append(item)
    by_id = {c.id: c for c in members}

    def ref(node: m.Node) -> dict[str, Any]:
        return {"title": node.name, "identifier": node.id, "uri": node.source_uri or iri(node.id)}

    doc_ref = {"title": framework.name, "identifier": framework.id, "uri": doc_uri}
    associations: list[dict[str, Any]] = []

    def associate(kind: str, origin: dict[str, Any], destination: dict[str, Any]) -> None:
        associations.append(
            {
                "identifier": f"{origin['identifier']}:{kind}:{destination['identifier']}",
                "uri": iri(f"{origin['identifier']}:{kind}:{destination['identifier']}"),
                "associationType": kind,
                "originNodeURI": origin,
                "destinationNodeURI": destination,
                "lastChangeDateTime": now,
            }
        )

    # links among the members, and between members and nodes outside (stubs on re-import)
    links: dict[RelType, dict[tuple[str, str], tuple[m.Node, m.Node, m.Model]]] = {}
    for rel in (RelType.BROADER, RelType.REQUIRES, RelType.ALIGNS):
        found: dict[tuple[str, str], tuple[m.Node, m.Node, m.Model]] = {}
        for member_id, edges in (await nodes.neighbours(out(rel), ids, NEIGHBOURS)).items():
            for edge in edges:
                found[(member_id, edge.node.id)] = (by_id[member_id], edge.node, edge.props)
        for member_id, edges in (await nodes.neighbours(in_(rel), ids, NEIGHBOURS)).items():
            for edge in edges:
                found[(edge.node.id, member_id)] = (edge.node, by_id[member_id], edge.props)
        links[rel] = dict(sorted(found.items()))
    has_parent = {origin for origin, _ in links[RelType.BROADER]}
    for competency_id in sorted(ids):
        if competency_id not in has_parent:
            associate("isChildOf", ref(by_id[competency_id]), doc_ref)  # top level
    for child, parent, _ in links[RelType.BROADER].values():
        associate("isChildOf", ref(child), ref(parent))
    for later, earlier, _ in links[RelType.REQUIRES].values():
        associate("precedes", ref(earlier), ref(later))  # the required one comes first
    for origin, destination, props in links[RelType.ALIGNS].values():
        raw = getattr(props, "raw_type", None)
        match = getattr(props, "match", m.AlignmentMatch.RELATED)
        associate(raw or CASE_MATCH.get(match, "isRelatedTo"), ref(origin), ref(destination))
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}
