"""The CASE 1.1 provider on a real server: every framework listed, every package valid against the
CASE CFPackage JSON schema (1.0, read in place from the corpus) and CASE 1.1's rules, items and
associations by identifier, imsx_StatusInfo 404s, ETag / If-None-Match 304, public caching."""

from __future__ import annotations

import json
import re
import urllib.parse
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from graph.connection import Neo4jTarget
from graph.container import Graph
from importers import case
from importers.base import apply
from importers.case_export import NAMESPACE
from tests.conftest import ROOT, make_settings
from tests.e2e.server import serve

API = "/ims/case/v1p1"
FIXTURES = ROOT / "tests" / "fixtures" / "case"
SYNTHETIC_DOC = "c0a5e000-0000-4000-8000-000000000001"
CORPUS = make_settings().corpus_dir
CORPUS_CASE = CORPUS / "case" if CORPUS is not None else None
# imported from the corpus when it is there (read in place: its licences do not all allow a copy)
CORPUS_PACKAGES = (
    "opensalt_act_holistic_math_excerpt.cfpackage.json",
    "smarterbalanced_math_g3_c1_th.cfpackage.json",
)
V1P0_SCHEMA = "case-v1p0-cfpackage-schema.json"
V1P1_SCHEMA = "case-v1p1-cfpackage-schema.json"  # not in the corpus today: used when it is

# CASE 1.1 (getCFPackage response): the properties each object of a package may have (it allows
# no others), its UUID form (lower case, RFC 4122 variant) and its association types.
UUID_1P1 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
DOCUMENT_1P1 = {
    "identifier", "uri", "frameworkType", "caseVersion", "creator", "title", "lastChangeDateTime",
    "officialSourceURL", "publisher", "description", "subject", "subjectURI", "language",
    "version", "adoptionStatus", "statusStartDate", "statusEndDate", "licenseURI", "notes",
    "extensions",
}  # fmt: skip
ITEM_1P1 = {
    "identifier", "fullStatement", "alternativeLabel", "CFItemType", "uri", "humanCodingScheme",
    "listEnumeration", "abbreviatedStatement", "conceptKeywords", "conceptKeywordsURI", "notes",
    "subject", "subjectURI", "language", "educationLevel", "CFItemTypeURI", "licenseURI",
    "statusStartDate", "statusEndDate", "lastChangeDateTime", "extensions",
}  # fmt: skip
ASSOCIATION_1P1 = {
    "identifier", "associationType", "sequenceNumber", "uri", "originNodeURI",
    "destinationNodeURI", "CFAssociationGroupingURI", "lastChangeDateTime", "notes", "extensions",
}  # fmt: skip
TYPES_1P1 = {
    "isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo",
    "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf",
}  # fmt: skip
LINK = {"title", "identifier", "uri"}


def _corpus_file(name: str) -> Path | None:
    path = CORPUS_CASE / name if CORPUS_CASE is not None else None
    return path if path is not None and path.is_file() else None


def _is_uri(value: Any) -> bool:
    return isinstance(value, str) and bool(urllib.parse.urlsplit(value).scheme) and " " not in value


def check_case_1p1(package: dict[str, Any], own_identifiers: bool = True) -> None:
    """CASE 1.1's rules for a package (its JSON schema's properties, required fields, link
    shapes and vocabularies); `own_identifiers`: the identifiers are credgraph's (UUIDs)."""
    document = package["CFDocument"]
    assert set(package) <= {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions"}
    assert set(document) <= DOCUMENT_1P1, set(document) - DOCUMENT_1P1
    assert {"identifier", "uri", "creator", "title", "lastChangeDateTime"} <= set(document)
    assert document.get("caseVersion", "1.1") == "1.1"
    if "licenseURI" in document:
        assert set(document["licenseURI"]) == LINK
        assert UUID_1P1.search(document["licenseURI"]["identifier"])
    objects = [document, *package["CFItems"], *package["CFAssociations"]]
    for item in package["CFItems"]:
        assert set(item) <= ITEM_1P1, set(item) - ITEM_1P1
        assert {"identifier", "fullStatement", "uri", "lastChangeDateTime"} <= set(item)
    for association in package["CFAssociations"]:
        assert set(association) <= ASSOCIATION_1P1, set(association) - ASSOCIATION_1P1
        kind = association["associationType"]
        assert kind in TYPES_1P1 or re.fullmatch(r"ext:[a-zA-Z0-9.\-_]+", kind), kind
        for end in ("originNodeURI", "destinationNodeURI"):
            assert set(association[end]) == LINK and _is_uri(association[end]["uri"])
        assert UUID_1P1.search(association["identifier"])  # always credgraph's own
    for found in objects:
        assert _is_uri(found["uri"]), found["uri"]
        assert found["lastChangeDateTime"].endswith("+00:00")
        if own_identifiers:
            assert UUID_1P1.search(found["identifier"]), found["identifier"]


def _schema(name: str) -> Any:
    path = _corpus_file(name)
    return json.loads(path.read_text()) if path is not None else None


@pytest.fixture(scope="module")
def served(neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(make_settings(), neo4j_target) as base_url:
        yield base_url


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=120) as client:
        yield client


@pytest.fixture
async def case_graph(demo_graph: Graph) -> Graph:
    """The demo graph, with CASE frameworks imported beside it (the synthetic 1.1 package, and
    two corpus packages when the corpus is there)."""
    sources: list[Path | str] = [FIXTURES / "synthetic-case-1.1.json"]
    sources += [p for p in map(_corpus_file, CORPUS_PACKAGES) if p is not None]
    await apply(demo_graph.nodes, case.parse(sources))
    return demo_graph


async def _framework_ids(graph: Graph) -> dict[str, str | None]:
    rows, _, _ = await graph.driver.execute_query(
        "MATCH (f:Framework) RETURN f.id AS id, f.source AS source"
    )
    return {r["id"]: r["source"] for r in rows}


async def test_every_framework_is_served_as_a_valid_package(
    http: httpx.AsyncClient, case_graph: Graph, served: str
) -> None:
    frameworks = await _framework_ids(case_graph)
    expected = {
        fid if source == "CASE" else str(uuid.uuid5(NAMESPACE, fid))
        for fid, source in frameworks.items()
    }
    listed = await http.get(f"{served}{API}/CFDocuments")
    assert listed.status_code == 200 and listed.headers["content-type"] == "application/json"
    documents = listed.json()["CFDocuments"]
    assert {d["identifier"] for d in documents} == expected and len(documents) == len(expected)
    v1p0, v1p1 = _schema(V1P0_SCHEMA), _schema(V1P1_SCHEMA)
    demo_items = 0
    for document in documents:
        identifier = document["identifier"]
        package_url = f"{served}{API}/CFPackages/{identifier}"
        assert document["CFPackageURI"] == {
            "title": document["title"],
            "identifier": identifier,
            "uri": package_url,
        }
        package = (await http.get(package_url)).json()
        assert {k: v for k, v in document.items() if k != "CFPackageURI"} == package["CFDocument"]
        imported = identifier in frameworks  # a CASE framework keeps its identifier
        check_case_1p1(package, own_identifiers=not imported or identifier == SYNTHETIC_DOC)
        if v1p1 is not None:
            jsonschema.validate(package, v1p1)
        if v1p0 is not None and identifier != SYNTHETIC_DOC:  # it has 1.1's `ext:` types
            jsonschema.validate(package, v1p0)
        if not imported:  # a demo framework: URIs on the API it is served from
            demo_items += len(package["CFItems"])
            assert package["CFDocument"]["uri"] == f"{served}{API}/CFDocuments/{identifier}"
            for item in package["CFItems"]:
                assert item["uri"] == f"{served}{API}/CFItems/{item['identifier']}"
    assert demo_items > 0
    synthetic = (await http.get(f"{served}{API}/CFPackages/{SYNTHETIC_DOC}")).json()
    source = json.loads((FIXTURES / "synthetic-case-1.1.json").read_text())
    # imported from CASE: the package's own identifiers and URIs
    assert synthetic["CFDocument"]["uri"] == source["CFDocument"]["uri"]
    assert {(i["identifier"], i["uri"]) for i in synthetic["CFItems"]} == {
        (i["identifier"], i["uri"]) for i in source["CFItems"]
    }


@pytest.mark.skipif(_corpus_file(V1P0_SCHEMA) is None, reason="../shared/corpus is absent")
def test_the_schema_check_can_fail() -> None:
    """The 1.0 schema refuses what the provider must never serve (so passing it means something)."""
    schema = _schema(V1P0_SCHEMA)
    item = {
        "identifier": "c-python",
        "fullStatement": "x",
        "uri": "urn:x",
        "lastChangeDateTime": "",
    }
    document = {"identifier": str(uuid.uuid4()), "uri": "urn:d", "title": "t"}
    with pytest.raises(jsonschema.ValidationError, match="creator"):
        jsonschema.validate({"CFDocument": document}, schema)
    document |= {"creator": "c", "lastChangeDateTime": "2026-01-01T00:00:00+00:00"}
    with pytest.raises(jsonschema.ValidationError, match="does not match"):
        jsonschema.validate({"CFDocument": document, "CFItems": [item]}, schema)
    with pytest.raises(AssertionError):
        check_case_1p1({"CFDocument": document, "CFItems": [item], "CFAssociations": []})


async def test_items_and_associations_by_identifier(
    http: httpx.AsyncClient, case_graph: Graph, served: str
) -> None:
    packages = [
        (await http.get(f"{served}{API}/CFPackages/{d['identifier']}")).json()
        for d in (await http.get(f"{served}{API}/CFDocuments")).json()["CFDocuments"]
    ]
    package = max(packages, key=lambda p: len(p["CFAssociations"]))
    document = package["CFDocument"]
    ref = {k: document[k] for k in ("title", "identifier", "uri")}
    for item in package["CFItems"]:
        found = await http.get(f"{served}{API}/CFItems/{item['identifier']}")
        assert found.status_code == 200 and found.json() == {**item, "CFDocumentURI": ref}
    for association in package["CFAssociations"]:
        found = await http.get(f"{served}{API}/CFAssociations/{association['identifier']}")
        assert found.json() == {**association, "CFDocumentURI": ref}
    alone = (await http.get(f"{served}{API}/CFDocuments/{document['identifier']}")).json()
    assert {k: v for k, v in alone.items() if k != "CFPackageURI"} == document


@pytest.mark.parametrize("collection", ["CFDocuments", "CFPackages", "CFItems", "CFAssociations"])
async def test_an_unknown_identifier_is_a_case_404(
    http: httpx.AsyncClient, case_graph: Graph, served: str, collection: str
) -> None:
    unknown = str(uuid.uuid4())
    answer = await http.get(f"{served}{API}/{collection}/{unknown}")
    assert answer.status_code == 404
    body = answer.json()
    assert body["imsx_codeMajor"] == "failure" and body["imsx_severity"] == "error"
    assert unknown in body["imsx_description"]
    assert body["imsx_codeMinor"]["imsx_codeMinorField"] == [
        {"imsx_codeMinorFieldName": "sourcedId", "imsx_codeMinorFieldValue": "unknownobject"}
    ]


async def test_etag_answers_304_and_changes_with_the_graph(
    http: httpx.AsyncClient, case_graph: Graph, served: str, tmp_path: Path
) -> None:
    url = f"{served}{API}/CFPackages/{SYNTHETIC_DOC}"
    first = await http.get(url)
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    assert (await http.get(url)).headers["etag"] == etag  # the same bytes again
    again = await http.get(url, headers={"If-None-Match": f'W/"x", {etag}'})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert again.headers["cache-control"] == first.headers["cache-control"]
    assert (await http.get(url, headers={"If-None-Match": '"other"'})).status_code == 200
    listed = await http.get(f"{served}{API}/CFDocuments")
    cached = {"If-None-Match": listed.headers["etag"]}
    assert (await http.get(f"{served}{API}/CFDocuments", headers=cached)).status_code == 304
    # a write changes the framework: a new body, a new ETag
    changed = json.loads((FIXTURES / "synthetic-case-1.1.json").read_text())
    changed["CFDocument"]["title"] = "Renamed"
    (tmp_path / "changed.json").write_text(json.dumps(changed))
    await apply(case_graph.nodes, case.parse([tmp_path / "changed.json"]))
    after = await http.get(url, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.json()["CFDocument"]["title"] == "Renamed"
    assert after.headers["etag"] != etag


async def test_the_public_url_setting_makes_the_uris(
    http: httpx.AsyncClient, case_graph: Graph, neo4j_target: Neo4jTarget
) -> None:
    settings = make_settings(public_url="https://case.example.org/credgraph/")
    with serve(settings, neo4j_target) as base_url:
        documents = (await http.get(f"{base_url}{API}/CFDocuments")).json()["CFDocuments"]
    frameworks = await _framework_ids(case_graph)
    demo = {str(uuid.uuid5(NAMESPACE, f)) for f, source in frameworks.items() if source != "CASE"}
    uris = {d["identifier"]: d["uri"] for d in documents if d["identifier"] in demo}
    public = "https://case.example.org/credgraph"
    assert demo and uris == {d: f"{public}{API}/CFDocuments/{d}" for d in demo}
