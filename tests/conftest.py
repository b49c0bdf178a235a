"""Shared fixtures. A real Neo4j is found in this order: NEO4J_URI; a Docker engine (testcontainers,
pinned neo4j:5.26); else a local Neo4j Community server started from the Maven jars, with its own
home under .credgraph/test-neo4j, fresh for every run."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from graph.connection import Neo4jTarget
from graph.container import Graph, open_graph
from graph.neo4j_local import LocalNeo4j
from graph.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TEST_HOME = ROOT / ".credgraph" / "test-neo4j"
NEO4J_IMAGE = "neo4j:5.26"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by folder: tests/integration -> integration, tests/e2e -> e2e."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        if "integration" in parts:
            item.add_marker(pytest.mark.integration)
        if "e2e" in parts:
            item.add_marker(pytest.mark.e2e)


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "jwt_secret": SecretStr("test-jwt-secret-long-enough-for-hs256-keys"),
        "home": ROOT / ".credgraph",
        "max_page_size": 100,
    }
    values.update(overrides)
    return Settings.model_validate(values)


def _docker_engine() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    return subprocess.run([docker, "info"], capture_output=True, check=False).returncode == 0


def local_test_server(home: Path) -> LocalNeo4j:
    settings = make_settings()
    return LocalNeo4j(home=home, cache_dir=settings.cache_dir, version=settings.neo4j_version)


@pytest.fixture(scope="session")
def neo4j_target() -> Iterator[Neo4jTarget]:
    if os.environ.get("NEO4J_URI"):
        password = SecretStr(os.environ.get("NEO4J_PASSWORD", ""))
        user = os.environ.get("NEO4J_USER", "neo4j")
        yield Neo4jTarget(os.environ["NEO4J_URI"], user, password, "NEO4J_URI")
        return
    if _docker_engine():
        from testcontainers.community.neo4j import Neo4jContainer

        with Neo4jContainer(NEO4J_IMAGE) as container:
            yield Neo4jTarget(
                container.get_connection_url(),
                "neo4j",
                SecretStr(container.password),
                "docker",
            )
        return
    local = local_test_server(TEST_HOME)
    local.stop()
    shutil.rmtree(TEST_HOME, ignore_errors=True)  # a fresh database every run
    server = local.start()
    try:
        yield Neo4jTarget(server.uri, server.user, SecretStr(server.password()), "local")
    finally:
        local.stop()


@pytest.fixture(scope="session")
async def graph(neo4j_target: Neo4jTarget) -> AsyncIterator[Graph]:
    async with open_graph(make_settings(), neo4j_target) as opened:
        await opened.db.migrate()
        yield opened


@pytest.fixture
async def empty_graph(graph: Graph) -> Graph:
    """The session graph, emptied (schema kept)."""
    await graph.driver.execute_query("MATCH (n) DETACH DELETE n")
    return graph


@pytest.fixture
async def demo_graph(empty_graph: Graph) -> Graph:
    from importers.demo import seed_demo

    await seed_demo(empty_graph.nodes)
    return empty_graph


async def graph_counts(graph: Graph) -> tuple[int, int]:
    """(nodes, relationships) of the graph's content, bookkeeping every write changes aside (the
    write generation, the change log): tests compare them before and after."""
    nodes, _, _ = await graph.driver.execute_query(
        "MATCH (n) WHERE NOT (n:CacheGeneration OR n:ChangeEvent OR n:ChangeCounter)"
        " RETURN count(n) AS c"
    )
    rels, _, _ = await graph.driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c")
    return int(nodes[0]["c"]), int(rels[0]["c"])
