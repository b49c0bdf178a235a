"""A framework as 1EdTech CASE 1.1 JSON: the CFPackage (`credgraph export case`, `exportDocument`,
the CASE provider), and the CFDocument, CFItem and CFAssociation views the provider serves.

Identifiers (decision 80): a node imported from CASE keeps its identifier and its URI; any other
node gets a UUID derived from its credgraph id (uuid5), and a URI on the served API
(`{base}/ims/case/v1p1/CFItems/{identifier}`), or `urn:credgraph:{id}` when no base is known. An
association's identifier is derived from its type and its two ends. Items and associations come
in identifier order and times are the nodes' last writes, so the same graph gives the same bytes.
The importer (importers/case.py) reads it back to the same nodes and relationships (tested).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from graph import models as m
from graph.relations import RelType, in_, out
from graph.repositories.nodes import NodeRepository
from importers.exports import NEIGHBOURS, edges_of, iri, one_node

CASE_PATH = "/ims/case/v1p1"
# the namespace of credgraph's derived CASE identifiers: fixed, so they never change
NAMESPACE = uuid.UUID("7cf17dab-0270-4979-bb4d-2851e65d8246")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
CASE_MATCH = {
    m.AlignmentMatch.EXACT: "exactMatchOf",
    m.AlignmentMatch.CLOSE: "isPeerOf",
    m.AlignmentMatch.RELATED: "isRelatedTo",
}
Json = dict[str, Any]


def case_identifier(node: m.Node) -> str:
    """The node's CASE identifier: its own when imported from CASE, else a UUID from its id."""
    if node.source is m.Source.CASE:
        return node.id
    return str(uuid.uuid5(NAMESPACE, node.id))


def _changed(node: m.Node) -> str:
    when = node.updated_at or EPOCH
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Locator:
    """Where things are served: `base` is the provider's base URL (None: not served)."""

    base: str | None = None

    def served(self, collection: str, identifier: str, fallback: str) -> str:
        """The API URL of an object, or `fallback` when there is no base URL."""
        if self.base is None:
            return fallback
        return f"{self.base}{CASE_PATH}/{collection}/{identifier}"

    def uri(self, node: m.Node, collection: str) -> str:
        """A node's CASE URI: the one it was imported with, else its URL on the served API."""
        if node.source is m.Source.CASE and node.source_uri:
            return node.source_uri
        return self.served(collection, case_identifier(node), iri(node.id))

    def ref(self, node: m.Node, collection: str = "CFItems") -> Json:
        """A LinkURI / LinkGenURI to a node."""
        return {
            "title": node.name,
            "identifier": case_identifier(node),
            "uri": self.uri(node, collection),
        }


def document_view(package: Json, locator: Locator) -> Json:
    """The package's CFDocument as served alone (with its CFPackageURI)."""
    document = package["CFDocument"]
    identifier = document["identifier"]
    return {
        **document,
        "CFPackageURI": {
            "title": document["title"],
            "identifier": identifier,
            "uri": locator.served("CFPackages", identifier, document["uri"]),
        },
    }


def document_ref(package: Json) -> Json:
    """A LinkURI to the package's CFDocument (the CFDocumentURI of its items and associations)."""
    document = package["CFDocument"]
    return {k: document[k] for k in ("title", "identifier", "uri")}


async def framework_case(
    nodes: NodeRepository, framework_id: str, locator: Locator | None = None
) -> Json:
    """A CASE 1.1 package (valid against the 1.0 schema too): the framework, its competencies,
    and the links among them and to nodes outside it."""
    at = locator or Locator()
    framework = await one_node(nodes, m.Framework, framework_id)
    doc_ref = at.ref(framework, "CFDocuments")
    creator = framework.publisher or "credgraph"
    document: Json = {
        **doc_ref,
        "caseVersion": "1.1",
        "creator": creator,
        "publisher": creator,  # the importer reads the publisher, or else the creator
        "lastChangeDateTime": _changed(framework),
        **{
            k: v
            for k, v in (("version", framework.version), ("description", framework.description))
            if v
        },
    }
    if framework.license:
        document["licenseURI"] = {
            "title": framework.license,
            "identifier": str(uuid.uuid5(NAMESPACE, f"license:{framework.license}")),
            "uri": doc_ref["uri"],
        }
    members = [e.node for e in await edges_of(nodes, in_(RelType.IN_FRAMEWORK), framework.id)]
    ids = [c.id for c in members]
    items = []
    for competency in members:
        if not isinstance(competency, m.Competency):
            continue
        item: Json = {
            "identifier": case_identifier(competency),
            "uri": at.uri(competency, "CFItems"),
            "fullStatement": competency.description or competency.name,
            "lastChangeDateTime": _changed(competency),
        }
        if competency.name and competency.name != item["fullStatement"]:
            item["abbreviatedStatement"] = competency.name
        if competency.code:
            item["humanCodingScheme"] = competency.code
        items.append(item)
    by_id = {c.id: c for c in members}
    associations: list[Json] = []

    def associate(kind: str, origin: Json, destination: Json, changed: str) -> None:
        # the document's identifier too: a link between two frameworks' items is in both
        # packages, each time as an association of that document (CFAssociations/{id} names it)
        key = f"{doc_ref['identifier']}:{origin['identifier']}:{kind}:{destination['identifier']}"
        identifier = str(uuid.uuid5(NAMESPACE, key))
        associations.append(
            {
                "identifier": identifier,
                "uri": at.served("CFAssociations", identifier, f"urn:uuid:{identifier}"),
                "associationType": kind,
                "originNodeURI": origin,
                "destinationNodeURI": destination,
                "lastChangeDateTime": changed,
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
        links[rel] = found
    has_parent = {origin for origin, _ in links[RelType.BROADER]}
    for competency_id in ids:
        if competency_id not in has_parent:  # top level
            top = by_id[competency_id]
            associate("isChildOf", at.ref(top), doc_ref, _changed(top))
    for child, parent, _ in links[RelType.BROADER].values():
        associate("isChildOf", at.ref(child), at.ref(parent), _changed(child))
    for later, earlier, _ in links[RelType.REQUIRES].values():
        # the required one comes first
        associate("precedes", at.ref(earlier), at.ref(later), _changed(later))
    for origin, destination, props in links[RelType.ALIGNS].values():
        raw = getattr(props, "raw_type", None)
        match = getattr(props, "match", m.AlignmentMatch.RELATED)
        kind = raw or CASE_MATCH.get(match, "isRelatedTo")
        associate(kind, at.ref(origin), at.ref(destination), _changed(origin))
    return {
        "CFDocument": document,
        "CFItems": sorted(items, key=lambda i: str(i["identifier"])),
        "CFAssociations": sorted(associations, key=lambda a: str(a["identifier"])),
    }
