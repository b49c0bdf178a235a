"""Exports read back by the importers give the same graph (CASE, CTDL) or the same item (OB 3.0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from api.auth import ANONYMOUS
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from importers import case, ctdl, openbadges
from importers.base import apply
from importers.case_export import framework_case
from importers.exports import micro_credential_achievement, micro_credential_ctdl
from tests.conftest import graph_counts, make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BADGE = "https://example.org/ctdl/badge"
STAMPS = {"createdAt", "updatedAt"}  # when, not what


async def snapshot(graph: Graph) -> tuple[list[Any], list[Any]]:
    """Every node (labels, properties but updatedAt) and relationship, in a stable order."""
    nodes, _, _ = await graph.driver.execute_query(
        # bookkeeping every write changes: the write generation, the change log
        "MATCH (n) WHERE NOT (n:CacheGeneration OR n:ChangeEvent OR n:ChangeCounter) "
        "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id"
    )
    rels, _, _ = await graph.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props "
        "ORDER BY a, t, b"
    )
    clean = [
        (sorted(r["labels"]), {k: v for k, v in r["props"].items() if k not in STAMPS})
        for r in nodes
    ]
    return clean, [dict(r) for r in rels]


async def wipe(graph: Graph) -> None:
    await graph.driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.mark.parametrize(
    ("fixture", "framework"),
    [
        ("synthetic-case-1.1.json", "c0a5e000-0000-4000-8000-000000000001"),
        ("opensalt_legacy_what_standards_could_be.json", None),
    ],
)
async def test_case_package_round_trip(
    empty_graph: Graph, tmp_path: Path, fixture: str, framework: str | None
) -> None:
    source = FIXTURES / "case" / fixture
    framework = framework or json.loads(source.read_text())["CFDocument"]["identifier"]
    await apply(empty_graph.nodes, case.parse([source]))
    before = await snapshot(empty_graph)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(await framework_case(empty_graph.nodes, framework)))
    same = await apply(empty_graph.nodes, case.parse([exported]))
    assert (same.created, same.updated) == (0, 0)  # the export says nothing new
    await wipe(empty_graph)
    await apply(empty_graph.nodes, case.parse([exported]))
    after = await snapshot(empty_graph)
    assert after[0] == before[0]
    missing = [r for r in before[1] if r not in after[1]]
    extra = [r for r in after[1] if r not in before[1]]
    assert (missing, extra) == ([], [])


async def test_ctdl_micro_credential_round_trip(empty_graph: Graph, tmp_path: Path) -> None:
    await apply(empty_graph.nodes, ctdl.parse([FIXTURES / "ctdl" / "synthetic-pathway.json"]))
    exported = tmp_path / "badge.json"
    exported.write_text(json.dumps(await micro_credential_ctdl(empty_graph.nodes, BADGE)))
    same = await apply(empty_graph.nodes, ctdl.parse([exported]))
    assert (same.created, same.updated) == (0, 0)
    nodes, rels = await snapshot(empty_graph)
    wanted = {BADGE, "https://example.org/ctdl/college"}
    badge_part = [n for n in nodes if n[1]["id"] in wanted]
    badge_links = [r for r in rels if r["a"] == BADGE and r["t"] in {"OFFERED_BY", "TEACHES"}]
    await wipe(empty_graph)
    await apply(empty_graph.nodes, ctdl.parse([exported]))
    nodes, rels = await snapshot(empty_graph)
    assert [n for n in nodes if n[1]["id"] in wanted] == badge_part
    assert [r for r in rels if r["a"] == BADGE] == badge_links
    # what it teaches comes back as named competencies (stubs: the framework is not exported)
    names, _, _ = await empty_graph.driver.execute_query(
        "MATCH (:MicroCredential)-[:TEACHES]->(c) RETURN c.name AS n ORDER BY n"
    )
    assert [r["n"] for r in names] == ["Teamwork", "Write SQL"]


async def test_demo_micro_credential_as_an_achievement(demo_graph: Graph, tmp_path: Path) -> None:
    exported = await micro_credential_achievement(demo_graph.nodes, "mc-ml-intro")
    assert exported["type"] == ["Achievement"] and exported["id"] == "urn:credgraph:mc-ml-intro"
    before, _, _ = await demo_graph.driver.execute_query(
        "MATCH (m:MicroCredential {id: 'mc-ml-intro'}) "
        "OPTIONAL MATCH (m)-[:TEACHES]->(c) WITH m, collect(c.id) AS taught "
        "OPTIONAL MATCH (m)-[:OFFERED_BY]->(i) "
        "RETURN m.name AS name, m.credits AS credits, m.creditUnit AS unit, taught, i.id AS inst"
    )
    file = tmp_path / "achievement.json"
    file.write_text(json.dumps(exported))
    await wipe(demo_graph)
    summary = await apply(demo_graph.nodes, openbadges.parse([file]))
    assert summary.warnings == ()
    after, _, _ = await demo_graph.driver.execute_query(
        "MATCH (m:MicroCredential {id: 'mc-ml-intro'}) "
        "OPTIONAL MATCH (m)-[:TEACHES]->(c) WITH m, collect(c.id) AS taught "
        "OPTIONAL MATCH (m)-[:OFFERED_BY]->(i) "
        "RETURN m.name AS name, m.credits AS credits, m.creditUnit AS unit, taught, i.id AS inst"
    )
    assert [sorted(r["taught"]) for r in after] == [sorted(r["taught"]) for r in before]
    keys = ("name", "credits", "unit", "inst")
    assert [[r[k] for k in keys] for r in after] == [[r[k] for k in keys] for r in before]
    assert await graph_counts(demo_graph) != (0, 0)


async def test_export_document_over_graphql(demo_graph: Graph) -> None:
    schema = build_schema()
    context = Context(
        graph=demo_graph, settings=make_settings(), principal=ANONYMOUS, request_id="test"
    )
    query = "query ($f: ExportFormat!, $id: ID!) { exportDocument(format: $f, id: $id) }"
    result = await schema.execute(
        query, variable_values={"f": "CTDL", "id": "mc-ml-intro"}, context_value=context
    )
    assert result.errors is None and result.data is not None
    assert result.data["exportDocument"] == await micro_credential_ctdl(
        demo_graph.nodes, "mc-ml-intro"
    )
    missing = await schema.execute(
        query, variable_values={"f": "CASE", "id": "no-such"}, context_value=context
    )
    assert missing.errors and (missing.errors[0].extensions or {}).get("code") == "NOT_FOUND"
