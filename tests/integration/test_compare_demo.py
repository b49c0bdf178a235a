"""compareTargets (decision 13) on the demo graph, worked out by hand (docs/demo.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from graph.planning.plans import Objective
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.pathways import PathwayRepository
from graph.services.articulation import ArticulationService
from graph.services.compare import compare_targets
from graph.services.pathways import PathwayService
from tests.integration.test_graphql import errors_of, run

AS_OF = dt.date(2026, 6, 1)
COMPARE = """
query ($learner: ID!, $targets: [ID!]!, $assume: AssumeInput) {
  compareTargets(learnerId: $learner, targetIds: $targets, asOf: "2026-06-01", assume: $assume) {
    assumedHoldingIds
    rows { targetId target { id } reachable institutionId creditTransferred creditUnit
           completedCount remainingItems remainingHours remainingCost closingHours
           explanation { text } }
  }
}
"""
FIGURES = (
    "reachable",
    "institutionId",
    "creditTransferred",
    "creditUnit",
    "completedCount",
    "remainingItems",
    "remainingHours",
    "remainingCost",
    "closingHours",
)


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def compare(
    schema: strawberry.Schema, graph: Graph, learner: str, targets: list[str], assume: Any = None
) -> dict[str, Any]:
    data = await run(
        schema, graph, COMPARE, admin=True, learner=learner, targets=targets, assume=assume
    )
    result: dict[str, Any] = data["compareTargets"]
    return result


def figures(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[f] for f in FIGURES)


async def test_amira_compares_a_certificate_an_occupation_and_a_course(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # prog-nlc-dat (Northern Lakes): DAT101 by transfer (1 COURSE_CREDIT), DAT102 and DAT202
    # exempt: 3 completed; left COM101 + MTH120, 84 hours, 380 + 380 = 760.
    # occ-data-analyst: the essential c-stats is missing; closing set mc-data-1, 35 hours.
    # lsu-ds300 (Lakeshore): no rule tree; DS 300 itself plus CS 101? No: CS 101 is credited by
    # the chain mc-python-intro -> DAT101 -> CS 101 (3 CH). Left STA 101, STA 201, DS 300, 39 h
    # and 900 each; nothing of its (empty) rule tree is completed.
    answer = await compare(
        schema, demo_graph, "learner-amira", ["prog-nlc-dat", "occ-data-analyst", "lsu-ds300"]
    )
    rows = answer["rows"]
    assert [r["targetId"] for r in rows] == ["prog-nlc-dat", "occ-data-analyst", "lsu-ds300"]
    assert [r["target"]["id"] for r in rows] == ["prog-nlc-dat", "occ-data-analyst", "lsu-ds300"]
    assert figures(rows[0]) == (True, "inst-nlc", 1, "COURSE_CREDIT", 3, 2, 84, 760, None)
    assert figures(rows[1]) == (True, None, None, None, None, 1, None, None, 35)
    assert figures(rows[2]) == (True, "inst-lsu", 3, "CREDIT_HOUR", 0, 3, 117, 2700, None)
    assert "2 left (84 hours, cost 760)" in rows[0]["explanation"]["text"]
    assert answer["assumedHoldingIds"] == []


async def test_unreachable_rows_and_what_if(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Dana / security analyst: esco-ict-sec cannot be covered: reachable false, no figures.
    # suite-cyber: mc-cyber-1..3 exempt (3 completed); mc-cyber-4 left (20 h).
    answer = await compare(
        schema, demo_graph, "learner-dana", ["occ-security-analyst", "suite-cyber"]
    )
    gap, suite = answer["rows"]
    assert figures(gap) == (False, None, None, None, None, None, None, None, None)
    assert "esco-ict-sec" in gap["explanation"]["text"]
    assert figures(suite)[0] is True and figures(suite)[4:7] == (3, 1, 20)
    # assuming mc-cyber-4, the suite is done: nothing remains
    assumed = await compare(
        schema,
        demo_graph,
        "learner-dana",
        ["suite-cyber"],
        {"addHoldings": [{"itemId": "mc-cyber-4"}]},
    )
    [row] = assumed["rows"]
    assert figures(row)[4:8] == (4, 0, 0, 0)
    assert assumed["assumedHoldingIds"] == ["mc-cyber-4"]
    assert "assumed held (what-if)" in row["explanation"]["text"]


async def test_compare_errors(schema: strawberry.Schema, demo_graph: Graph) -> None:
    q = '{ compareTargets(learnerId: "learner-ben", targetIds: [%s]) { rows { reachable } } }'
    assert await errors_of(schema, demo_graph, q % "", admin=True) == [
        "targetIds must name 1 to 10 targets, got 0"
    ]
    eleven = ", ".join(f'"t{i}"' for i in range(11))
    assert await errors_of(schema, demo_graph, q % eleven, admin=True) == [
        "targetIds must name 1 to 10 targets, got 11"
    ]
    assert await errors_of(schema, demo_graph, q % '"suite-data", "suite-data"', admin=True) == [
        "targetIds must be distinct: suite-data repeated"
    ]
    assert await errors_of(schema, demo_graph, q % '"suite-data", "nope"', admin=True) == [
        "target 'nope' does not exist"
    ]
    # a learner id is no target, and is not to be found out (decision 27)
    assert await errors_of(schema, demo_graph, q % '"learner-amira"', admin=True) == [
        "target 'learner-amira' does not exist"
    ]
    wrong = await errors_of(schema, demo_graph, q % '"c-sql"', admin=True)
    assert wrong and "a target is a micro-credential" in wrong[0]


async def test_rows_are_the_answers_of_the_single_questions(demo_graph: Graph) -> None:
    # Every learner against ten targets of every kind: each row's figures are exactly those of
    # stackingPlan (and the transferCredit it used) or skillGap asked alone.
    articulation = ArticulationService(demo_graph.nodes, ArticulationRepository(demo_graph.db))
    pathways = PathwayService(demo_graph.nodes, PathwayRepository(demo_graph.db), articulation)
    targets = [
        "prog-lsu-ds",
        "prog-nlc-dat",
        "suite-data",
        "suite-cyber",
        "suite-pm",
        "mc-data-3",
        "lsu-ds300",
        "nlc-dat202",
        "occ-data-analyst",
        "occ-security-analyst",
    ]
    for learner in ("learner-amira", "learner-ben", "learner-chen", "learner-dana"):
        rows = await compare_targets(pathways, learner, targets, AS_OF, Objective.COST, None)
        assert [r.target_id for r in rows] == targets
        for row in rows:
            if row.target_id.startswith("occ-"):
                gap = await pathways.skill_gap(learner, row.target_id, AS_OF)
                reachable = not gap.uncoverable
                assert (row.reachable, row.remaining_items, row.closing_hours) == (
                    reachable,
                    len(gap.closing_set) if reachable else None,
                    gap.closing_hours if reachable else None,
                )
                continue
            plan = await pathways.stacking_plan(learner, row.target_id, Objective.COST, AS_OF)
            assert row.reachable == plan.plan.reachable
            assert row.completed_count == len(plan.completed)
            if plan.plan.reachable:
                steps = plan.plan.steps
                assert row.remaining_items == len(steps)
                assert row.remaining_hours == plan.total_remaining_hours
                costs = [plan.items[s.item_id].cost or 0.0 for s in steps]
                assert row.remaining_cost == pytest.approx(sum(costs))
            else:
                assert (row.remaining_items, row.remaining_hours, row.remaining_cost) == (
                    None,
                    None,
                    None,
                )
            if row.institution_id is None:
                assert row.credit_transferred is None
            else:
                transfer = await articulation.transfer_credit(learner, row.institution_id, AS_OF, 2)
                assert row.credit_transferred == transfer.decision.total
