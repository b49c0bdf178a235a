"""Persisted queries: with an allow-list, only its operations run, by hash or by text."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.middleware import query_hash
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.server import serve

ALLOWED = "query Institutions { institutions(first: 2) { nodes { id } } }"


@pytest.fixture
def base_url(demo_graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path) -> Iterator[str]:
    source = tmp_path / "institutions.graphql"
    source.write_text(ALLOWED)
    allow_list = tmp_path / "persisted.json"
    made = subprocess.run(
        [sys.executable, "-m", "api.cli", "persist", str(source), "--output", str(allow_list)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert json.loads(allow_list.read_text()) == {query_hash(ALLOWED): ALLOWED}
    with serve(make_settings(persisted_queries=allow_list), neo4j_target) as url:
        yield url


def test_only_allow_listed_operations_run(base_url: str) -> None:
    by_text = httpx.post(f"{base_url}/graphql", json={"query": ALLOWED})
    assert by_text.json()["data"]["institutions"]["nodes"] == [
        {"id": "inst-lsu"},
        {"id": "inst-nlc"},
    ]
    by_hash = httpx.post(
        f"{base_url}/graphql",
        json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": query_hash(ALLOWED)}}},
    )
    assert by_hash.json() == by_text.json()
    by_get = httpx.get(
        f"{base_url}/graphql",
        params={"extensions": json.dumps({"persistedQuery": {"sha256Hash": query_hash(ALLOWED)}})},
        headers={"accept": "application/json"},
    )
    assert by_get.json() == by_text.json()
    other = httpx.post(
        f"{base_url}/graphql", json={"query": "{ learners(first: 1) { nodes { id } } }"}
    )
    assert other.status_code == 400
    assert "allow-list" in other.json()["errors"][0]["message"]
    unknown = httpx.post(
        f"{base_url}/graphql", json={"extensions": {"persistedQuery": {"sha256Hash": "0" * 64}}}
    )
    assert (unknown.status_code, unknown.json()["errors"][0]["message"]) == (
        400,
        "PersistedQueryNotFound",
    )
