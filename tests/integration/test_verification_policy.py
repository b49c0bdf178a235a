"""Per-institution verification policy (decision 50): setVerificationPolicy (admin) keeps on the
Institution which verification states count there; transferCredit and priorLearning toward that
institution's items use it, other institutions keep the setting's; an edit of the institution
keeps it; null goes back to the setting."""

from __future__ import annotations

from typing import Any

import strawberry

from api.auth import Principal, Role
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import make_settings

ADMIN = Principal("admin", frozenset({Role.ADMIN}))
POLICY = """
mutation ($i: ID!, $s: [VerificationState!]) {
  setVerificationPolicy(institutionId: $i, countedStates: $s) {
    __typename
    ... on VerificationPolicy { institutionId countedStates own }
  }
}
"""
QUESTIONS = """
{
  transferCredit(learnerId: "learner-amira", institutionId: "inst-nlc", asOf: "2026-06-01") {
    awards { receiving { id } }
    notCounted { holdingId verification reason }
  }
  transferOptions(learnerId: "learner-amira", asOf: "2026-06-01") { options { institutionId } }
  priorLearning(learnerId: "learner-amira", targetId: "nlc-dat101", asOf: "2026-06-01") {
    covered { competencyId explanation { text } }
    notCounted { holdingId reason }
  }
}
"""
UNVERIFIED = """
MATCH (:Learner {id: 'learner-amira'})-[e:EARNED]->(:MicroCredential {id: 'mc-python-intro'})
SET e.verification = 'UNVERIFIED', e.verifiedOn = date('2026-05-20'),
    e.verificationReason = 'issuer: the issuer document cannot be had'
"""


async def run(schema: strawberry.Schema, graph: Graph, query: str, **variables: Any) -> Any:
    context = Context(graph=graph, settings=make_settings(), principal=ADMIN, request_id="t")
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    return result.data


def options(answer: Any) -> set[str]:
    return {o["institutionId"] for o in answer["transferOptions"]["options"]}


async def test_an_institution_policy_overrides_the_setting_there_only(demo_graph: Graph) -> None:
    schema = build_schema(make_settings())
    await demo_graph.driver.execute_query(UNVERIFIED)
    before = await run(schema, demo_graph, QUESTIONS)
    assert [a["receiving"]["id"] for a in before["transferCredit"]["awards"]] == ["nlc-dat101"]
    assert "c-python" in {c["competencyId"] for c in before["priorLearning"]["covered"]}
    assert "inst-nlc" in options(before)

    policy = await run(schema, demo_graph, POLICY, i="inst-nlc", s=["VERIFIED", "VERIFIED"])
    assert policy["setVerificationPolicy"] == {
        "__typename": "VerificationPolicy",
        "institutionId": "inst-nlc",
        "countedStates": ["VERIFIED"],
        "own": True,
    }
    strict = await run(schema, demo_graph, QUESTIONS)
    why = (
        "not counted: unverified: issuer: the issuer document cannot be had, checked on 2026-05-20"
    )
    assert strict["transferCredit"]["awards"] == []
    assert strict["transferCredit"]["notCounted"] == [
        {"holdingId": "mc-python-intro", "verification": "UNVERIFIED", "reason": why}
    ]
    assert "c-python" not in {c["competencyId"] for c in strict["priorLearning"]["covered"]}
    assert "inst-nlc" not in options(strict)
    assert strict["priorLearning"]["notCounted"] == [
        {"holdingId": "mc-python-intro", "reason": why}
    ]
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (i:Institution {id: 'inst-nlc'}) RETURN i.countedVerificationStates AS s"
    )
    assert records[0]["s"] == ["VERIFIED"]
    edited = await run(
        schema,
        demo_graph,
        'mutation { updateInstitution(id: "inst-nlc", input: {jurisdiction: "CA-ON"}) '
        "{ __typename } }",
    )
    assert edited["updateInstitution"]["__typename"] == "Institution"
    assert await run(schema, demo_graph, QUESTIONS) == strict  # an edit keeps the policy

    back = await run(schema, demo_graph, POLICY, i="inst-nlc", s=None)
    assert back["setVerificationPolicy"]["own"] is False
    assert "UNVERIFIED" in back["setVerificationPolicy"]["countedStates"]
    assert await run(schema, demo_graph, QUESTIONS) == before
    unknown = await run(schema, demo_graph, POLICY, i="inst-nowhere", s=["VERIFIED"])
    assert unknown["setVerificationPolicy"]["__typename"] == "NotFoundError"


async def test_a_stored_policy_that_does_not_fit_answers_data_invalid(demo_graph: Graph) -> None:
    await demo_graph.driver.execute_query(
        "MATCH (i:Institution {id: 'inst-nlc'}) SET i.countedVerificationStates = ['MAYBE']"
    )
    context = Context(graph=demo_graph, settings=make_settings(), principal=ADMIN, request_id="t")
    result = await build_schema(make_settings()).execute(
        '{ transferCredit(learnerId: "learner-amira", institutionId: "inst-nlc") '
        "{ totalCredits } }",
        context_value=context,
    )
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions is not None and error.extensions["code"] == "DATA_INVALID"
    assert "countedVerificationStates" in error.message
