"""`credgraph import case URL` from credgraph's own CASE API into a second, empty graph (a second
Neo4j server, started like the test one) reproduces every framework: the second deployment serves
the same packages, and the graphs hold the same counts."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from graph.connection import Neo4jTarget
from graph.container import Graph, open_graph
from graph.neo4j_local import LocalNeo4j
from importers import case
from importers.base import apply
from tests.conftest import ROOT, graph_counts, make_settings
from tests.e2e.server import serve

API = "/ims/case/v1p1"
HOME = ROOT / ".credgraph" / "test-case-copy"
PATIENCE = 300  # seconds a statement may take on a busy CI host before it counts as hung
SYNTHETIC = ROOT / "tests" / "fixtures" / "case" / "synthetic-case-1.1.json"
# per framework member: its relationships of each kind, as CASE associations carry them
COUNTS = """
MATCH (f:Framework)
OPTIONAL MATCH (f)<-[:IN_FRAMEWORK]-(c)
WITH count(DISTINCT f) AS frameworks, collect(DISTINCT c) AS members
RETURN frameworks, size(members) AS members,
  COUNT { MATCH (a)-[:BROADER]->(b) WHERE a IN members OR b IN members } AS broader,
  COUNT { MATCH (a)-[:REQUIRES]->(b) WHERE a IN members OR b IN members } AS requires,
  COUNT { MATCH (a)-[:ALIGNS]->(b) WHERE a IN members OR b IN members } AS aligns
"""


@pytest.fixture(scope="module")
def second_neo4j() -> Iterator[Neo4jTarget]:
    """A second, empty Neo4j Community server (Community has one user database)."""
    settings = make_settings()
    local = LocalNeo4j(
        home=HOME,
        cache_dir=settings.cache_dir,
        version=settings.neo4j_version,
        heap="512m",
        pagecache="64m",
    )
    local.stop()
    shutil.rmtree(HOME, ignore_errors=True)
    server = local.start()
    try:
        target = Neo4jTarget(server.uri, server.user, SecretStr(server.password()), "local")
        asyncio.run(_migrate(target))
        yield target
    finally:
        local.stop()


async def _migrate(target: Neo4jTarget) -> None:
    """The schema, made once here: a fresh server's first statements are slow on a busy host."""
    async with open_graph(make_settings(query_timeout_seconds=PATIENCE), target) as graph:
        await graph.db.migrate()


def _import(url: str, target: Neo4jTarget, hosts: str | None) -> tuple[int, str]:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
        "COLUMNS": "400",
        # a guard against a hang on a busy host, not a bound on speed
        "CREDGRAPH_QUERY_TIMEOUT_SECONDS": str(PATIENCE),
    }
    env.pop("CREDGRAPH_IMPORT_HOSTS", None)
    if hosts is not None:
        env["CREDGRAPH_IMPORT_HOSTS"] = hosts
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "import", "case", url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, " ".join((done.stdout + done.stderr).split())


def _without_times(value: Any) -> Any:
    """The JSON without lastChangeDateTime (when a node was written, not what it is)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k != "lastChangeDateTime"}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _served(base_url: str) -> dict[str, Any]:
    """Every package a deployment serves, by document identifier. An association is not a node
    (its URI is on the API that serves it, checked here, then left out)."""
    with httpx.Client(base_url=f"{base_url}{API}", timeout=120) as http:
        documents = http.get("/CFDocuments").json()["CFDocuments"]
        packages = {
            d["identifier"]: http.get(f"/CFPackages/{d['identifier']}").json() for d in documents
        }
    for package in packages.values():
        for association in package["CFAssociations"]:
            uri = association.pop("uri")
            assert uri == f"{base_url}{API}/CFAssociations/{association['identifier']}"
    return packages


async def _counts(graph: Graph) -> dict[str, int]:
    rows, _, _ = await graph.driver.execute_query(COUNTS)
    return dict(rows[0])


async def test_import_from_our_case_api_into_an_empty_graph_reproduces_the_frameworks(
    demo_graph: Graph, neo4j_target: Neo4jTarget, second_neo4j: Neo4jTarget
) -> None:
    await apply(demo_graph.nodes, case.parse([SYNTHETIC]))  # a CASE framework beside the demo
    expected = await _counts(demo_graph)
    with serve(make_settings(), neo4j_target) as first:
        packages = _served(first)
        urls = [f"{first}{API}/CFDocuments/{identifier}" for identifier in packages]
        code, output = _import(urls[0], second_neo4j, None)
        assert code == 2 and "not an allowed host" in output, output  # never fetched by default
        for url in urls:
            code, output = _import(url, second_neo4j, '["127.0.0.1"]')
            assert code == 0, output
    assert len(packages) == expected["frameworks"] > 1
    async with open_graph(make_settings(), second_neo4j) as second:
        assert await _counts(second) == expected
        with serve(make_settings(), second_neo4j) as copy:
            copied = _served(copy)
        assert copied.keys() == packages.keys()
        for identifier, package in _without_times(packages).items():
            copy_of = _without_times(copied[identifier])
            assert copy_of["CFDocument"] == package["CFDocument"]
            for part in ("CFItems", "CFAssociations"):
                assert len(copy_of[part]) == len(package[part]), (identifier, part)
                pairs = zip(package[part], copy_of[part], strict=True)
                differing = [(w, g) for w, g in pairs if w != g][:1]
                assert differing == [], json.dumps(differing, indent=1)
        assert sum(len(p["CFItems"]) for p in copied.values()) == expected["members"] > 0
        # importing the same URLs again changes nothing
        with serve(make_settings(), neo4j_target) as first:
            before = await graph_counts(second)
            code, output = _import(
                f"{first}{API}/CFPackages/{next(iter(packages))}", second_neo4j, '["127.0.0.1"]'
            )
            assert code == 0 and await graph_counts(second) == before, output
