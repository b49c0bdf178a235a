"""suiteConformance and facilitatorCoverage on the demo suites, worked out by hand."""

from __future__ import annotations

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from tests.integration.test_graphql import errors_of, run

CONFORMANCE = """query ($id: ID!) { suiteConformance(suiteId: $id) {
  approach conforms memberIds
  deviations { itemId field expected actual allowed reason }
  shapeViolations { code message } } }"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def test_the_data_suite_finds_the_deliberate_deviation(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Standard: 30-40 hours, 6 weeks, 4 modules, 3 outcomes per module, 8 activities, 4 sessions,
    # CAPSTONE, Bloom's taxonomy, action mapping, assessment only by project or quiz, overview +
    # discussion + exploration, CO_DESIGNED (Northwind co-designed the suite itself).
    #   mc-data-1: 35 h, all as the standard                          -> nothing
    #   mc-data-2: 40 h (in range), assessed by project + proctored exam -> assessmentMethods
    #   mc-data-3: 38 h, 8 weeks                                       -> weeks, allowed (capstone)
    # Shape: data-2 requires data-1, data-3 requires data-2 (and data-1): one path, positions 1-2-3.
    data = (await run(schema, demo_graph, CONFORMANCE, id="suite-data"))["suiteConformance"]
    assert data["approach"] == "PROGRESSIVE"
    assert data["memberIds"] == ["mc-data-1", "mc-data-2", "mc-data-3"]
    assert data["deviations"] == [
        {
            "itemId": "mc-data-2",
            "field": "assessmentMethods",
            "expected": "only project, quiz",
            "actual": "proctored exam, project",
            "allowed": False,
            "reason": None,
        },
        {
            "itemId": "mc-data-3",
            "field": "weeks",
            "expected": "6",
            "actual": "8",
            "allowed": True,
            "reason": "the capstone project needs two more weeks",
        },
    ]
    assert data["shapeViolations"] == []
    assert data["conforms"] is False  # one deviation is not allowed


async def test_the_modular_and_hybrid_suites_conform(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Cybersecurity: four 20-hour, 4-week, 3-module PASS_FAIL simulations; nobody requires anybody;
    # Lakeside RECOGNIZES the suite. Project Leadership: core pm-1 -> pm-2 (positions 1, 2), the
    # elective agile requires core pm-1, comm requires nothing; hours 12-24, case study or
    # reflection.
    for suite, approach in (("suite-cyber", "MODULAR"), ("suite-pm", "HYBRID")):
        data = (await run(schema, demo_graph, CONFORMANCE, id=suite))["suiteConformance"]
        assert (
            data["approach"],
            data["deviations"],
            data["shapeViolations"],
            data["conforms"],
        ) == (
            approach,
            [],
            [],
            True,
        )


async def test_facilitator_coverage(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # mc-data-1 needs c-data, c-stats, c-teaching. Priya holds all three (and facilitates it);
    # Olu holds c-teaching (misses 2); Marc holds none of them (misses 3).
    query = """query ($id: ID!) { facilitatorCoverage(microCredentialId: $id) {
      needIds qualified { facilitatorId facilitates } others { facilitatorId missingIds } } }"""
    one = (await run(schema, demo_graph, query, id="mc-data-1"))["facilitatorCoverage"]
    assert one["needIds"] == ["c-data", "c-stats", "c-teaching"]
    assert one["qualified"] == [{"facilitatorId": "fac-priya", "facilitates": True}]
    assert one["others"] == [
        {"facilitatorId": "fac-olu", "missingIds": ["c-data", "c-stats"]},
        {"facilitatorId": "fac-marc", "missingIds": ["c-data", "c-stats", "c-teaching"]},
    ]
    # mc-data-2 needs c-sql, c-python, c-teaching: nobody has all; Marc (who facilitates it) only
    # needs c-teaching, Olu and Priya each need c-python and c-sql.
    two = (await run(schema, demo_graph, query, id="mc-data-2"))["facilitatorCoverage"]
    assert two["qualified"] == []
    assert two["others"] == [
        {"facilitatorId": "fac-marc", "missingIds": ["c-teaching"]},
        {"facilitatorId": "fac-olu", "missingIds": ["c-python", "c-sql"]},
        {"facilitatorId": "fac-priya", "missingIds": ["c-python", "c-sql"]},
    ]
    assert await errors_of(
        schema, demo_graph, '{ suiteConformance(suiteId: "nope") { conforms } }'
    ) == ["Suite 'nope' does not exist"]


async def test_impact_of_retiring(schema: strawberry.Schema, demo_graph: Graph) -> None:
    query = """query ($id: ID!) { impactOf(id: $id) { label requiredBy requirements ruleOwners
      suites stacksInto taughtBy occupations facilitationNeededBy alignedWith supersededBy
      transferValues learnerCount learnerIds } }"""
    # mc-data-1: prerequisite of mc-data-2 and mc-data-3; an option of req-suite-data (the data
    # suite's rule); member of and stacks into suite-data; Chen earned it (and mc-data-2, another
    # option of the same rule).
    mc = (await run(schema, demo_graph, query, admin=True, id="mc-data-1"))["impactOf"]
    assert (mc["label"], mc["requiredBy"], mc["requirements"], mc["ruleOwners"]) == (
        "MicroCredential",
        ["mc-data-2", "mc-data-3"],
        ["req-suite-data"],
        ["suite-data"],
    )
    assert (mc["suites"], mc["stacksInto"], mc["learnerIds"]) == (
        ["suite-data"],
        ["suite-data"],
        ["learner-chen"],
    )
    # Retiring the 2022 edition touches the edition that supersedes it.
    old = (await run(schema, demo_graph, query, admin=True, id="mc-data-1-v1"))["impactOf"]
    assert old["supersededBy"] == ["mc-data-1"]
    # c-stats: taught by six items, needed by data analysts, needed to facilitate mc-data-1,
    # EXACT-aligned to esco-stats; Ben (DAT201, MTH120) and Chen (mc-data-1) hold it.
    comp = (await run(schema, demo_graph, query, admin=True, id="c-stats"))["impactOf"]
    assert comp["taughtBy"] == [
        "lsu-sta101",
        "lsu-sta201",
        "mc-data-1",
        "mc-data-1-v1",
        "nlc-dat201",
        "nlc-mth120",
    ]
    assert (comp["occupations"], comp["facilitationNeededBy"], comp["alignedWith"]) == (
        ["occ-data-analyst"],
        ["mc-data-1"],
        ["esco-stats"],
    )
    assert comp["learnerIds"] == ["learner-ben", "learner-chen"]
    # Without the token, only the count of learners.
    public = (await run(schema, demo_graph, query, id="c-stats"))["impactOf"]
    assert (public["learnerCount"], public["learnerIds"]) == (2, [])


async def test_a_suite_designed_through_the_api(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # A MODULAR suite of three cyber micro-credentials with a 20-hour standard, where one member
    # (by a purpose-made edge) requires another: the shape check must find it.
    create = """mutation { createSuite(input: {id: "suite-probe", name: "Probe", approach: MODULAR,
      hours: 20, assessmentMethods: ["simulation"], requiredEndorsementKinds: [RECOGNIZED],
      allowedDeviations: [{field: "hours", members: ["mc-pm-agile"], reason: "shorter elective"}]})
      { __typename ... on Suite { allowedDeviations { field members reason } } } }"""
    made = (await run(schema, demo_graph, create, admin=True))["createSuite"]
    assert made["allowedDeviations"] == [
        {"field": "hours", "members": ["mc-pm-agile"], "reason": "shorter elective"}
    ]
    members = """mutation { setSuiteMembers(suiteId: "suite-probe", members: [
      {microCredentialId: "mc-cyber-1"}, {microCredentialId: "mc-cyber-2"},
      {microCredentialId: "mc-pm-agile"}]) { __typename } }"""
    assert (await run(schema, demo_graph, members, admin=True))["setSuiteMembers"] == {
        "__typename": "Suite"
    }
    await demo_graph.driver.execute_query(
        "MATCH (a:MicroCredential {id: 'mc-cyber-2'}), (b:MicroCredential {id: 'mc-cyber-1'}) "
        "MERGE (a)-[:REQUIRES]->(b)"
    )
    data = (await run(schema, demo_graph, CONFORMANCE, id="suite-probe"))["suiteConformance"]
    assert [(v["code"], v["message"]) for v in data["shapeViolations"]] == [
        ("MEMBER_REQUIRES_MEMBER", "mc-cyber-2 requires mc-cyber-1; modular members stand alone")
    ]
    # mc-pm-agile: 18 hours (allowed for it), assessed by case study (not allowed), not
    # RECOGNIZED by anyone. The cyber members: 20 h, simulation; Lakeside recognizes only their
    # own suite, not this one, so they miss RECOGNIZED too.
    deviations = {(d["itemId"], d["field"], d["allowed"]) for d in data["deviations"]}
    assert deviations == {
        ("mc-pm-agile", "hours", True),
        ("mc-pm-agile", "assessmentMethods", False),
        ("mc-pm-agile", "requiredEndorsementKinds", False),
        ("mc-cyber-1", "requiredEndorsementKinds", False),
        ("mc-cyber-2", "requiredEndorsementKinds", False),
    }
    twice = """mutation { setSuiteMembers(suiteId: "suite-probe", members: [
      {microCredentialId: "mc-cyber-1"}, {microCredentialId: "mc-cyber-1"}]) {
        __typename ... on InvalidInput { message } } }"""
    refused = (await run(schema, demo_graph, twice, admin=True))["setSuiteMembers"]
    assert refused == {
        "__typename": "InvalidInput",
        "message": "a micro-credential is listed twice",
    }
    still = (await run(schema, demo_graph, CONFORMANCE, id="suite-probe"))["suiteConformance"]
    assert len(still["memberIds"]) == 3  # nothing was written
