"""stacksInto, equivalentsOf, articulationSuggestions and endorsedPathways on the demo graph."""

from __future__ import annotations

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from tests.integration.test_graphql import errors_of, run


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def test_stacks_into_follows_rule_trees(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # mc-data-3 is an option of req-nlc-dat-core (under req-nlc-dat, the certificate's rule) and of
    # req-suite-data (the suite's rule): two targets, one hop each.
    query = """{ stacksInto(id: "mc-data-3") { truncated targets { targetId hops pathIds
                 explanation { path { fromId relationship toId } } } } }"""
    data = (await run(schema, demo_graph, query))["stacksInto"]
    assert data["truncated"] is False
    assert [(t["targetId"], t["hops"], t["pathIds"]) for t in data["targets"]] == [
        ("prog-nlc-dat", 1, ["mc-data-3", "req-nlc-dat-core", "req-nlc-dat", "prog-nlc-dat"]),
        ("suite-data", 1, ["mc-data-3", "req-suite-data", "suite-data"]),
    ]
    assert data["targets"][1]["explanation"]["path"] == [
        {"fromId": "suite-data", "relationship": "HAS_REQUIREMENT", "toId": "req-suite-data"},
        {"fromId": "req-suite-data", "relationship": "OPTION", "toId": "mc-data-3"},
    ]
    # A course two levels down: DAT101 -> prog-nlc-dat only.
    course = await run(
        schema, demo_graph, '{ stacksInto(id: "nlc-dat101") { targets { targetId } } }'
    )
    assert course["stacksInto"]["targets"] == [{"targetId": "prog-nlc-dat"}]


async def test_equivalents_of_a_course(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # CS 101 is earned by DAT101 directly (tv-dat101-cs101), and by mc-python-intro through the
    # chain tv-python-dat101 -> tv-dat101-cs101 (the second rule allows chaining).
    query = """query ($institution: ID) {
      equivalentsOf(id: "lsu-cs101", institutionId: $institution) {
        equivalents { fromIds fromInstitutionIds transferValueIds credits chained } } }"""
    everything = (await run(schema, demo_graph, query))["equivalentsOf"]["equivalents"]
    assert everything == [
        {
            "fromIds": ["nlc-dat101"],
            "fromInstitutionIds": ["inst-nlc"],
            "transferValueIds": ["tv-dat101-cs101"],
            "credits": 3,
            "chained": False,
        },
        {
            "fromIds": ["mc-python-intro"],
            "fromInstitutionIds": ["inst-ontrain"],
            "transferValueIds": ["tv-python-dat101", "tv-dat101-cs101"],
            "credits": 3,
            "chained": True,
        },
    ]
    online = (await run(schema, demo_graph, query, institution="inst-ontrain"))["equivalentsOf"]
    assert [e["fromIds"] for e in online["equivalents"]] == [["mc-python-intro"]]
    # CS 230 needs two Northern Lakes courses together (an AND-group).
    and_group = await run(
        schema, demo_graph, '{ equivalentsOf(id: "lsu-cs230") { equivalents { fromIds } } }'
    )
    assert and_group["equivalentsOf"]["equivalents"] == [{"fromIds": ["nlc-net110", "nlc-sec120"]}]


async def test_articulation_suggestions(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # mc-data-2 teaches c-sql, c-cleaning, c-python (plus esco-sql, esco-python, esco-scripting by
    # EXACT alignment; c-data does not roll up: c-viz is missing). At Lakeshore:
    #   CS 220 teaches c-sql, c-cleaning -> 2/2;  CS 110 teaches c-python -> 1/1;
    #   CS 101 teaches c-python, c-data -> 1/2 (0.5): kept only with minCoverage <= 0.5.
    query = """query ($min: Float!) { articulationSuggestions(fromId: "mc-data-2",
      institutionId: "inst-lsu", minCoverage: $min) {
        suggestions { courseId coverage matchedIds missingIds } } }"""
    default = (await run(schema, demo_graph, query, min=0.7))["articulationSuggestions"]
    assert [(s["courseId"], s["coverage"]) for s in default["suggestions"]] == [
        ("lsu-cs220", 1.0),
        ("lsu-cs110", 1.0),
    ]
    loose = (await run(schema, demo_graph, query, min=0.5))["articulationSuggestions"]
    assert loose["suggestions"][-1] == {
        "courseId": "lsu-cs101",
        "coverage": 0.5,
        "matchedIds": ["c-python"],
        "missingIds": ["c-data"],
    }
    bad = (
        '{ articulationSuggestions(fromId: "mc-data-2", institutionId: "inst-lsu", '
        "minCoverage: 1.5) { truncated } }"
    )
    assert await errors_of(schema, demo_graph, bad) == [
        "minCoverage must be between 0 and 1, got 1.5"
    ]


async def test_endorsed_pathways(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Employers hiring data analysts: Northwind and Lakeside. Ranked by the strongest endorsement
    # (CO_DESIGNED > HIRING_FACTOR > ON_THE_JOB_TRAINING > RECOGNIZED), then by the share of the
    # occupation's five essentials covered, then by id.
    #   suite-data (CO_DESIGNED): its members teach all five essentials (esco-python via EXACT)
    #   mc-data-3 (HIRING_FACTOR): c-viz only, 1/5
    #   mc-cyber-3 (ON_THE_JOB_TRAINING): 0;  mc-pm-1, suite-cyber (RECOGNIZED): 0, by id
    query = """{ endorsedPathways(occupationId: "occ-data-analyst") { pathways {
      rank targetId essentialCoverage endorsers { employerId kind } } } }"""
    pathways = (await run(schema, demo_graph, query))["endorsedPathways"]["pathways"]
    assert [(p["targetId"], p["essentialCoverage"]) for p in pathways] == [
        ("suite-data", 1.0),
        ("mc-data-3", 0.2),
        ("mc-cyber-3", 0.0),
        ("mc-pm-1", 0.0),
        ("suite-cyber", 0.0),
    ]
    assert pathways[0]["endorsers"] == [{"employerId": "emp-northwind", "kind": "CO_DESIGNED"}]
    by_employer = """{ endorsedPathways(employerId: "emp-northwind") {
      pathways { targetId essentialCoverage } } }"""
    assert (await run(schema, demo_graph, by_employer))["endorsedPathways"]["pathways"] == [
        {"targetId": "suite-data", "essentialCoverage": None},
        {"targetId": "mc-data-3", "essentialCoverage": None},
    ]
    assert await errors_of(schema, demo_graph, "{ endorsedPathways { truncated } }") == [
        "give occupationId, employerId or both"
    ]
