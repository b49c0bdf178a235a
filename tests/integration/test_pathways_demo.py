"""stackingPlan, priorLearning and skillGap on the demo graph, worked out by hand (docs/demo.md)."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from tests.integration.test_graphql import errors_of, run

PLAN = """
query ($learner: ID!, $target: ID!, $objective: PlanObjective!) {
  stackingPlan(learnerId: $learner, targetId: $target, optimizeFor: $objective,
               asOf: "2026-06-01") {
    satisfied reachable exact
    completed { itemId how explanation { text path { fromId relationship toId } } }
    remaining { order itemId hours fillsId prerequisiteOfIds }
    totalRemainingHours unreachableIds
  }
}
"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def plan(
    schema: strawberry.Schema, graph: Graph, learner: str, target: str, objective: str = "HOURS"
) -> dict[str, Any]:
    data = await run(
        schema, graph, PLAN, admin=True, learner=learner, target=target, objective=objective
    )
    result: dict[str, Any] = data["stackingPlan"]
    return result


def steps(answer: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(s["itemId"], s["fillsId"]) for s in answer["remaining"]]


async def test_chen_finishes_the_data_suite(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # req-suite-data = ALL(mc-data-1, mc-data-2, mc-data-3); Chen earned the first two, which are
    # also mc-data-3's prerequisites. Left: mc-data-3, 38 hours.
    answer = await plan(schema, demo_graph, "learner-chen", "suite-data")
    assert [(c["itemId"], c["how"]) for c in answer["completed"]] == [
        ("mc-data-1", "EARNED"),
        ("mc-data-2", "EARNED"),
    ]
    assert steps(answer) == [("mc-data-3", "req-suite-data")]
    assert answer["totalRemainingHours"] == 38
    assert answer["exact"] is True


async def test_amira_to_the_college_certificate(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # At Northern Lakes: DAT101 by transfer (mc-python-intro). Coverage (EXACT only): she holds
    # c-python, c-sql (mc-sql-basics) and, by verified work evidence, c-cleaning and c-viz; the
    # three children of c-data are covered so c-data rolls up. DAT102 (c-sql) and DAT202 (c-viz) are
    # therefore exempt, which also satisfies ANY(DAT201, DAT202, mc-data-3). Left: two of BUS110
    # (45 h), COM101 (42 h), MTH120 (42 h): COM101 + MTH120 = 84 hours.
    answer = await plan(schema, demo_graph, "learner-amira", "prog-nlc-dat")
    assert [(c["itemId"], c["how"]) for c in answer["completed"]] == [
        ("nlc-dat101", "TRANSFER"),
        ("nlc-dat102", "EXEMPTION"),
        ("nlc-dat202", "EXEMPTION"),
    ]
    dat102 = answer["completed"][1]["explanation"]
    assert dat102["path"] == [{"fromId": "nlc-dat102", "relationship": "TEACHES", "toId": "c-sql"}]
    assert "exempted" in dat102["text"]
    assert steps(answer) == [
        ("nlc-com101", "req-nlc-dat-breadth"),
        ("nlc-mth120", "req-nlc-dat-breadth"),
    ]
    assert answer["totalRemainingHours"] == 84


async def test_ben_to_the_university_certificate(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # At Lakeshore: CS 101, CS 220, CS 230 by transfer (see the articulation tests); STA 201 is
    # exempt (DAT201 and MTH120 teach c-stats). Electives: CS 220 + CS 230 = 2 courses, 6 credits.
    # Machine learning: DS 300 (39 h) or the competency c-ml, taught by mc-ml-intro (25 h; its
    # prerequisite c-python is covered by DAT101) or mc-data-3 (38 h + its prerequisites).
    # Best by hours: mc-ml-intro alone.
    answer = await plan(schema, demo_graph, "learner-ben", "prog-lsu-ds")
    assert [(c["itemId"], c["how"]) for c in answer["completed"]] == [
        ("lsu-cs101", "TRANSFER"),
        ("lsu-cs220", "TRANSFER"),
        ("lsu-cs230", "TRANSFER"),
        ("lsu-sta201", "EXEMPTION"),
    ]
    assert steps(answer) == [("mc-ml-intro", "req-lsu-ds-ml")]
    # By cost mc-ml-intro (350) still beats DS 300 (900); by number of items both are one item,
    # and the smaller id wins: lsu-ds300 < mc-ml-intro.
    by_count = await plan(schema, demo_graph, "learner-ben", "prog-lsu-ds", "CREDENTIALS")
    assert steps(by_count) == [("lsu-ds300", "req-lsu-ds-ml")]


async def test_dana_plans_from_nothing_with_prerequisites_first(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Dana earned nothing; her evidence covers no data competency. Target DS 300 (no rule tree):
    # the item itself plus its unsatisfied prerequisites: CS 101, STA 201 and STA 201's STA 101.
    answer = await plan(schema, demo_graph, "learner-dana", "lsu-ds300")
    assert [s["itemId"] for s in answer["remaining"]] == [
        "lsu-cs101",
        "lsu-sta101",
        "lsu-sta201",
        "lsu-ds300",
    ]
    by_id = {s["itemId"]: s for s in answer["remaining"]}
    assert by_id["lsu-sta101"]["prerequisiteOfIds"] == ["lsu-sta201"]
    assert by_id["lsu-cs101"]["prerequisiteOfIds"] == ["lsu-ds300"]
    assert answer["totalRemainingHours"] == 4 * 39


async def test_dana_prior_learning_toward_the_cyber_suite(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # suite-cyber has no rule tree: all four members. Dana's verified certificate demonstrates
    # c-threats and c-incident, her military service c-network; c-cyber's three children are
    # covered so c-cyber rolls up. mc-cyber-1..3 are exempt (60 hours saved); mc-cyber-4 teaches
    # c-cloud, which nothing covers.
    query = """{ priorLearning(learnerId: "learner-dana", targetId: "suite-cyber",
                               asOf: "2026-06-01") {
      covered { competencyId how explanation { path { fromId relationship toId } } }
      missingIds exemptionIds hoursSaved
      remaining { remaining { itemId } totalRemainingHours } } }"""
    answer = (await run(schema, demo_graph, query, admin=True))["priorLearning"]
    assert [(c["competencyId"], c["how"]) for c in answer["covered"]] == [
        ("c-cyber", "ROLLUP"),
        ("c-incident", "HELD"),
        ("c-network", "HELD"),
        ("c-threats", "HELD"),
    ]
    network = next(c for c in answer["covered"] if c["competencyId"] == "c-network")
    assert network["explanation"]["path"] == [
        {"fromId": "learner-dana", "relationship": "HAS_EVIDENCE", "toId": "ev-dana-military"},
        {"fromId": "ev-dana-military", "relationship": "DEMONSTRATES", "toId": "c-network"},
    ]
    assert answer["missingIds"] == ["c-cloud"]
    assert answer["exemptionIds"] == ["mc-cyber-1", "mc-cyber-2", "mc-cyber-3"]
    assert answer["hoursSaved"] == 60
    assert answer["remaining"]["remaining"] == [{"itemId": "mc-cyber-4"}]


async def test_unverified_evidence_and_close_alignments(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Chen's portfolio (c-viz) is not verified: it does not count. Her earned mc-data-1 teaches
    # c-viz anyway, so c-viz is covered through that item, not the portfolio.
    query = """{ priorLearning(learnerId: "learner-chen", targetId: "prog-nlc-dat",
                               asOf: "2026-06-01") {
      covered { competencyId explanation { text } } } }"""
    covered = (await run(schema, demo_graph, query, admin=True))["priorLearning"]["covered"]
    viz = next(c for c in covered if c["competencyId"] == "c-viz")
    assert "mc-data-1" in viz["explanation"]["text"]
    assert "ev-chen-portfolio" not in str(covered)


async def test_skill_gaps(schema: strawberry.Schema, demo_graph: Graph) -> None:
    query = """query ($learner: ID!, $occupation: ID!) {
      skillGap(learnerId: $learner, occupationId: $occupation, asOf: "2026-06-01") {
        held { competencyId essential explanation { text } } missing { competencyId essential }
        closingSetIds closingHours uncoverableIds exact } }"""
    # Amira / data analyst: she holds c-sql, c-cleaning, c-viz, and esco-python through the EXACT
    # alignment from c-python. Missing essential: c-stats; its cheapest teacher is mc-data-1
    # (35 h) before lsu-sta101 / lsu-sta201 (39 h), nlc-mth120 (42 h), nlc-dat201 (45 h).
    amira = (
        await run(
            schema,
            demo_graph,
            query,
            admin=True,
            learner="learner-amira",
            occupation="occ-data-analyst",
        )
    )["skillGap"]
    assert [h["competencyId"] for h in amira["held"]] == [
        "c-cleaning",
        "c-sql",
        "c-viz",
        "esco-python",
    ]
    assert "aligned" in amira["held"][3]["explanation"]["text"]
    assert amira["missing"] == [
        {"competencyId": "c-comm", "essential": False},
        {"competencyId": "c-ml", "essential": False},
        {"competencyId": "c-stats", "essential": True},
    ]
    assert (amira["closingSetIds"], amira["closingHours"], amira["uncoverableIds"]) == (
        ["mc-data-1"],
        35,
        [],
    )
    # Dana / security analyst: network, threats, incident held by evidence. esco-ict-sec is only
    # CLOSE-aligned to c-cyber (skill gaps never use CLOSE) and nothing teaches it: uncoverable.
    dana = (
        await run(
            schema,
            demo_graph,
            query,
            admin=True,
            learner="learner-dana",
            occupation="occ-security-analyst",
        )
    )["skillGap"]
    assert [h["competencyId"] for h in dana["held"]] == ["c-incident", "c-network", "c-threats"]
    assert dana["uncoverableIds"] == ["esco-ict-sec"]
    assert (dana["closingSetIds"], dana["closingHours"]) == ([], 0)


async def test_question_errors(schema: strawberry.Schema, demo_graph: Graph) -> None:
    q = '{ stackingPlan(learnerId: "learner-ben", targetId: "%s") { reachable } }'
    assert await errors_of(schema, demo_graph, q % "nothing-here", admin=True) == [
        "target 'nothing-here' does not exist"
    ]
    wrong_kind = await errors_of(schema, demo_graph, q % "c-sql", admin=True)
    assert wrong_kind and "a target is a micro-credential" in wrong_kind[0]
    gap = '{ skillGap(learnerId: "learner-ben", occupationId: "nope") { exact } }'
    assert await errors_of(schema, demo_graph, gap, admin=True) == [
        "Occupation 'nope' does not exist"
    ]
    # both unknown: the learner is named, whichever of the concurrent reads answers first
    both = '{ skillGap(learnerId: "nobody", occupationId: "nope") { exact } }'
    assert await errors_of(schema, demo_graph, both, admin=True) == [
        "Learner 'nobody' does not exist"
    ]
