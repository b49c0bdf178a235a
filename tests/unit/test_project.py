"""Project-level contracts: the committed SDL, import direction, the compose file, packaging."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from api.schema import sdl

ROOT = Path(__file__).resolve().parents[2]


def test_committed_sdl_is_current() -> None:
    committed = (ROOT / "api" / "schema.graphql").read_text()
    assert committed == sdl(), (
        "api/schema.graphql is stale: run `credgraph schema > api/schema.graphql`"
    )


def _imports(package: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_imports_flow_api_to_graph_and_importers_to_graph() -> None:
    assert not _imports("graph") & {"api", "importers"}, (
        "graph/ must import neither api nor importers"
    )
    assert "api" not in _imports("importers"), "importers/ must not import api"
    assert not _imports("graph") & {"strawberry", "starlette", "uvicorn", "typer"}


def test_compose_file_pins_neo4j_with_healthcheck_and_gates_the_api() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"neo4j", "api"}
    neo4j = services["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.26")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(str(v).endswith(":/data") for v in neo4j["volumes"])
    assert "${NEO4J_PASSWORD:?" in neo4j["environment"]["NEO4J_AUTH"]
    api = services["api"]
    assert api["build"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert "${NEO4J_PASSWORD:?" in api["environment"]["NEO4J_PASSWORD"]


def test_cypher_files_ship_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'queries = ["**/*.cypher"]' in pyproject
