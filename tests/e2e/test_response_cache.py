"""The response cache over real HTTP: anonymous queries are served again while the graph is
unchanged, and never after a write, whichever process made it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from graph.models import Employer
from tests.conftest import make_settings
from tests.e2e.server import serve

NAME_QUERY = '{ institution(id: "inst-nlc") { id name } }'


@pytest.fixture
def base_url(demo_graph: Graph, neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(make_settings(), neo4j_target) as url:
        yield url


def ask(base_url: str, query: str, token: str | None = None) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{base_url}/graphql", json={"query": query}, headers=headers)


def admin_token() -> str:
    return mint(make_settings(), "tester", [Role.ADMIN])


def test_an_unchanged_graph_answers_from_the_cache(base_url: str) -> None:
    first, second = ask(base_url, NAME_QUERY), ask(base_url, NAME_QUERY)
    assert first.headers["x-credgraph-cache"] == "miss"
    assert second.headers["x-credgraph-cache"] == "hit"
    assert first.json() == second.json()
    assert second.json()["data"]["institution"]["name"] == "Northern Lakes College"
    assert second.headers["x-request-id"]  # still made per request, outside the cache


def test_a_write_through_the_api_invalidates(base_url: str) -> None:
    query = '{ employer(id: "emp-cache") { name } }'
    assert ask(base_url, query).json()["data"]["employer"] is None
    assert ask(base_url, query).headers["x-credgraph-cache"] == "hit"
    created = ask(
        base_url,
        'mutation { createEmployer(input: {id: "emp-cache", name: "Cached Ltd"}) { __typename } }',
        admin_token(),
    )
    assert created.json()["data"]["createEmployer"]["__typename"] == "Employer"
    after = ask(base_url, query)
    assert after.headers["x-credgraph-cache"] == "miss"
    assert after.json()["data"]["employer"] == {"name": "Cached Ltd"}


async def test_a_write_by_another_process_invalidates(base_url: str, demo_graph: Graph) -> None:
    # demo_graph has its own driver: as an importer or another worker would, it writes to Neo4j
    # without the server knowing
    ask(base_url, NAME_QUERY)
    assert ask(base_url, NAME_QUERY).headers["x-credgraph-cache"] == "hit"
    async with demo_graph.nodes.writer() as writer:
        await writer.upsert_nodes([Employer(id="emp-elsewhere", name="Elsewhere Inc")])
    query = '{ employer(id: "emp-elsewhere") { name } }'
    assert ask(base_url, query).json()["data"]["employer"] == {"name": "Elsewhere Inc"}
    assert ask(base_url, NAME_QUERY).headers["x-credgraph-cache"] == "miss"


def test_two_workers_share_the_invalidation(
    base_url: str, neo4j_target: Neo4jTarget, demo_graph: Graph
) -> None:
    query = "{ employers(first: 100) { nodes { id } } }"
    with serve(make_settings(), neo4j_target) as other:
        before = ask(base_url, query).json()
        assert ask(base_url, query).headers["x-credgraph-cache"] == "hit"
        ask(
            other,
            'mutation { createEmployer(input: {id: "emp-w2", name: "W2"}) { __typename } }',
            admin_token(),
        )
        after = ask(base_url, query)
    assert after.headers["x-credgraph-cache"] == "miss"
    ids = [n["id"] for n in after.json()["data"]["employers"]["nodes"]]
    assert "emp-w2" in ids
    assert len(ids) == len(before["data"]["employers"]["nodes"]) + 1


def test_authenticated_requests_are_never_cached(base_url: str) -> None:
    token = admin_token()
    for _ in range(2):
        answer = ask(base_url, "{ learners(first: 5) { nodes { id } } }", token)
        assert answer.json()["data"]["learners"]["nodes"]
        assert "x-credgraph-cache" not in answer.headers


def test_answers_with_errors_are_not_stored(base_url: str) -> None:
    query = '{ learner(id: "learner-amira") { id } }'  # anonymous: UNAUTHORIZED
    for _ in range(2):
        answer = ask(base_url, query)
        assert answer.json()["errors"]
        assert answer.headers["x-credgraph-cache"] == "miss"


async def test_a_graph_without_a_generation_is_served_uncached(
    base_url: str, demo_graph: Graph
) -> None:
    # a graph emptied or loaded behind credgraph's back has no generation: nothing is cached
    ask(base_url, NAME_QUERY)
    await demo_graph.driver.execute_query("MATCH (g:CacheGeneration) DETACH DELETE g")
    for _ in range(2):
        answer = ask(base_url, NAME_QUERY)
        assert "x-credgraph-cache" not in answer.headers
        assert answer.json()["data"]["institution"]["name"] == "Northern Lakes College"
