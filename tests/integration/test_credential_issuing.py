"""issueCredential / revokeCredential over GraphQL (registrar) and the issuers' routes: what is
issued verifies against the served DID document and status list; once revoked, it is REVOKED.
Every issue takes its own status entry, recorded in the graph."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import strawberry
from starlette.applications import Starlette

from api.auth import Principal, Role
from api.context import Context
from api.credential_routes import credential_routes
from api.schema import build_schema
from graph.container import Graph
from graph.settings import Settings
from importers.credentials.report import VerificationState
from importers.credentials.resolver import Resolver, did_web_url
from importers.credentials.verify import verify_credential
from tests.conftest import make_settings

REGISTRAR = Principal("reg", frozenset({Role.REGISTRAR}))
ISSUE = """
mutation ($l: ID!, $i: ID!) {
  issueCredential(learnerId: $l, itemId: $i) {
    __typename
    ... on IssuedCredential { id document }
    ... on Problem { message }
  }
}
"""
REVOKE = """
mutation ($id: String!) {
  revokeCredential(id: $id) { __typename ... on RevokedCredential { statusIndex } }
}
"""


async def run(
    schema: strawberry.Schema, graph: Graph, settings: Settings, query: str, **variables: Any
) -> Any:
    context = Context(graph=graph, settings=settings, principal=REGISTRAR, request_id="t")
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    return result.data


async def served(graph: Graph, settings: Settings, tmp_path: Path, did: str) -> Resolver:
    """A resolver answering from files saved from the issuer's routes."""
    app = Starlette(routes=credential_routes(settings, {"graph": graph}))
    transport = httpx.ASGITransport(app=app)
    files = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for name, url in (
            ("did.json", did_web_url(did)),
            ("status.json", "https://localhost:8000/issuers/inst-ontrain/status/1"),
        ):
            response = await client.get(url.removeprefix("https://localhost:8000"))
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith("application/ld+json")
            (tmp_path / name).write_text(response.text)
            files[url] = tmp_path / name
        missing = await client.get("/issuers/inst-nowhere/did.json")
        assert missing.status_code == 404
    return Resolver(files)


async def test_issue_verify_revoke(demo_graph: Graph, tmp_path: Path) -> None:
    settings = make_settings(issuer_keys_dir=tmp_path / "keys")
    schema = build_schema(settings)
    issued = (
        await run(schema, demo_graph, settings, ISSUE, l="learner-amira", i="mc-python-intro")
    )["issueCredential"]
    assert issued["__typename"] == "IssuedCredential", issued
    credential = issued["document"]
    did = credential["issuer"]["id"]
    assert did == "did:web:localhost%3A8000:issuers:inst-ontrain"
    assert credential["validFrom"] == "2024-05-10T00:00:00Z"
    again = (
        await run(schema, demo_graph, settings, ISSUE, l="learner-amira", i="mc-python-intro")
    )["issueCredential"]["document"]
    first_index = credential["credentialStatus"]["statusListIndex"]
    assert again["credentialStatus"]["statusListIndex"] != first_index

    today = dt.date.today()
    resolver = await served(demo_graph, settings, tmp_path, did)
    report = verify_credential(credential, resolver, [did], today)
    assert report.state is VerificationState.VERIFIED, report.checks

    revoked = await run(schema, demo_graph, settings, REVOKE, id=credential["id"])
    assert revoked["revokeCredential"]["statusIndex"] == int(first_index)
    resolver = await served(demo_graph, settings, tmp_path, did)
    assert verify_credential(credential, resolver, [did], today).state is VerificationState.REVOKED
    assert verify_credential(again, resolver, [did], today).state is VerificationState.VERIFIED
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (c:IssuedCredential) RETURN c.learnerId AS l, c.revoked AS r,"
        " c.revokedBy AS by, c.revokedAt IS NOT NULL AS dated ORDER BY r"
    )
    assert [(r["l"], r["r"], r["by"], r["dated"]) for r in records] == [
        ("learner-amira", False, None, False),
        ("learner-amira", True, "reg", True),  # who revoked it: the token's subject
    ]


async def test_issuing_what_is_not_held_or_revoked_is_refused_and_a_course_is_issued(
    demo_graph: Graph, tmp_path: Path
) -> None:
    settings = make_settings(issuer_keys_dir=tmp_path / "keys")
    schema = build_schema(settings)
    missing = await run(schema, demo_graph, settings, ISSUE, l="learner-amira", i="mc-data-2")
    assert missing["issueCredential"]["__typename"] == "NotFoundError"
    course = await run(schema, demo_graph, settings, ISSUE, l="learner-ben", i="nlc-dat101")
    achievement = course["issueCredential"]["document"]["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Course"
    assert achievement["humanCode"]
    await demo_graph.driver.execute_query(
        "MATCH (:Learner {id: 'learner-amira'})-[e:EARNED]->({id: 'mc-python-intro'}) "
        "SET e.verification = 'REVOKED'"
    )
    revoked = await run(schema, demo_graph, settings, ISSUE, l="learner-amira", i="mc-python-intro")
    assert revoked["issueCredential"]["__typename"] == "InvalidInput"
    assert "is REVOKED: credgraph does not sign it again" in revoked["issueCredential"]["message"]
    unknown = await run(schema, demo_graph, settings, REVOKE, id="urn:uuid:nope")
    assert unknown["revokeCredential"]["__typename"] == "NotFoundError"
    assert json.dumps(unknown)
