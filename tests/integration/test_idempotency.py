"""Idempotency keys: a retried import or feedback answers the first result and writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import strawberry

from api.auth import Principal, Role
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import graph_counts, make_settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "case" / "synthetic-case-1.1.json"
IMPORT = """mutation ($files: [ImportFileInput!]!, $key: String) {
  importData(format: CASE, files: $files, idempotencyKey: $key) {
    ... on ImportSummary { created updated unchanged replayed }
  }
}"""
FEEDBACK = """mutation ($key: String) {
  addFeedback(input: {microCredentialId: "mc-data-1", rating: 4, comment: "useful"},
              idempotencyKey: $key) { ... on Feedback { id } __typename }
}"""


async def run(graph: Graph, query: str, who: str, **variables: Any) -> dict[str, Any]:
    principal = Principal(who, frozenset({Role.IMPORTER, Role.LEARNER, Role.PUBLIC}), "learner-ben")
    context = Context(graph=graph, settings=make_settings(), principal=principal, request_id="t")
    schema: strawberry.Schema = build_schema()
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None and result.data is not None, result.errors
    return result.data


async def test_a_retried_import_is_answered_not_redone(demo_graph: Graph) -> None:
    files = [{"name": "p.json", "content": FIXTURE.read_text()}]
    first = (await run(demo_graph, IMPORT, "loader", files=files, key="k-1"))["importData"]
    assert first["created"] > 0 and not first["replayed"]
    counts = await graph_counts(demo_graph)
    # the graph changes in between: a replay still answers the first summary, writes nothing
    await demo_graph.driver.execute_query("MATCH (c:Competency {code: 'DS.2'}) SET c.name = 'x'")
    again = (await run(demo_graph, IMPORT, "loader", files=files, key="k-1"))["importData"]
    assert again == {**first, "replayed": True}
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (c:Competency {code: 'DS.2'}) RETURN c.name AS n"
    )
    assert [r["n"] for r in records] == ["x"] and await graph_counts(demo_graph) == counts
    # keys belong to their caller: another subject's same key is a new import (a no-op here,
    # except that it restores the name)
    other = (await run(demo_graph, IMPORT, "someone-else", files=files, key="k-1"))["importData"]
    assert (other["replayed"], other["updated"]) == (False, 1)


async def test_a_retried_feedback_is_recorded_once(demo_graph: Graph) -> None:
    before = await graph_counts(demo_graph)
    first = (await run(demo_graph, FEEDBACK, "ben", key="fb-1"))["addFeedback"]
    again = (await run(demo_graph, FEEDBACK, "ben", key="fb-1"))["addFeedback"]
    assert first["__typename"] == "Feedback" and again == first
    nodes, rels = await graph_counts(demo_graph)
    assert (nodes, rels) == (before[0] + 1, before[1] + 1)  # one Feedback, one ABOUT
    without_key = (await run(demo_graph, FEEDBACK, "ben"))["addFeedback"]
    assert without_key["id"] != first["id"]
