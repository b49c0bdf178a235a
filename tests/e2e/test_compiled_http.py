"""The fast path over HTTP: a query document answered once through strawberry without an error is
answered again without it (by its compiled plan or by graphql-core's execution), with the same
status, content type and JSON as strawberry's, for every role; documents it cannot answer fall
back with their body intact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.server import serve
from tests.integration.test_compiled_reads import DOCUMENTS, FALLBACKS

TOKENS: dict[str, list[Role] | None] = {
    "public": None,
    "learner": [Role.LEARNER],
    "advisor": [Role.ADVISOR],
    "admin": [Role.ADMIN],
}


@pytest.fixture
def servers(demo_graph: Graph, neo4j_target: Neo4jTarget) -> Iterator[tuple[str, str]]:
    with (
        # no response cache: a repeated public request would be served before either path
        serve(make_settings(response_cache_mb=0), neo4j_target) as compiled,
        serve(make_settings(response_cache_mb=0, compiled_reads=False), neo4j_target) as resolved,
    ):
        yield compiled, resolved


def _headers(role: str) -> dict[str, str]:
    headers = {"x-request-id": f"same-id-{role}"}
    roles = TOKENS[role]
    if roles is not None:
        token = mint(make_settings(), role, roles, learner_id="learner-ben")
        headers["authorization"] = f"Bearer {token}"
    return headers


def _post(url: str, query: str, variables: dict[str, Any], role: str) -> tuple[Any, ...]:
    response = httpx.post(
        f"{url}/graphql",
        json={"query": query, "variables": variables},
        headers=_headers(role),
        timeout=60,
    )
    return response.status_code, response.headers["content-type"], response.json()


def _fast_answers(caplog: pytest.LogCaptureFixture) -> int:
    return len([r for r in caplog.records if r.getMessage() == "answered by the fast path"])


def _check_fast_path(
    servers: tuple[str, str],
    role: str,
    documents: list[tuple[str, dict[str, Any]]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Each document three times against the fast-path server equals the strawberry server's
    answer; the fast path answered exactly the requests of documents already answered without
    an error (from their second request on, or every time when an earlier entry sent the same
    text): answers with errors (learner data the role may not read, refusals) take strawberry's
    path every time."""
    compiled, resolved = servers
    caplog.set_level("DEBUG", logger="api.compiled_http")
    expected_fast, known = 0, set()
    for query, variables in documents:
        expected = _post(resolved, query, variables, role)
        for turn in range(3):  # the first through strawberry, then the fast path when it can
            assert _post(compiled, query, variables, role) == expected, (query, turn)
        if expected[0] == 200 and not expected[2].get("errors"):
            expected_fast += 3 if query in known else 2
            known.add(query)
    assert _fast_answers(caplog) == expected_fast


@pytest.mark.parametrize("role", sorted(TOKENS))
def test_fast_path_answers_as_resolution_does(
    servers: tuple[str, str], role: str, caplog: pytest.LogCaptureFixture
) -> None:
    _check_fast_path(servers, role, DOCUMENTS + FALLBACKS, caplog)


# The questions (answered field by field): the README's documents with the demo's learners, a
# what-if and a term plan, and the same text again with other variables.
TRANSFER_CREDIT = """query ($learner: ID!, $institution: ID!) {
  transferCredit(learnerId: $learner, institutionId: $institution, asOf: "2026-06-01") {
    totalCredits creditUnit capped
    awards { receiving { id name } credits
             via { transferValue { id } agreement { id } fromInstitution { name } }
             explanation { text } }
    notApplied { transferValueId reason } } }"""
QUESTIONS: list[tuple[str, dict[str, Any]]] = [
    (TRANSFER_CREDIT, {"learner": "learner-ben", "institution": "inst-lsu"}),
    (TRANSFER_CREDIT, {"learner": "learner-amira", "institution": "inst-nlc"}),
    (
        """{ transferOptions(learnerId: "learner-ben", asOf: "2026-06-01", limit: 3) {
              truncated options { institutionId totalCredits creditHours shareOfHoldings
                holdingsAccepted capped explanation { text path { fromId toId } }
                transfer { totalCredits notApplied { transferValueId reason } } } } }""",
        {},
    ),
    (
        """{ stackingPlan(learnerId: "learner-ben", targetId: "prog-lsu-ds", optimizeFor: HOURS,
                          asOf: "2026-06-01") {
              reachable completed { itemId how } totalRemainingHours
              remaining { order item { id name } hours fills { id } explanation { text } } } }""",
        {},
    ),
    (
        """{ stackingPlan(learnerId: "learner-dana", targetId: "lsu-ds300", termHours: 80) {
              terms { number hours overloaded steps { itemId } } termsExact } }""",
        {},
    ),
    (
        """{ priorLearning(learnerId: "learner-dana", targetId: "suite-cyber") {
              covered { competencyId how explanation { text } } missingIds hoursSaved } }""",
        {},
    ),
    (
        """{ skillGap(learnerId: "learner-amira", occupationId: "occ-data-analyst") {
              missing { competencyId essential } closingSet { id name } closingHours
              uncoverableIds } }""",
        {},
    ),
    (
        """{ transferCredit(learnerId: "learner-amira", institutionId: "inst-nlc",
                            asOf: "2026-06-01",
                            assume: { addHoldings: [{ itemId: "mc-sql-basics", grade: 75 }] }) {
              totalCredits assumedHoldingIds awards { receivingId explanation { text } } } }""",
        {},
    ),
    ('{ stacksInto(id: "mc-data-3") { __typename } }', {}),
    ('{ equivalentsOf(id: "lsu-cs101") { __typename } }', {}),
    (
        '{ transferCredit(learnerId: "no-such-learner", institutionId: "inst-lsu") '
        "{ totalCredits } }",
        {},
    ),
]


@pytest.mark.parametrize("role", sorted(TOKENS))
def test_fast_path_answers_questions_as_strawberry_does(
    servers: tuple[str, str], role: str, caplog: pytest.LogCaptureFixture
) -> None:
    _check_fast_path(servers, role, QUESTIONS, caplog)
    if role == "admin":  # every question but the unknown learner answered without an error
        assert _fast_answers(caplog) == 2 * (len(QUESTIONS) - 1) + 1


def test_fast_path_keeps_graphql_response_media_type(servers: tuple[str, str]) -> None:
    compiled, _ = servers
    query, variables = DOCUMENTS[0]
    for _turn in range(2):
        response = httpx.post(
            f"{compiled}/graphql",
            json={"query": query, "variables": variables},
            headers={"accept": "application/graphql-response+json"},
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/graphql-response+json"
        assert response.json()["data"]["microCredential"]["name"]


def test_fast_path_refuses_what_strawberry_refuses(servers: tuple[str, str]) -> None:
    compiled, resolved = servers
    query, _ = DOCUMENTS[-1]
    httpx.post(f"{compiled}/graphql", json={"query": query})  # now a known document
    bad = [
        {"query": query, "variables": "not an object"},
        {"query": query, "operationName": "NoSuchOperation"},
        {"query": query, "operationName": 7},
    ]
    for body in bad:
        ours = httpx.post(f"{compiled}/graphql", json=body, headers={"x-request-id": "r1"})
        theirs = httpx.post(f"{resolved}/graphql", json=body, headers={"x-request-id": "r1"})
        assert (ours.status_code, ours.json()) == (theirs.status_code, theirs.json()), body
        assert ours.status_code == 400 or ours.json().get("errors"), body
