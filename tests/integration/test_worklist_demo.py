"""articulationWorklist (decision 15) on the demo graph, worked out by hand (docs/demo.md)."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.auth import Principal, Role
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import make_settings
from tests.integration.test_graphql import errors_of, run

WORKLIST = """
query ($institution: ID!, $asOf: Date, $first: Int!, $after: String) {
  articulationWorklist(institutionId: $institution, asOf: $asOf, first: $first, after: $after) {
    institutionId asOf
    nodes { itemId item { id } learnersHolding cursor explanation { text }
            suggestions { courseId coverage matchedIds existingTransferValueIds } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def worklist(
    schema: strawberry.Schema,
    graph: Graph,
    institution: str,
    first: int = 20,
    after: str | None = None,
    as_of: str = "2026-06-01",
) -> dict[str, Any]:
    data = await run(
        schema,
        graph,
        WORKLIST,
        admin=True,
        institution=institution,
        first=first,
        after=after,
        asOf=as_of,
    )
    result: dict[str, Any] = data["articulationWorklist"]
    return result


async def test_lakeshore_worklist_in_pages(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Held items of other institutions, each by one learner (so by id): Amira's mc-python-intro
    # and mc-sql-basics, Ben's seven Northern Lakes courses, Chen's mc-data-1, mc-data-2 and
    # mc-cyber-1. Articulated into Lakeshore on 2026-06-01: DAT101, DAT102, DAT201 (its age
    # limit is about learners, not the rule), MTH120 (a rule without a unit conversion is still
    # a rule), NET110 and SEC120 (one AND-group rule names both). BUS110's rule expired in 2022;
    # mc-python-intro's rule earns DAT101 at Northern Lakes (a chain is no rule into Lakeshore).
    expected = ["mc-cyber-1", "mc-data-1", "mc-data-2", "mc-python-intro", "mc-sql-basics"]
    expected.append("nlc-bus110")
    page1 = await worklist(schema, demo_graph, "inst-lsu", first=4)
    assert [n["itemId"] for n in page1["nodes"]] == expected[:4]
    assert [n["item"]["id"] for n in page1["nodes"]] == expected[:4]
    assert {n["learnersHolding"] for n in page1["nodes"]} == {1}
    assert page1["pageInfo"]["hasNextPage"] is True
    assert page1["pageInfo"]["endCursor"] == page1["nodes"][-1]["cursor"]
    page2 = await worklist(
        schema, demo_graph, "inst-lsu", first=4, after=page1["pageInfo"]["endCursor"]
    )
    assert [n["itemId"] for n in page2["nodes"]] == expected[4:]
    assert page2["pageInfo"]["hasNextPage"] is False
    whole = await worklist(schema, demo_graph, "inst-lsu")
    assert [n["itemId"] for n in whole["nodes"]] == expected
    assert "held by 1 learner(s)" in whole["nodes"][0]["explanation"]["text"]
    # at most 3 suggestions each (articulationSuggestions' own answers are tested on their own)
    assert all(len(n["suggestions"]) <= 3 for n in whole["nodes"])


async def test_northern_lakes_worklist_and_suggestions(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Not offered by Northern Lakes and held: mc-python-intro, mc-sql-basics (both articulated by
    # ag-ontrain-nlc since 2023-09-01) and mc-cyber-1, whose rule to NET110 starts 2027-01-01.
    # mc-cyber-1 teaches c-network; NET110 teaches exactly that: coverage 1, and the rule that is
    # not yet effective is named as existing.
    answer = await worklist(schema, demo_graph, "inst-nlc")
    [entry] = answer["nodes"]
    assert (entry["itemId"], entry["learnersHolding"]) == ("mc-cyber-1", 1)
    assert entry["suggestions"] == [
        {
            "courseId": "nlc-net110",
            "coverage": 1.0,
            "matchedIds": ["c-network"],
            "existingTransferValueIds": ["tv-cyber-net110"],
        }
    ]
    # From 2027-01-01 the rule is effective: nothing is left to articulate.
    later = await worklist(schema, demo_graph, "inst-nlc", as_of="2027-02-01")
    assert later["nodes"] == [] and later["pageInfo"] == {"hasNextPage": False, "endCursor": None}


async def test_worklist_errors_and_roles(schema: strawberry.Schema, demo_graph: Graph) -> None:
    q = '{ articulationWorklist(institutionId: "%s"%s) { nodes { itemId } } }'
    assert await errors_of(schema, demo_graph, q % ("nope", ""), admin=True) == [
        "Institution 'nope' does not exist"
    ]
    assert await errors_of(schema, demo_graph, q % ("inst-lsu", ", first: 0"), admin=True) == [
        "'first' must be between 1 and 100, got 0"
    ]
    bad = await errors_of(schema, demo_graph, q % ("inst-lsu", ', after: "eA=="'), admin=True)
    assert bad and "not a worklist cursor" in bad[0]
    # learner holdings: registrars and advisors, not the public or a learner
    denied = await errors_of(schema, demo_graph, q % ("inst-lsu", ""))
    assert denied and "articulation worklist" in denied[0]
    for roles, allowed in (({Role.REGISTRAR}, True), ({Role.LEARNER}, False)):
        context = Context(
            graph=demo_graph,
            settings=make_settings(),
            principal=Principal("someone", frozenset(roles), "learner-ben"),
            request_id="test",
        )
        result = await schema.execute(q % ("inst-nlc", ""), context_value=context)
        assert (result.errors is None) is allowed
