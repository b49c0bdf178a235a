"""Every Cypher file is well-formed, used, and every name the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.cypher import QueryRegistry
from graph.relations import RelType
from graph.repositories.nodes import COUNT_QUERIES, LIST_QUERIES, UPSERT_RELS_QUERIES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    p for folder in ("api", "graph", "importers", "bench") for p in (ROOT / folder).rglob("*.py")
]
NAME_LITERAL = re.compile(
    r'"((?:entities|search|health|schema|questions|bench|versions|catalogue|suites|cache|credentials|changes|webhooks)/[a-z0-9_]+)"'
)


@pytest.fixture(scope="module")
def registry() -> QueryRegistry:
    return QueryRegistry.load()


def _referenced() -> set[str]:
    names: set[str] = set()
    for path in SOURCES:
        names.update(NAME_LITERAL.findall(path.read_text()))
    names.update(LIST_QUERIES.values())
    names.update(COUNT_QUERIES.values())
    names.update(UPSERT_RELS_QUERIES.values())
    names.update(f"bench/count_{label}" for label in ("learners", "institutions", "occupations"))
    return names


def test_every_referenced_name_exists(registry: QueryRegistry) -> None:
    missing = _referenced() - set(registry.names())
    assert not missing, f"code names Cypher files that do not exist: {sorted(missing)}"


def test_every_file_is_used(registry: QueryRegistry) -> None:
    used = _referenced() | set(registry.schema_statements())
    unused = set(registry.names()) - used
    assert not unused, f"Cypher files nothing uses: {sorted(unused)}"


def test_headers_name_params_and_returns(registry: QueryRegistry) -> None:
    for name in registry.names():
        cypher = registry.file(name)
        assert cypher.text.startswith(f"// {name}:"), f"{name}: header must start with its name"
        assert cypher.params and cypher.returns


def test_one_statement_per_file(registry: QueryRegistry) -> None:
    for name in registry.names():
        body = "\n".join(
            line for line in registry.file(name).text.splitlines() if not line.startswith("//")
        )
        assert ";" not in body.strip().rstrip(";"), f"{name} holds more than one statement"


def test_queries_holds_only_cypher_files() -> None:
    others = [
        p
        for p in (ROOT / "queries").rglob("*")
        if p.is_file() and p.suffix != ".cypher" and "__pycache__" not in p.parts
    ]
    assert others == [ROOT / "queries" / "__init__.py"]  # a regular package, for installs


# The one place allowed to build Cypher text (STYLE.md point 4): the read compiler, whose names
# come from the model registry and whose values are parameters (tests/unit/test_compiler*.py).
COMPILER = ROOT / "graph" / "compiler"


def test_labels_and_types_are_parameters_never_formatted() -> None:
    """No f-string or %-formatting builds Cypher: queries come from files, or from the compiler."""
    for path in SOURCES:
        if path.is_relative_to(COMPILER):
            continue
        text = path.read_text()
        for match in re.finditer(r'f"[^"]*\b(MATCH|MERGE|CREATE|DELETE|RETURN)\b', text):
            pytest.fail(f"{path}: Cypher built with an f-string: {match.group(0)}")


def test_text_becomes_literal_only_in_the_registry_and_the_compiler() -> None:
    """`cast(LiteralString, ...)` makes text a statement: the registry and the compiler only."""
    casting = {
        path.relative_to(ROOT).as_posix()
        for path in SOURCES
        if "cast(LiteralString" in path.read_text()
    }
    assert casting == {"graph/cypher.py", "graph/compiler/emit.py"}


def test_the_compiler_builds_cypher_and_is_pure() -> None:
    """The exception is real (the compiler writes MATCH) and stays pure: no I/O, no api."""
    texts = {p.name: p.read_text() for p in COMPILER.glob("*.py")}
    assert any(re.search(r'f"[^"]*\bMATCH\b', text) for text in texts.values())
    for name, text in texts.items():
        for forbidden in ("import neo4j", "from api", "import api", "from importers", "open("):
            assert forbidden not in text, f"graph/compiler/{name}: {forbidden}"


def test_per_type_upserts_differ_only_in_their_type(registry: QueryRegistry) -> None:
    """The 25 literal-type upserts are one statement: only the type name may differ."""
    texts = {
        rel: (ROOT / "queries" / f"{name}.cypher").read_text()
        for rel, name in UPSERT_RELS_QUERIES.items()
    }
    template = texts[RelType.NEEDS].replace("NEEDS", "{T}").replace("needs", "{t}")
    for rel, text in texts.items():
        assert text == template.replace("{T}", rel.value).replace("{t}", rel.value.lower())
