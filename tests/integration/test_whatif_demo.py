"""What-if (decision 12) and term plans (decision 14) on the demo graph, worked out by hand.

asOf is fixed at 2026-06-01 (docs/demo.md has the story of every id).
"""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from tests.conftest import graph_counts
from tests.integration.test_graphql import errors_of, run


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


TRANSFER = """
query ($learner: ID!, $institution: ID!, $assume: AssumeInput) {
  transferCredit(learnerId: $learner, institutionId: $institution, asOf: "2026-06-01",
                 assume: $assume) {
    totalCredits creditUnit assumedHoldingIds unusedHoldingIds
    awards { receivingId credits holdingIds explanation { text } }
  }
}
"""

PLAN = """
query ($learner: ID!, $target: ID!, $assume: AssumeInput, $termHours: Float) {
  stackingPlan(learnerId: $learner, targetId: $target, asOf: "2026-06-01", assume: $assume,
               termHours: $termHours) {
    satisfied reachable assumedHoldingIds totalRemainingHours
    completed { itemId how explanation { text path { fromId relationship toId } } }
    remaining { order itemId hours prerequisiteOfIds }
    terms { number hours overloaded steps { itemId } }
    termsExact
  }
}
"""


async def transfer(
    schema: strawberry.Schema, graph: Graph, learner: str, institution: str, assume: Any = None
) -> dict[str, Any]:
    data = await run(
        schema,
        graph,
        TRANSFER,
        admin=True,
        learner=learner,
        institution=institution,
        assume=assume,
    )
    result: dict[str, Any] = data["transferCredit"]
    return result


async def plan(
    schema: strawberry.Schema,
    graph: Graph,
    learner: str,
    target: str,
    assume: Any = None,
    term_hours: float | None = None,
) -> dict[str, Any]:
    data = await run(
        schema,
        graph,
        PLAN,
        admin=True,
        learner=learner,
        target=target,
        assume=assume,
        termHours=term_hours,
    )
    result: dict[str, Any] = data["stackingPlan"]
    return result


async def test_a_better_grade_earns_dat102(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Amira's mc-sql-basics has 65, below tv-sql-dat102's 70. Assumed again with 75 (dated asOf),
    # it replaces the recorded holding: DAT102 is credited too, 1 + 1 COURSE_CREDIT at Northern
    # Lakes, and the award says the holding is assumed.
    before = await graph_counts(demo_graph)
    assume = {"addHoldings": [{"itemId": "mc-sql-basics", "grade": 75}]}
    answer = await transfer(schema, demo_graph, "learner-amira", "inst-nlc", assume)
    assert answer["creditUnit"] == "COURSE_CREDIT"
    assert [(a["receivingId"], a["credits"], a["holdingIds"]) for a in answer["awards"]] == [
        ("nlc-dat101", 1, ["mc-python-intro"]),
        ("nlc-dat102", 1, ["mc-sql-basics"]),
    ]
    assert answer["totalCredits"] == 2
    assert answer["assumedHoldingIds"] == ["mc-sql-basics"]
    assert "mc-sql-basics assumed held (what-if)" in answer["awards"][1]["explanation"]["text"]
    assert "assumed" not in answer["awards"][0]["explanation"]["text"]
    # nothing was written: the graph and the plain answer are as before
    assert await graph_counts(demo_graph) == before
    plain = await transfer(schema, demo_graph, "learner-amira", "inst-nlc")
    assert [a["receivingId"] for a in plain["awards"]] == ["nlc-dat101"]
    assert plain["assumedHoldingIds"] == []


async def test_removing_half_an_and_group(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Ben at Lakeshore earns 9 CH (CS 101, CS 220, CS 230). Without NET110, tv-net-sec-cs230
    # lacks half its AND-group: CS 230 goes, 6 CH; SEC120 funds nothing now.
    answer = await transfer(
        schema, demo_graph, "learner-ben", "inst-lsu", {"removeHoldingIds": ["nlc-net110"]}
    )
    assert [a["receivingId"] for a in answer["awards"]] == ["lsu-cs101", "lsu-cs220"]
    assert answer["totalCredits"] == 6
    assert "nlc-net110" not in answer["unusedHoldingIds"]
    assert "nlc-sec120" in answer["unusedHoldingIds"]
    # an old date for an assumed holding is checked like a recorded one: DAT201 earned 2019
    # stays too old for tv-dat201-sta201 (5 years), earned 2024 it earns STA 201 (3 CH): 12 CH
    for earned_on, total in (("2019-04-25", 9), ("2024-01-15", 12)):
        assume = {"addHoldings": [{"itemId": "nlc-dat201", "earnedOn": earned_on, "grade": 90}]}
        found = await transfer(schema, demo_graph, "learner-ben", "inst-lsu", assume)
        assert found["totalCredits"] == total


async def test_plans_with_assumed_holdings(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Chen holds mc-data-1 and mc-data-2; suite-data needs mc-data-3 too (38 h).
    # Assuming mc-data-3: satisfied, its completion explained as assumed.
    done = await plan(
        schema, demo_graph, "learner-chen", "suite-data", {"addHoldings": [{"itemId": "mc-data-3"}]}
    )
    assert done["satisfied"] is True and done["remaining"] == []
    assert [(c["itemId"], c["how"]) for c in done["completed"]] == [
        ("mc-data-1", "EARNED"),
        ("mc-data-2", "EARNED"),
        ("mc-data-3", "EARNED"),
    ]
    assert "assumed held (what-if)" in done["completed"][2]["explanation"]["text"]
    assert "assumed" not in done["completed"][0]["explanation"]["text"]
    assert done["assumedHoldingIds"] == ["mc-data-3"]
    # Without mc-data-1 (nothing else of hers covers c-stats, so no exemption): mc-data-1 (35 h),
    # then mc-data-3 (38 h), which requires it.
    without = await plan(
        schema, demo_graph, "learner-chen", "suite-data", {"removeHoldingIds": ["mc-data-1"]}
    )
    assert [(s["itemId"], s["prerequisiteOfIds"]) for s in without["remaining"]] == [
        ("mc-data-1", ["mc-data-3"]),
        ("mc-data-3", []),
    ]
    assert without["totalRemainingHours"] == 73
    # removed and added: counts once, as added
    both = await plan(
        schema,
        demo_graph,
        "learner-chen",
        "suite-data",
        {"removeHoldingIds": ["mc-data-1"], "addHoldings": [{"itemId": "mc-data-1"}]},
    )
    assert [s["itemId"] for s in both["remaining"]] == ["mc-data-3"]
    assert both["assumedHoldingIds"] == ["mc-data-1"]


async def test_prior_learning_and_skill_gap_with_assumed_holdings(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Dana toward suite-cyber lacks c-cloud (taught by mc-cyber-4). Assuming mc-cyber-4 covers
    # it: nothing missing; mc-cyber-4 is held (assumed), so it saves no hours: still 60.
    query = """query ($assume: AssumeInput) {
      priorLearning(learnerId: "learner-dana", targetId: "suite-cyber", asOf: "2026-06-01",
                    assume: $assume) {
        covered { competencyId explanation { text } } missingIds exemptionIds hoursSaved
        assumedHoldingIds remaining { satisfied remaining { itemId } } } }"""
    assume = {"addHoldings": [{"itemId": "mc-cyber-4"}]}
    answer = (await run(schema, demo_graph, query, admin=True, assume=assume))["priorLearning"]
    assert answer["missingIds"] == []
    assert answer["exemptionIds"] == ["mc-cyber-1", "mc-cyber-2", "mc-cyber-3", "mc-cyber-4"]
    assert answer["hoursSaved"] == 60
    assert answer["remaining"] == {"satisfied": True, "remaining": []}
    assert answer["assumedHoldingIds"] == ["mc-cyber-4"]
    cloud = next(c for c in answer["covered"] if c["competencyId"] == "c-cloud")
    assert "mc-cyber-4 assumed held (what-if)" in cloud["explanation"]["text"]
    # Amira / data analyst misses the essential c-stats (closing set mc-data-1, 35 h). Assuming
    # mc-data-1 (it teaches c-stats), the gap is closed and c-stats is held by assumption.
    gap = """query ($assume: AssumeInput) {
      skillGap(learnerId: "learner-amira", occupationId: "occ-data-analyst", asOf: "2026-06-01",
               assume: $assume) {
        held { competencyId explanation { text } } closingSetIds closingHours
        assumedHoldingIds } }"""
    assume = {"addHoldings": [{"itemId": "mc-data-1"}]}
    closed = (await run(schema, demo_graph, gap, admin=True, assume=assume))["skillGap"]
    assert (closed["closingSetIds"], closed["closingHours"]) == ([], 0)
    stats = next(h for h in closed["held"] if h["competencyId"] == "c-stats")
    assert "mc-data-1 assumed held (what-if)" in stats["explanation"]["text"]
    assert closed["assumedHoldingIds"] == ["mc-data-1"]


async def test_what_if_errors_name_the_item(schema: strawberry.Schema, demo_graph: Graph) -> None:
    q = (
        '{ stackingPlan(learnerId: "learner-ben", targetId: "prog-lsu-ds", '
        "assume: %s) { reachable } }"
    )
    unknown = await errors_of(
        schema, demo_graph, q % '{addHoldings: [{itemId: "nope"}]}', admin=True
    )
    assert unknown == ["assume: assume.addHoldings[0].itemId: no item 'nope'"]
    competency = await errors_of(schema, demo_graph, q % '{removeHoldingIds: ["c-sql"]}', True)
    assert competency == [
        "assume: assume.removeHoldingIds[0]: 'c-sql' is a Competency; only a Course, "
        "MicroCredential or Program is held"
    ]
    # a learner id answers as an unknown one (decision 27)
    learner = await errors_of(
        schema, demo_graph, q % '{addHoldings: [{itemId: "learner-amira"}]}', True
    )
    assert learner == ["assume: assume.addHoldings[0].itemId: no item 'learner-amira'"]
    grade = await errors_of(
        schema, demo_graph, q % '{addHoldings: [{itemId: "lsu-cs101", grade: 150}]}', True
    )
    assert grade == [
        "assume: assume.addHoldings[0].grade: grade of 'lsu-cs101' must be between 0 and 100, "
        "got 150"
    ]
    twice = await errors_of(
        schema,
        demo_graph,
        q % '{addHoldings: [{itemId: "lsu-cs101"}, {itemId: "lsu-cs101"}]}',
        True,
    )
    assert twice == ["assume: assume.addHoldings: 'lsu-cs101' is added more than once"]
    many = ", ".join(f'"x{i}"' for i in range(101))
    assert await errors_of(schema, demo_graph, q % f"{{removeHoldingIds: [{many}]}}", True) == [
        "assume.removeHoldingIds: at most 100 items, got 101"
    ]


async def test_term_plans(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Dana toward DS 300: CS 101, STA 101, STA 201, DS 300, 39 h each; STA 101 before STA 201,
    # and both CS 101 and STA 201 before DS 300. Terms of 80 h: the chain STA 101 -> STA 201 ->
    # DS 300 needs three terms; CS 101 joins STA 101 in the first (78 h).
    answer = await plan(schema, demo_graph, "learner-dana", "lsu-ds300", term_hours=80)
    assert [
        (t["number"], t["hours"], [s["itemId"] for s in t["steps"]]) for t in answer["terms"]
    ] == [
        (1, 78, ["lsu-cs101", "lsu-sta101"]),
        (2, 39, ["lsu-sta201"]),
        (3, 39, ["lsu-ds300"]),
    ]
    assert answer["termsExact"] is True
    assert not any(t["overloaded"] for t in answer["terms"])
    # Terms of 30 h: every step is longer, so each takes a term of its own, overloaded, in the
    # order of remaining[].
    short = await plan(schema, demo_graph, "learner-dana", "lsu-ds300", term_hours=30)
    assert [[s["itemId"] for s in t["steps"]] for t in short["terms"]] == [
        ["lsu-cs101"],
        ["lsu-sta101"],
        ["lsu-sta201"],
        ["lsu-ds300"],
    ]
    assert all(t["overloaded"] for t in short["terms"])
    # the plan is the same with or without terms; no termHours, no terms
    plain = await plan(schema, demo_graph, "learner-dana", "lsu-ds300")
    assert plain["terms"] is None and plain["termsExact"] is None
    assert plain["remaining"] == answer["remaining"]
    # terms combine with what-if: Chen without mc-data-1, terms of 80 h: 35 + 38 h would fit,
    # but mc-data-3 requires mc-data-1
    chen = await plan(
        schema,
        demo_graph,
        "learner-chen",
        "suite-data",
        {"removeHoldingIds": ["mc-data-1"]},
        term_hours=80,
    )
    assert [[s["itemId"] for s in t["steps"]] for t in chen["terms"]] == [
        ["mc-data-1"],
        ["mc-data-3"],
    ]
    # a satisfied target has no terms
    done = await plan(schema, demo_graph, "learner-chen", "mc-data-1", term_hours=40)
    assert done["terms"] == []
    q = '{ stackingPlan(learnerId: "learner-dana", targetId: "lsu-ds300", termHours: %s) { exact }}'
    for bad in ("0", "-5"):
        assert await errors_of(schema, demo_graph, q % bad, admin=True) == [
            f"termHours must be greater than 0, got {bad}"
        ]
