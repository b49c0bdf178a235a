"""transferCredit and transferOptions on the demo graph, worked out by hand (docs/demo.md).

asOf is fixed at 2026-06-01 so the answers do not move with the calendar.
"""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from tests.integration.test_graphql import errors_of, run

AS_OF = "2026-06-01"

TRANSFER = """
query ($learner: ID!, $institution: ID!, $maxChain: Int!) {
  transferCredit(learnerId: $learner, institutionId: $institution, asOf: "2026-06-01",
                 maxChain: $maxChain) {
    totalCredits uncappedCredits creditUnit capped exact truncated
    awards {
      receivingId credits holdingIds conditionsPending
      via { transferValue { id } agreement { id } from { id }
            fromInstitution { id } toInstitution { id } }
      explanation { text path { fromId relationship toId } }
    }
    unusedHoldingIds
    notApplied { transferValueId reason }
  }
}
"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def transfer(
    schema: strawberry.Schema, graph: Graph, learner: str, institution: str, max_chain: int = 2
) -> dict[str, Any]:
    data = await run(
        schema,
        graph,
        TRANSFER,
        admin=True,
        learner=learner,
        institution=institution,
        maxChain=max_chain,
    )
    result: dict[str, Any] = data["transferCredit"]
    return result


async def test_ben_at_lakeshore(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Ben holds seven Northern Lakes courses. At Lakeshore (credit hours, cap 12):
    #   DAT101 -> CS 101 by tv-dat101-cs101 (3 CH)                         awarded
    #   DAT102 (81 >= 65) -> CS 220 by tv-dat102-cs220 (3 CH)               awarded
    #   NET110 + SEC120 together -> CS 230 by tv-net-sec-cs230 (3 CH)       awarded (AND-group)
    #   DAT201 earned 2019-04-25; + 5 years = 2024-04-25 < asOf              too old
    #   BUS110: tv-bus110-mgt210 ended 2022-06-30                             not effective
    #   MTH120: tv-mth120-sta101 gives 1 COURSE_CREDIT for STA 101, and Lakeshore has no
    #           courseCreditInCreditHours                                   no conversion
    # Total 9 CH, below the cap of 12.
    answer = await transfer(schema, demo_graph, "learner-ben", "inst-lsu")
    assert answer["totalCredits"] == 9
    assert answer["creditUnit"] == "CREDIT_HOUR"
    assert answer["capped"] is False and answer["exact"] is True
    assert [(a["receivingId"], a["credits"], a["holdingIds"]) for a in answer["awards"]] == [
        ("lsu-cs101", 3, ["nlc-dat101"]),
        ("lsu-cs220", 3, ["nlc-dat102"]),
        ("lsu-cs230", 3, ["nlc-net110", "nlc-sec120"]),
    ]
    cs101 = answer["awards"][0]
    assert cs101["via"] == [
        {
            "transferValue": {"id": "tv-dat101-cs101"},
            "agreement": {"id": "ag-nlc-lsu"},
            "from": [{"id": "nlc-dat101"}],
            "fromInstitution": {"id": "inst-nlc"},
            "toInstitution": {"id": "inst-lsu"},
        }
    ]
    assert {"fromId": "tv-dat101-cs101", "relationship": "FOR", "toId": "lsu-cs101"} in cs101[
        "explanation"
    ]["path"]
    assert answer["unusedHoldingIds"] == ["nlc-bus110", "nlc-dat201", "nlc-mth120"]
    reasons = {r["transferValueId"]: r["reason"] for r in answer["notApplied"]}
    assert reasons["tv-bus110-mgt210"] == "not effective on 2026-06-01"
    assert "more than 5 years" in reasons["tv-dat201-sta201"]
    assert "no conversion" in reasons["tv-mth120-sta101"]


async def test_amira_chains_through_northern_lakes(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Amira: mc-python-intro (OnTrain, 88) and mc-sql-basics (65).
    #   mc-python-intro -> DAT101 (tv-python-dat101, ag-ontrain-nlc), and DAT101 -> CS 101
    #   (tv-dat101-cs101, allowChaining) = a chain of 2 rules ending at Lakeshore: 3 CH.
    #   mc-sql-basics: tv-sql-dat102 needs 70, she has 65.
    answer = await transfer(schema, demo_graph, "learner-amira", "inst-lsu")
    assert answer["totalCredits"] == 3
    [award] = answer["awards"]
    assert award["receivingId"] == "lsu-cs101"
    assert [step["transferValue"]["id"] for step in award["via"]] == [
        "tv-python-dat101",
        "tv-dat101-cs101",
    ]
    assert [step["fromInstitution"]["id"] for step in award["via"]] == ["inst-ontrain", "inst-nlc"]
    assert [step["toInstitution"]["id"] for step in award["via"]] == ["inst-nlc", "inst-lsu"]
    assert award["explanation"]["text"].startswith("mc-python-intro -> nlc-dat101 -> lsu-cs101")
    reasons = {r["transferValueId"]: r["reason"] for r in answer["notApplied"]}
    assert "at least 70" in reasons["tv-sql-dat102"] and "has 65" in reasons["tv-sql-dat102"]

    # With maxChain 1 only direct rules count: the chain is cut, and the answer says where.
    direct = await transfer(schema, demo_graph, "learner-amira", "inst-lsu", max_chain=1)
    assert direct["totalCredits"] == 0 and direct["awards"] == []
    cut = {r["transferValueId"]: r["reason"] for r in direct["notApplied"]}
    assert "maxChain 1" in cut["tv-python-dat101"]

    # At Northern Lakes itself the first rule is enough: 1 COURSE_CREDIT for DAT101.
    college = await transfer(schema, demo_graph, "learner-amira", "inst-nlc")
    assert college["creditUnit"] == "COURSE_CREDIT"
    assert [(a["receivingId"], a["credits"]) for a in college["awards"]] == [("nlc-dat101", 1)]


async def test_chen_and_dana_have_no_transfer_credit(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # Chen's data micro-credentials are Northern Lakes' own (never transfer credit there), and
    # mc-cyber-1 expired on 2025-03-01 (its rule to NET110 only starts in 2027 anyway).
    chen = await transfer(schema, demo_graph, "learner-chen", "inst-nlc")
    assert chen["totalCredits"] == 0 and chen["awards"] == []
    assert chen["unusedHoldingIds"] == ["mc-cyber-1"]
    dana = await transfer(schema, demo_graph, "learner-dana", "inst-lsu")
    assert (dana["totalCredits"], dana["awards"], dana["unusedHoldingIds"]) == (0, [], [])


async def test_transfer_options(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Amira: Lakeshore accepts 3 CH (chain) and Northern Lakes 1 course credit = 3 CH; each uses
    # one of her two holdings (share 0.5). Equal: ordered by institution id.
    query = """{ transferOptions(learnerId: "learner-amira", asOf: "2026-06-01") {
      truncated options { institutionId totalCredits creditUnit creditHours shareOfHoldings
                          holdingsAccepted explanation { text } } } }"""
    data = await run(schema, demo_graph, query, admin=True)
    options = data["transferOptions"]["options"]
    assert options[0].pop("explanation") == {
        "text": "inst-lsu accepts 1 award(s) worth 3 CREDIT_HOUR"
    }
    assert options[1].pop("explanation")["text"].startswith("inst-nlc accepts 1 award(s)")
    assert options == [
        {
            "institutionId": "inst-lsu",
            "totalCredits": 3,
            "creditUnit": "CREDIT_HOUR",
            "creditHours": 3,
            "shareOfHoldings": 0.5,
            "holdingsAccepted": 1,
        },
        {
            "institutionId": "inst-nlc",
            "totalCredits": 1,
            "creditUnit": "COURSE_CREDIT",
            "creditHours": 3,
            "shareOfHoldings": 0.5,
            "holdingsAccepted": 1,
        },
    ]


async def test_errors_are_clear(schema: strawberry.Schema, demo_graph: Graph) -> None:
    base = '{ transferCredit(learnerId: "%s", institutionId: "%s"%s) { totalCredits } }'
    assert await errors_of(schema, demo_graph, base % ("nobody", "inst-lsu", ""), admin=True) == [
        "Learner 'nobody' does not exist"
    ]
    assert await errors_of(schema, demo_graph, base % ("learner-ben", "x", ""), admin=True) == [
        "Institution 'x' does not exist"
    ]
    assert await errors_of(
        schema, demo_graph, base % ("learner-ben", "inst-lsu", ", maxChain: 0"), admin=True
    ) == ["maxChain must be between 1 and 5, got 0"]
    denied = await errors_of(schema, demo_graph, base % ("learner-ben", "inst-lsu", ""))
    assert denied and "bearer token" in denied[0]
