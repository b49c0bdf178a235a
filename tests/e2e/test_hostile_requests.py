"""Requests an attacker or a broken client sends (issue 14, items 1-4): every one is answered as a
client error in JSON with a code and the request id, never a 500, and nothing tells an anonymous
caller which ids are learners."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.server import serve
from tests.unit.test_document_limits import fan_out

SETTINGS = make_settings(response_cache_mb=0)
UNKNOWN = "no-such-id-7f3a"


@pytest.fixture(scope="module")
def base_url(neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(SETTINGS, neo4j_target) as url:
        yield url


def _post(base_url: str, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(
        f"{base_url}/graphql",
        content=body,
        headers={"content-type": "application/json", **headers},
        timeout=120,
    )


def _assert_client_error(response: httpx.Response, *words: str) -> None:
    assert response.status_code in (200, 400), (response.status_code, response.text[:300])
    errors = response.json()["errors"]
    assert errors, response.text[:300]
    for error in errors:
        assert error["extensions"]["code"] == "BAD_REQUEST", error
        assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    text = " ".join(e["message"] for e in errors)
    for word in words:
        assert word in text, text


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'"{ __typename }"', ("JSON object", "a string")),
        (b"null", ("JSON object", "null")),
        (b"42", ("JSON object", "a number")),
        (b'{"query": "{ __typename \xff\xfe }"}', ("not valid JSON", "UTF-8")),
        (
            b'{"query": "query($v: [Int]) { __typename }", "variables": {"v": '
            + b"[" * 20_000
            + b"]" * 20_000
            + b"}}",
            ("not valid JSON", "depth"),
        ),
        (b'{"query": "{ __typename }"', ("not valid JSON",)),
        (b'{"query": 5}', ("`query` must be a string",)),
        (b"[]", ("Batching",)),
    ],
)
def test_malformed_bodies_are_client_errors(
    base_url: str, body: bytes, words: tuple[str, ...]
) -> None:
    response = _post(base_url, body)
    assert response.status_code == 400
    _assert_client_error(response, *words)


def test_malformed_get_parameters_are_client_errors(base_url: str) -> None:
    response = httpx.get(
        f"{base_url}/graphql", params={"query": "{ __typename }", "variables": "[[["}, timeout=60
    )
    assert response.status_code == 400
    _assert_client_error(response, "not valid JSON")
    response = httpx.get(f"{base_url}/graphql?query=%7B__typename%7D&variables=%FF", timeout=60)
    assert response.status_code == 400
    _assert_client_error(response)


@pytest.mark.parametrize(
    ("query", "variables", "words"),
    [
        ('{ course(id: "unterminated) { id } }', None, ("Syntax Error",)),
        ("{ " + " ".join(f"n{i}: __typename" for i in range(3100)) + " }", None, ("3000",)),
        ("query($f: Int!) { courses(first: $f) { totalCount } }", {"f": "abc"}, ("$f",)),
        (fan_out(25), None, ("query cost",)),
    ],
)
def test_every_refused_document_has_a_code_and_request_id(
    base_url: str, query: str, variables: dict[str, object] | None, words: tuple[str, ...]
) -> None:
    response = _post(base_url, orjson.dumps({"query": query, "variables": variables}))
    _assert_client_error(response, *words)


def test_a_fragment_bomb_leaves_the_worker_free(base_url: str) -> None:
    for levels in (19, 25, 40):
        _assert_client_error(_post(base_url, orjson.dumps({"query": fan_out(levels)})))
    answer = _post(base_url, b'{"query": "{ __typename }"}')
    assert answer.json() == {"data": {"__typename": "Query"}}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
BODY_KEYS = st.sampled_from(["query", "variables", "operationName", "extensions"])
GRAPHQL_BODIES = st.dictionaries(
    BODY_KEYS, JSON_VALUES | st.sampled_from(["{ __typename }", "query Q { __typename }"])
)


def _json(value: object) -> bytes:
    """The standard library's JSON: big integers and lone surrogate escapes pass through it."""
    return json.dumps(value).encode()


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=st.one_of(
        st.binary(max_size=200),
        JSON_VALUES.map(_json),
        GRAPHQL_BODIES.map(_json),
    ),
    content_type=st.sampled_from(["application/json", "application/graphql", "text/plain"]),
)
def test_raw_bodies_never_answer_500(base_url: str, body: bytes, content_type: str) -> None:
    response = _post(base_url, body, **{"content-type": content_type})
    assert response.status_code in (200, 400), (response.status_code, body)
    payload = response.json()
    for error in payload.get("errors") or []:
        assert error["extensions"]["code"] == "BAD_REQUEST", (error, body)


def _protected_reads() -> list[str]:
    """Every root field that takes an id, asked about `$id` anonymously."""
    entity_fields = [
        "institution", "framework", "competency", "microCredential", "suite", "course",
        "program", "requirement", "transferValue", "transferAgreement", "employer",
        "occupation", "learner", "evidence", "facilitator", "feedback",
    ]  # fmt: skip
    return [
        "node(id: $id) { __typename id }",
        'transferCredit(learnerId: $id, institutionId: "inst-lsu") { __typename }',
        "transferOptions(learnerId: $id) { __typename }",
        'stackingPlan(learnerId: $id, targetId: "prog-lsu-ds") { __typename }',
        'priorLearning(learnerId: $id, targetId: "prog-lsu-ds") { __typename }',
        'skillGap(learnerId: $id, occupationId: "occ-data-analyst") { __typename }',
        'compareTargets(learnerId: $id, targetIds: ["prog-lsu-ds"]) { __typename }',
        'compareTargets(learnerId: "learner-ben", targetIds: [$id]) { __typename }',
        'stackingPlan(learnerId: "learner-ben", targetId: "prog-lsu-ds", '
        "assume: {addHoldings: [{itemId: $id}]}) { __typename }",
        "articulationWorklist(institutionId: $id) { __typename }",
        "stacksInto(id: $id) { __typename }",
        "equivalentsOf(id: $id) { __typename }",
        'articulationSuggestions(fromId: $id, institutionId: "inst-lsu") { __typename }',
        "endorsedPathways(occupationId: $id) { __typename }",
        "endorsedPathways(employerId: $id) { __typename }",
        "suiteConformance(suiteId: $id) { __typename }",
        "facilitatorCoverage(microCredentialId: $id) { __typename }",
        "impactOf(id: $id) { __typename label learnerCount }",
        "feedbackSummary(id: $id) { __typename }",
        "exportDocument(format: CTDL, id: $id)",
        "exportDocument(format: OPEN_BADGES, id: $id)",
        "exportDocument(format: CASE, id: $id)",
        *(f"{name}(id: $id) {{ __typename id }}" for name in entity_fields),
    ]


def _answer(base_url: str, field: str, node_id: str, headers: dict[str, str]) -> object:
    body = orjson.dumps({"query": f"query($id: ID!) {{ {field} }}", "variables": {"id": node_id}})
    response = _post(base_url, body, **headers)
    payload = response.json()
    for error in payload.get("errors") or []:
        error["extensions"].pop("requestId", None)
    return (response.status_code, orjson.dumps(payload).decode().replace(node_id, "ID"))


@pytest.mark.parametrize("field", _protected_reads())
@pytest.mark.parametrize("who", ["anonymous", "another learner"])
def test_a_learner_id_answers_as_an_unknown_id(
    base_url: str, demo_graph: Graph, field: str, who: str
) -> None:
    headers = {}
    if who == "another learner":
        token = mint(SETTINGS, "ben", [Role.LEARNER], learner_id="learner-ben")
        headers = {"authorization": f"Bearer {token}"}
    unknown = _answer(base_url, field, UNKNOWN, headers)
    for node_id in ("learner-amira", "ev-amira-work"):
        assert _answer(base_url, field, node_id, headers) == unknown, node_id


def test_those_who_may_read_learners_still_see_them(base_url: str, demo_graph: Graph) -> None:
    token = mint(SETTINGS, "ada", [Role.ADVISOR])
    headers = {"authorization": f"Bearer {token}"}
    answer = _answer(base_url, "node(id: $id) { __typename id }", "learner-amira", headers)
    assert answer == (200, '{"data":{"node":{"__typename":"Learner","id":"ID"}}}')
    own = mint(SETTINGS, "amira", [Role.LEARNER], learner_id="learner-amira")
    answer = _answer(
        base_url, "impactOf(id: $id) { label }", "learner-amira", {"authorization": f"Bearer {own}"}
    )
    assert answer == (200, '{"data":{"impactOf":{"label":"Learner"}}}')


def test_lone_surrogates_are_refused_where_they_are_used(base_url: str, demo_graph: Graph) -> None:
    # JSON may escape a lone surrogate; no UTF-8 encoder (the Neo4j driver's) takes it
    body = (
        b'{"query": "query($id: ID!) { course(id: $id) { id } }", "variables": {"id": "\\ud800"}}'
    )
    response = _post(base_url, body)
    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "INVALID", error
    assert "not Unicode" in error["message"]
