"""The service over real HTTP: health, readiness, GraphiQL, a demo query, auth on writes."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.server import serve


@pytest.fixture
def base_url(demo_graph: Graph, neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(make_settings(), neo4j_target) as url:
        yield url


def test_health_and_readiness(base_url: str) -> None:
    assert httpx.get(f"{base_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{base_url}/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


def test_graphiql_is_served(base_url: str) -> None:
    page = httpx.get(f"{base_url}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


def test_demo_micro_credential_over_http(base_url: str) -> None:
    query = """{ microCredential(id: "mc-data-3") { name
        competencies { competency { name } } institution { name } suites { suite { name } } } }"""
    response = httpx.post(f"{base_url}/graphql", json={"query": query})
    assert response.status_code == 200
    mc = response.json()["data"]["microCredential"]
    assert mc["name"] == "Applied Analytics Capstone"
    assert mc["institution"] == {"name": "Northern Lakes College"}
    assert mc["suites"] == [{"suite": {"name": "Data Analytics Pathway"}}]
    assert {c["competency"]["name"] for c in mc["competencies"]} == {
        "Visualising data",
        "Machine learning fundamentals",
        "Professional communication",
    }


MUTATION = 'mutation { createEmployer(input: {id: "emp-x", name: "X"}) { __typename } }'


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "Forbidden"),
        ("Bearer wrong-token", "Forbidden"),
        ("Bearer", "Forbidden"),
        ("admin", "Employer"),
    ],
)
def test_writes_need_the_bearer_token(base_url: str, header: str | None, expected: str) -> None:
    if header == "admin":
        header = "Bearer " + mint(make_settings(), "tester", [Role.ADMIN])
    headers = {"authorization": header} if header is not None else {}
    response = httpx.post(f"{base_url}/graphql", json={"query": MUTATION}, headers=headers)
    assert response.json()["data"]["createEmployer"]["__typename"] == expected


@pytest.mark.parametrize(
    "query",
    [
        '{ microCredential(id: "mc-data-3") { name } }',  # an entity read (the compiled path)
        """{ transferCredit(learnerId: "learner-amira", institutionId: "inst-nlc") {
            totalCredits awards { receiving { id } holdings { id } } } }""",  # a question
    ],
)
def test_a_bearer_token_is_decoded_once_a_request(
    base_url: str, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[str] = []
    real_decode = jwt.decode

    def counting_decode(token: str, *args: Any, **kwargs: Any) -> Any:
        decoded.append(token)
        return real_decode(token, *args, **kwargs)

    header = {"authorization": "Bearer " + mint(make_settings(), "tester", [Role.ADVISOR])}
    monkeypatch.setattr(jwt, "decode", counting_decode)
    response = httpx.post(f"{base_url}/graphql", json={"query": query}, headers=header)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    assert len(decoded) == 1


def test_bad_queries_get_errors_without_internals(base_url: str) -> None:
    response = httpx.post(f"{base_url}/graphql", json={"query": "{ nope { id } }"})
    body = response.json()
    assert body["errors"][0]["message"].startswith("Cannot query field 'nope' on type 'Query'.")
    assert "Traceback" not in response.text


def test_request_ids_are_echoed_or_made(base_url: str) -> None:
    given = httpx.get(f"{base_url}/healthz", headers={"x-request-id": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = httpx.get(f"{base_url}/healthz", headers={"x-request-id": "bad id; drop table"})
    assert made.headers["x-request-id"] != "bad id; drop table"
    assert len(made.headers["x-request-id"]) == 32
    failed = httpx.post(
        f"{base_url}/graphql", json={"query": "{ nope }"}, headers={"x-request-id": "r-9"}
    )
    assert failed.json()["errors"][0]["extensions"]["requestId"] == "r-9"


def test_oversized_bodies_are_refused(base_url: str) -> None:
    huge = {"query": "{ __typename }", "variables": {"pad": "x" * 200_000}}
    response = httpx.post(f"{base_url}/graphql", json=huge)
    assert response.status_code == 413
    assert "larger than" in response.json()["errors"][0]["message"]


def test_metrics_scrape(base_url: str) -> None:
    query = {"query": "query Probe { institutions(first: 1) { nodes { id } } }"}
    assert httpx.post(f"{base_url}/graphql", json=query).status_code == 200
    text = httpx.get(f"{base_url}/metrics").text
    assert 'credgraph_graphql_operation_seconds_count{operation="Probe"} 1.0' in text
    # an entity read is one compiled statement (decision 28), counted under its own name
    assert 'credgraph_neo4j_query_seconds_count{query="compiled/read"}' in text
    assert 'credgraph_http_request_seconds_count{path="/graphql",status="200"}' in text


def test_batched_requests_are_refused(base_url: str) -> None:
    batch = [{"query": "{ __typename }"}, {"query": "{ __typename }"}]
    response = httpx.post(f"{base_url}/graphql", json=batch)
    assert response.status_code == 400


def test_json_log_lines_carry_request_and_operation(
    base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    import json as _json
    import logging

    from api.middleware import JsonFormatter

    caplog.set_level(logging.INFO)
    query = {"query": "query Named { institutions(first: 1) { nodes { id } } }"}
    httpx.post(f"{base_url}/graphql", json=query, headers={"x-request-id": "log-1"})
    # the request line is written after the response has gone out (its duration includes the
    # sending): on a busy machine the client can read the answer first, so wait for it
    deadline = time.monotonic() + 60
    while True:
        lines = [_json.loads(JsonFormatter().format(r)) for r in caplog.records]
        if any(line.get("path") == "/graphql" for line in lines) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    operation = next(line for line in lines if line.get("operation") == "Named")
    assert operation["request_id"] == "log-1" and operation["duration_ms"] >= 0
    request = next(line for line in lines if line.get("path") == "/graphql")
    assert request["request_id"] == "log-1" and request["status"] == 200


def test_graphiql_loads_nothing_from_a_cdn(base_url: str) -> None:
    page = httpx.get(f"{base_url}/graphql", headers={"accept": "text/html"}).text
    assert "unpkg.com" not in page
    assert not re.findall(r'(?:src|href)="https?:', page)
    # every script and style the page names is served here, byte for byte what its
    # subresource-integrity hash promises (the copies npm installed from the lock file)
    assets = re.findall(
        r'(?:src|href)="(/graphiql/assets/[^"]+)"\s+integrity="(sha384-[^"]+)"', page
    )
    assert len(assets) == 7, assets
    for path, integrity in assets:
        response = httpx.get(f"{base_url}{path}")
        assert response.status_code == 200, path
        digest = base64.b64encode(hashlib.sha384(response.content).digest()).decode()
        assert integrity == f"sha384-{digest}", path
        assert response.headers["content-type"].startswith(("text/javascript", "text/css"))
    # nothing else under node_modules is reachable
    for other in ("graphiql/package.json", "../package.json", "react/index.js"):
        assert httpx.get(f"{base_url}/graphiql/assets/{other}").status_code == 404
