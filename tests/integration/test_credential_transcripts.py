"""issueTranscript and issueCredentials over GraphQL (registrar): a CLR 2.0 ClrCredential of a
learner's holdings, each nested credential and the transcript signed and recorded; bulk issue
records all or nothing and names each entry it cannot issue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx
from starlette.applications import Starlette

from api.credential_routes import credential_routes
from api.schema import build_schema
from graph.container import Graph
from graph.settings import Settings
from importers import openbadges
from importers.base import apply
from importers.credentials.report import VerificationState
from importers.credentials.resolver import Resolver, did_web_url
from importers.credentials.verify import verify_credential
from tests.conftest import make_settings
from tests.integration.test_credential_issuing import run

TRANSCRIPT = """
mutation ($l: ID!) {
  issueTranscript(learnerId: $l) {
    __typename
    ... on IssuedCredential { id document }
    ... on Problem { message }
  }
}
"""
BULK = """
mutation ($h: [HoldingInput!]!) {
  issueCredentials(holdings: $h) {
    __typename
    ... on IssuedCredentials { credentials { id document } }
    ... on InvalidInput { message fields { field message } }
    ... on Problem { message }
  }
}
"""
REVOKE = """
mutation ($id: String!) {
  revokeCredential(id: $id) { __typename ... on RevokedCredential { statusIndex } }
}
"""
ISSUED = "MATCH (c:IssuedCredential) RETURN c.kind AS kind, c.itemId AS item ORDER BY kind, item"


async def served(graph: Graph, settings: Settings, tmp_path: Path, issuers: list[str]) -> Resolver:
    """A resolver answering from files saved from the issuers' routes (DID and status list)."""
    app = Starlette(routes=credential_routes(settings, {"graph": graph}))
    files = {}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        for issuer in issuers:
            did = f"did:web:localhost%3A8000:issuers:{issuer}"
            status = f"https://localhost:8000/issuers/{issuer}/status/1"
            for n, url in enumerate((did_web_url(did), status)):
                response = await client.get(url.removeprefix("https://localhost:8000"))
                assert response.status_code == 200, response.text
                path = tmp_path / f"{issuer}-{n}.json"
                path.write_text(response.text)
                files[url] = path
    return Resolver(files)


async def test_a_transcript_of_every_holding_verifies_and_is_recorded(
    demo_graph: Graph, tmp_path: Path
) -> None:
    settings = make_settings(issuer_keys_dir=tmp_path / "keys")
    schema = build_schema(settings)
    answer = (await run(schema, demo_graph, settings, TRANSCRIPT, l="learner-ben"))[
        "issueTranscript"
    ]
    assert answer["__typename"] == "IssuedCredential", answer
    clr = answer["document"]
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["issuer"]["id"] == "did:web:localhost%3A8000:issuers:credgraph"
    subject = clr["credentialSubject"]
    assert subject["type"] == ["ClrSubject"]
    nested = subject["verifiableCredential"]
    held = sorted(c["credentialSubject"]["achievement"]["id"] for c in nested)
    assert held == [
        f"urn:credgraph:{i}"
        for i in ("nlc-bus110", "nlc-dat101", "nlc-dat102", "nlc-dat201", "nlc-mth120",
                  "nlc-net110", "nlc-sec120")
    ]  # fmt: skip
    assert {c["credentialSubject"]["id"] for c in nested} == {subject["id"]}
    assert all(c["credentialSubject"]["achievement"]["achievementType"] == "Course" for c in nested)

    today = dt.date.today()
    institution = nested[0]["issuer"]["id"].rsplit(":", 1)[1]
    resolver = await served(demo_graph, settings, tmp_path, ["credgraph", institution])
    trusted = [clr["issuer"]["id"], nested[0]["issuer"]["id"]]
    report = verify_credential(clr, resolver, trusted, today)
    assert report.state is VerificationState.VERIFIED, report.checks
    for credential in nested:
        assert verify_credential(credential, resolver, trusted, today).state is (
            VerificationState.VERIFIED
        )
    records, _, _ = await demo_graph.driver.execute_query(ISSUED)
    assert [r["kind"] for r in records] == ["ClrCredential"] + ["OpenBadgeCredential"] * 7

    # the learner-record importer reads the transcript back: every nested holding VERIFIED
    path = tmp_path / "transcript.json"
    path.write_text(json.dumps(clr))
    batch = openbadges.parse([path], lambda d: verify_credential(d, resolver, trusted, today))
    await apply(demo_graph.nodes, batch)  # as a new, pseudonymous learner
    learner = openbadges.learner_id(subject)
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (:Learner {id: $l})-[e:EARNED]->(i) RETURN i.id AS item, e.verification AS v",
        l=learner,
    )
    assert sorted((r["item"], r["v"]) for r in records) == [
        (h.removeprefix("urn:credgraph:"), "VERIFIED") for h in held
    ]

    tampered = json.loads(json.dumps(clr).replace("nlc-dat101", "nlc-dat999"))
    report = verify_credential(tampered, resolver, trusted, today)
    assert report.state is VerificationState.INVALID

    revoked = await run(schema, demo_graph, settings, REVOKE, id=clr["id"])
    assert revoked["revokeCredential"]["__typename"] == "RevokedCredential"
    resolver = await served(demo_graph, settings, tmp_path, ["credgraph", institution])
    assert verify_credential(clr, resolver, trusted, today).state is VerificationState.REVOKED


async def test_a_learner_without_holdings_or_unknown_gets_no_transcript(
    demo_graph: Graph, tmp_path: Path
) -> None:
    settings = make_settings(issuer_keys_dir=tmp_path / "keys")
    schema = build_schema(settings)
    unknown = await run(schema, demo_graph, settings, TRANSCRIPT, l="learner-nobody")
    assert unknown["issueTranscript"]["__typename"] == "NotFoundError"
    empty = await run(schema, demo_graph, settings, TRANSCRIPT, l="learner-dana")
    assert empty["issueTranscript"]["__typename"] == "InvalidInput"
    records, _, _ = await demo_graph.driver.execute_query(ISSUED)
    assert records == []


async def test_bulk_issue_records_all_or_names_each_wrong_entry(
    demo_graph: Graph, tmp_path: Path
) -> None:
    settings = make_settings(issuer_keys_dir=tmp_path / "keys")
    schema = build_schema(settings)
    wrong = [
        {"learnerId": "learner-amira", "itemId": "mc-python-intro"},
        {"learnerId": "learner-amira", "itemId": "mc-data-2"},
        {"learnerId": "learner-ben", "itemId": "nlc-dat101"},
        {"learnerId": "learner-nobody", "itemId": "nlc-dat101"},
    ]
    refused = (await run(schema, demo_graph, settings, BULK, h=wrong))["issueCredentials"]
    assert refused["__typename"] == "InvalidInput", refused
    assert "none was" in refused["message"]
    assert [f["field"] for f in refused["fields"]] == ["holdings.1", "holdings.3"]
    assert "learner-amira EARNED mc-data-2" in refused["fields"][0]["message"]
    records, _, _ = await demo_graph.driver.execute_query(ISSUED)
    assert records == []  # nothing half-written

    right = [wrong[0], wrong[2], {"learnerId": "learner-chen", "itemId": "mc-data-1"}]
    issued = (await run(schema, demo_graph, settings, BULK, h=right))["issueCredentials"]
    assert issued["__typename"] == "IssuedCredentials", issued
    documents = [c["document"] for c in issued["credentials"]]
    assert [d["credentialSubject"]["achievement"]["id"] for d in documents] == [
        "urn:credgraph:mc-python-intro",
        "urn:credgraph:nlc-dat101",
        "urn:credgraph:mc-data-1",
    ]
    indexes = [d["credentialStatus"]["statusListIndex"] for d in documents]
    assert len(set(indexes)) == 3 or len({d["issuer"]["id"] for d in documents}) < 3
    records, _, _ = await demo_graph.driver.execute_query(ISSUED)
    assert sorted(r["item"] for r in records) == ["mc-data-1", "mc-python-intro", "nlc-dat101"]


async def test_a_transcript_says_which_held_items_are_parts_of_others(
    demo_graph: Graph, tmp_path: Path
) -> None:
    await demo_graph.driver.execute_query(
        "MATCH (l:Learner {id: 'learner-ben'}), (p:Program {id: 'prog-nlc-dat'}) "
        "MERGE (l)-[:EARNED {date: date('2023-06-01')}]->(p)"
    )
    settings = make_settings(issuer_keys_dir=tmp_path / "keys")
    schema = build_schema(settings)
    clr = (await run(schema, demo_graph, settings, TRANSCRIPT, l="learner-ben"))["issueTranscript"][
        "document"
    ]
    subject = clr["credentialSubject"]
    programs = [
        c["credentialSubject"]["achievement"]
        for c in subject["verifiableCredential"]
        if c["credentialSubject"]["achievement"]["id"] == "urn:credgraph:prog-nlc-dat"
    ]
    assert [p["achievementType"] for p in programs] == ["Certificate"]
    parts = {(a["sourceId"], a["associationType"], a["targetId"]) for a in subject["association"]}
    assert {
        ("urn:credgraph:nlc-dat101", "isPartOf", "urn:credgraph:prog-nlc-dat"),
        ("urn:credgraph:nlc-dat102", "isPartOf", "urn:credgraph:prog-nlc-dat"),
    } <= parts
    assert all(a["type"] == "Association" for a in subject["association"])
    institution = subject["verifiableCredential"][0]["issuer"]["id"].rsplit(":", 1)[1]
    resolver = await served(demo_graph, settings, tmp_path, ["credgraph", institution])
    trusted = [clr["issuer"]["id"], subject["verifiableCredential"][0]["issuer"]["id"]]
    report = verify_credential(clr, resolver, trusted, dt.date.today())
    assert report.state is VerificationState.VERIFIED, report.checks
