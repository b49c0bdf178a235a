"""Exports: a micro-credential as CTDL JSON-LD or as an Open Badges 3.0 Achievement definition (a
framework as a CASE package: importers/case_export.py). Each carries what its format holds and
what credgraph's importer of that format reads back, so export-then-import gives the same nodes
and relationships (tested).

Ids that are not IRIs (`mc-ml-intro`) travel as `urn:credgraph:{id}` where a format wants an IRI;
the importers turn that prefix back into the id.
"""

from __future__ import annotations

from typing import Any, TypeVar

from graph import models as m
from graph.errors import NotFound
from graph.relations import RelType, out
from graph.repositories.nodes import NodeRepository

N = TypeVar("N", bound=m.Node)
URN = "urn:credgraph:"
NEIGHBOURS = 10_000
CTDL_UNITS = {
    m.CreditUnit.CREDIT_HOUR: "creditUnit:SemesterHour",
    m.CreditUnit.ECTS: "creditUnit:ECTS",
    m.CreditUnit.INSTRUCTIONAL_HOUR: "creditUnit:ClockHour",
}


def iri(node_id: str) -> str:
    return node_id if "://" in node_id or node_id.startswith("urn:") else URN + node_id


def from_iri(value: str) -> str:
    return value.removeprefix(URN)


async def one_node(nodes: NodeRepository, model: type[N], node_id: str) -> N:
    found = (await nodes.get_many(model.label, [node_id])).get(node_id)
    if not isinstance(found, model):
        raise NotFound(model.label.value, node_id)
    return found


async def edges_of(nodes: NodeRepository, hop: Any, node_id: str) -> list[m.Edge]:
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
    mc = await one_node(nodes, m.MicroCredential, mc_id)
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
    offered = await edges_of(nodes, out(RelType.OFFERED_BY), mc.id)
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
    taught = await edges_of(nodes, out(RelType.TEACHES), mc.id)
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
    mc = await one_node(nodes, m.MicroCredential, mc_id)
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
    creators = await edges_of(nodes, out(RelType.OFFERED_BY), mc.id)
    if creators:
        creator = creators[0].node
        achievement["creator"] = {"id": iri(creator.id), "type": ["Profile"], "name": creator.name}
    taught = await edges_of(nodes, out(RelType.TEACHES), mc.id)
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
