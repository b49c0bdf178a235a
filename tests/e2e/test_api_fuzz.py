"""Schema-driven fuzzing of the live API (hypothesis-graphql): valid and invalid queries and
mutations, anonymous and admin, never an HTTP 500, never an unexpected (masked) error.

The example budget here keeps the suite fast; `bench/fuzz.py` runs a larger one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import Mode, mutations, queries

from api.auth import Role, mint
from api.errors import MASKED_MESSAGE
from api.schema import sdl
from bench.fuzz import SCALARS
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.server import serve

SETTINGS = make_settings()
SCHEMA = sdl()
EXAMPLES = int(os.environ.get("CREDGRAPH_FUZZ_EXAMPLES", "60"))
ADMIN = {"authorization": f"Bearer {mint(SETTINGS, 'fuzz', [Role.ADMIN])}"}


@pytest.fixture(scope="module")
def base_url(neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(SETTINGS, neo4j_target) as url:
        yield url


def _check(base_url: str, document: str, headers: dict[str, str]) -> None:
    response = httpx.post(
        f"{base_url}/graphql", json={"query": document}, headers=headers, timeout=60
    )
    assert response.status_code in (200, 400, 413), (response.status_code, document)
    body = response.json()
    messages = [e.get("message") for e in body.get("errors") or []]
    assert MASKED_MESSAGE not in messages, document


@pytest.mark.parametrize("who", ["anonymous", "admin"])
@pytest.mark.parametrize("mode", [Mode.POSITIVE, Mode.NEGATIVE])
def test_queries(base_url: str, demo_graph: Graph, who: str, mode: Mode) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(document=queries(SCHEMA, custom_scalars=SCALARS, mode=mode))
    def run(document: str) -> None:
        _check(base_url, document, ADMIN if who == "admin" else {})

    run()


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_mutations(base_url: str, demo_graph: Graph, who: str) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(document=mutations(SCHEMA, custom_scalars=SCALARS))
    def run(document: str) -> None:
        _check(base_url, document, ADMIN if who == "admin" else {})

    run()
