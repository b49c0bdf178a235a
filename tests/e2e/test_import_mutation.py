"""importData over HTTP: importer role only, larger bodies for importers, one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import graph_counts, make_settings
from tests.e2e.server import serve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
IMPORT = """mutation ($format: ImportFormat!, $files: [ImportFileInput!]!, $dry: Boolean!) {
  importData(format: $format, files: $files, dryRun: $dry) {
    __typename
    ... on ImportSummary { created updated unchanged links warningCount warnings dryRun }
    ... on InvalidInput { message fields { field message } }
    ... on Forbidden { message }
  }
}"""
SETTINGS = make_settings(max_body_bytes=20_000)


@pytest.fixture
def base_url(empty_graph: Graph, neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(SETTINGS, neo4j_target) as url:
        yield url


def _post(
    url: str, files: list[dict[str, str]], role: Role | None, fmt: str = "CASE", dry: bool = False
) -> httpx.Response:
    headers = {"authorization": f"Bearer {mint(SETTINGS, 'test', [role])}"} if role else {}
    headers["content-type"] = "application/json"
    payload = {"query": IMPORT, "variables": {"format": fmt, "files": files, "dry": dry}}
    # json.dumps escapes non-ASCII, so a lone surrogate travels as "\\ud800" (httpx's json= fails)
    return httpx.post(f"{url}/graphql", content=json.dumps(payload), headers=headers, timeout=60)


async def test_importers_import_others_are_refused(base_url: str, empty_graph: Graph) -> None:
    package = (FIXTURES / "case" / "opensalt_legacy_what_standards_could_be.json").read_text()
    files = [{"name": "legacy.json", "content": package}]
    assert len(package) > SETTINGS.max_body_bytes  # only an importer token lifts the limit
    assert _post(base_url, files, None).status_code == 413
    assert _post(base_url, files, Role.ADVISOR).status_code == 413
    small = [{"name": "p.json", "content": '{"CFDocument": {"identifier": "d", "title": "T"}}'}]
    refused = _post(base_url, small, Role.ADVISOR).json()["data"]["importData"]
    assert refused["__typename"] == "Forbidden"
    dry = _post(base_url, files, Role.IMPORTER, dry=True).json()["data"]["importData"]
    assert dry["__typename"] == "ImportSummary" and dry["dryRun"] and dry["created"] > 0
    assert await graph_counts(empty_graph) == (0, 0)
    done = _post(base_url, files, Role.IMPORTER).json()["data"]["importData"]
    assert (done["created"], done["updated"]) == (dry["created"], 0)
    counts = await graph_counts(empty_graph)
    again = _post(base_url, files, Role.IMPORTER).json()["data"]["importData"]
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, done["created"])
    assert await graph_counts(empty_graph) == counts


async def test_a_broken_file_is_a_located_invalid_input(base_url: str, empty_graph: Graph) -> None:
    files = [
        {"name": "holdings.csv", "content": "learner,item,grade\nl-1,c-1,B\n"},
        {"name": "courses.csv", "content": "id,name,institution,credits\nc-1,Intro,i-1,lots\n"},
    ]
    result = _post(base_url, files, Role.IMPORTER, fmt="CSV").json()["data"]["importData"]
    assert result["__typename"] == "InvalidInput"
    # the error names the file as sent, the line and the column
    assert (
        result["message"] == "courses.csv, line 2, field credits: Input should be a valid number, "
        "unable to parse string as a number"
    )
    assert result["fields"][0]["field"] == "credits"
    assert await graph_counts(empty_graph) == (0, 0)
    bad_names = [{"name": "../x.csv", "content": "a"}, {"name": "x.csv", "content": "b"}]
    result = _post(base_url, bad_names, Role.IMPORTER, fmt="CSV").json()["data"]["importData"]
    assert result["__typename"] == "InvalidInput" and result["fields"][0]["field"] == "files"


async def test_a_value_of_the_wrong_type_is_a_located_invalid_input(
    base_url: str, empty_graph: Graph
) -> None:
    badge = json.loads((FIXTURES / "obv3" / "ob30" / "simple.json").read_text())
    badge["credentialSubject"]["achievement"]["name"] = {"x": [1, 2]}
    files = [{"name": "badge.json", "content": json.dumps(badge)}]
    result = _post(base_url, files, Role.IMPORTER, fmt="OPEN_BADGES").json()["data"]["importData"]
    assert result["__typename"] == "InvalidInput", result
    assert result["message"] == (
        "badge.json, JSON pointer /credentialSubject/achievement, field name: "
        "must be a string, not an object"
    )
    assert await graph_counts(empty_graph) == (0, 0)


# a file per format whose content holds a lone surrogate, which a JSON string may escape ("\\ud800")
# but no UTF-8 text can hold; where it is
NOT_TEXT = {
    "ESCO": (
        "skills_en.csv",
        "conceptUri,preferredLabel\nhttp://x/a,A\ud800\n",
        "line 2 column 13",
    ),
    "CASE": (
        "package.json",
        '{"CFDocument": {"identifier": "d",\n"title": "T\ud800"}}',
        "line 2 column 12",
    ),
    "CTDL": (
        "ctdl.json",
        '{"@type": "ceterms:Course",\n"ceterms:name": "\ud800"}',
        "line 2 column 18",
    ),
    "OPEN_BADGES": (
        "badge.json",
        '{"type": ["OpenBadgeCredential"],\n"name": "\ud800"}',
        "line 2 column 10",
    ),
    "ELM": ("credential.jsonld", '{"credentialSubject": {},\n"x": "\ud800"}', "line 2 column 7"),
    "CSV": (
        "courses.csv",
        "id,name,institution,credits\nc-1,Intro \ud800,i-1,3\n",
        "line 2 column 11",
    ),
}


async def test_content_that_is_not_unicode_is_a_located_invalid_input(
    base_url: str, empty_graph: Graph
) -> None:
    for fmt, (name, content, where) in NOT_TEXT.items():
        body = _post(base_url, [{"name": name, "content": content}], Role.IMPORTER, fmt=fmt).json()
        assert body.get("data"), (fmt, body)
        result = body["data"]["importData"]
        assert result["__typename"] == "InvalidInput", (fmt, result)
        assert result["message"] == (
            f"{name}, {where}, field content: "
            "not Unicode text (a lone surrogate, U+D800, has no UTF-8 encoding)"
        ), fmt
        assert result["fields"][0]["field"] == "content"
    assert await graph_counts(empty_graph) == (0, 0)
