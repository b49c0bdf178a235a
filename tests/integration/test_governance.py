"""The publication workflow and versions through GraphQL, on the demo graph."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from graph.models import Status
from graph.planning.governance import LEGAL
from tests.integration.test_graphql import run

TRANSITION = """mutation ($id: ID!, $to: Status!, $note: String) {
  transitionStatus(id: $id, to: $to, note: $note) {
    __typename
    ... on MicroCredential { status statusHistory { from to by note } }
    ... on IllegalTransition { message current requested allowed }
    ... on Problem { message } } }"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def _props(graph: Graph, id_: str) -> dict[str, Any]:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (n:MicroCredential {id: $id}) RETURN properties(n) AS p", id=id_
    )
    return dict(records[0]["p"])


async def test_every_illegal_transition_is_refused_and_writes_nothing(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    create = """mutation ($id: ID!, $status: Status!) { createMicroCredential(
      input: {id: $id, name: "probe", status: $status}) { __typename } }"""
    for current in Status:
        id_ = f"mc-probe-{current.value.lower()}"
        made = await run(schema, demo_graph, create, admin=True, id=id_, status=current.value)
        assert made["createMicroCredential"]["__typename"] == "MicroCredential"
        before = await _props(demo_graph, id_)
        for target in Status:
            if target in LEGAL[current]:
                continue
            result = (
                await run(schema, demo_graph, TRANSITION, admin=True, id=id_, to=target.value)
            )["transitionStatus"]
            assert result["__typename"] == "IllegalTransition", (current, target)
            assert (result["current"], result["requested"]) == (current.value, target.value)
            assert result["allowed"] == sorted(
                (s.value for s in LEGAL[current]), key=[x.value for x in Status].index
            )
            assert await _props(demo_graph, id_) == before, "an illegal transition wrote something"


async def test_a_legal_path_keeps_an_audit_trail(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # mc-excel is a DRAFT: review, approve, publish; each step is recorded with who and a note.
    for to, note in (("IN_REVIEW", "ready"), ("APPROVED", None), ("PUBLISHED", "go live")):
        result = (
            await run(schema, demo_graph, TRANSITION, admin=True, id="mc-excel", to=to, note=note)
        )["transitionStatus"]
        assert result["__typename"] == "MicroCredential"
    assert result["status"] == "PUBLISHED"
    assert result["statusHistory"] == [
        {"from": "DRAFT", "to": "IN_REVIEW", "by": "admin", "note": "ready"},
        {"from": "IN_REVIEW", "to": "APPROVED", "by": "admin", "note": None},
        {"from": "APPROVED", "to": "PUBLISHED", "by": "admin", "note": "go live"},
    ]
    denied = (await run(schema, demo_graph, TRANSITION, id="mc-excel", to="RETIRED"))[
        "transitionStatus"
    ]
    assert denied["__typename"] == "Forbidden"


async def test_a_new_version_supersedes_and_retires_the_old_one(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    version = """mutation { createVersion(id: "mc-data-1", newId: "mc-data-1-v3",
      input: {hours: 36, version: "3"}) { __typename ... on MicroCredential {
        id status hours version competencies { competency { id } } suites { suite { id } position }
        supersedes { id } institution { id } } } }"""
    new = (await run(schema, demo_graph, version, admin=True))["createVersion"]
    assert (new["status"], new["hours"], new["version"]) == ("DRAFT", 36, "3")
    assert [c["competency"]["id"] for c in new["competencies"]] == ["c-data", "c-stats", "c-viz"]
    assert new["suites"] == [{"suite": {"id": "suite-data"}, "position": 1}]
    assert (new["supersedes"], new["institution"]) == ([{"id": "mc-data-1"}], {"id": "inst-nlc"})
    for to in ("IN_REVIEW", "APPROVED", "PUBLISHED"):
        await run(schema, demo_graph, TRANSITION, admin=True, id="mc-data-1-v3", to=to)
    old = await _props(demo_graph, "mc-data-1")
    assert old["status"] == "RETIRED"
    assert "superseded by mc-data-1-v3" in old["statusHistory"][-1]
    # Chen earned the old version, and still holds exactly that one.
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (:Learner {id: 'learner-chen'})-[:EARNED]->(m) WHERE m.id STARTS WITH 'mc-data-1' "
        "RETURN collect(m.id) AS ids"
    )
    assert records[0]["ids"] == ["mc-data-1"]
