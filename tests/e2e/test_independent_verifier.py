"""An independent verifier accepts what credgraph issues: Digital Bazaar's @digitalbazaar/vc with
the eddsa-rdfc-2022 cryptosuite (tests/e2e/node, pinned by its lock file) verifies an issued
OpenBadgeCredential and its status list, with the DID document and the OB context served locally,
and what the GraphQL API issues over HTTP (one credential, a bulk issue, a CLR 2.0 transcript and
each credential nested in it) with the DID documents and status lists the API serves; a tampered
copy and a revoked one fail there too."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from importers.credentials.contexts import CLR_V2, CONTEXT_FILES, OB_V3, document_loader
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    status_entry,
    status_list_credential,
)
from importers.credentials.keys import IssuerKeys
from importers.credentials.resolver import did_web_url
from tests.conftest import make_settings
from tests.e2e.server import serve

NODE = Path(__file__).parent / "node"
NOW = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
LIST_URL = "https://localhost:8000/issuers/inst-ontrain/status/1"
ACHIEVEMENT = {
    "id": "urn:credgraph:mc-python-intro",
    "type": ["Achievement"],
    "achievementType": "MicroCredential",
    "name": "Python Foundations",
    "description": "Python for data work.",
    "criteria": {"narrative": "Earn Python Foundations."},
    "alignment": [
        {
            "type": ["Alignment"],
            "targetName": "Python",
            "targetUrl": "urn:credgraph:c-python",
            "targetType": "ceasn:Competency",
        }
    ],
}


def issued(tmp_path: Path, revoked: set[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A credential issued by credgraph's issuer, and the documents a verifier needs."""
    keys = IssuerKeys(tmp_path / "keys", "localhost:8000")
    did = keys.did("inst-ontrain")
    issuer = IssuerProfile(did, "OnTrain")
    credential = issue_credential(
        achievement=ACHIEVEMENT,
        subject_id=keys.subject_id("learner-amira"),
        earned=dt.date(2024, 5, 10),
        issuer=issuer,
        signing_key=keys.signing_key("inst-ontrain"),
        status=status_entry(LIST_URL, 40_123),
        now=NOW,
    )
    status_list = status_list_credential(
        list_url=LIST_URL,
        revoked=revoked,
        issuer=issuer,
        signing_key=keys.signing_key("inst-ontrain"),
        now=NOW,
    )
    documents = {
        did: keys.did_document("inst-ontrain"),
        LIST_URL: status_list,
        # contexts Digital Bazaar's packages do not ship: OB 3.0 and DID v1, from our bundle
        OB_V3: document_loader(OB_V3)["document"],
        "https://www.w3.org/ns/did/v1": document_loader("https://www.w3.org/ns/did/v1")["document"],
    }
    assert OB_V3 in CONTEXT_FILES
    return credential, documents


def independent(tmp_path: Path, credential: Any, documents: dict[str, Any]) -> dict[str, Any]:
    assert (NODE / "node_modules" / "@digitalbazaar" / "vc").is_dir(), (
        "run `make test` (it installs tests/e2e/node)"
    )
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"credential": credential, "documents": documents}))
    done = subprocess.run(
        ["node", str(NODE / "verify_vc.mjs"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def test_digital_bazaar_verifies_what_credgraph_issues(tmp_path: Path) -> None:
    credential, documents = issued(tmp_path, set())
    assert independent(tmp_path, credential, documents) == {"verified": True, "error": None}


@pytest.mark.parametrize("field", ["name", "validFrom", "achievement"])
def test_digital_bazaar_refuses_a_tampered_copy(tmp_path: Path, field: str) -> None:
    credential, documents = issued(tmp_path, set())
    tampered = copy.deepcopy(credential)
    if field == "achievement":
        tampered["credentialSubject"]["achievement"]["name"] = "Python Mastery"
    elif field == "validFrom":
        tampered["validFrom"] = "2023-05-10T00:00:00Z"
    else:
        tampered["name"] = "Python Mastery"
    answer = independent(tmp_path, tampered, documents)
    assert answer["verified"] is False and answer["error"]


def test_digital_bazaar_sees_a_revoked_credential(tmp_path: Path) -> None:
    credential, documents = issued(tmp_path, {40_123})
    answer = independent(tmp_path, credential, documents)
    assert answer == {"verified": False, "error": "revoked: bit 40123 is set"}


REGISTRAR_QUERIES = {
    "credential": 'mutation { issueCredential(learnerId: "learner-amira", '
    'itemId: "mc-python-intro") { __typename ... on IssuedCredential { id document } } }',
    "transcript": 'mutation { issueTranscript(learnerId: "learner-chen") '
    "{ __typename ... on IssuedCredential { id document } } }",
    "bulk": "mutation { issueCredentials(holdings: ["
    '{learnerId: "learner-ben", itemId: "nlc-dat101"}, '
    '{learnerId: "learner-chen", itemId: "mc-data-2"}]) '
    "{ __typename ... on IssuedCredentials { credentials { id document } } } }",
}


SUITE_HELD = """
MATCH (l:Learner {id: 'learner-chen'}), (:MicroCredential {id: 'mc-data-1'})-[:IN_SUITE]->(s:Suite)
MERGE (l)-[:EARNED {date: date('2025-07-01')}]->(s)
"""


@pytest.fixture
async def chen_holds_a_suite(demo_graph: Graph) -> Graph:
    """Chen also holds the suite her two modules belong to: her transcript has associations."""
    await demo_graph.driver.execute_query(SUITE_HELD)
    return demo_graph


@pytest.fixture
def api(demo_graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path) -> Iterator[Any]:
    """The API over HTTP with its own issuer keys, and a registrar's headers."""
    settings = make_settings(issuer_keys_dir=tmp_path / "api-keys")
    headers = {"authorization": f"Bearer {mint(settings, 'registrar', [Role.REGISTRAR])}"}
    with serve(settings, neo4j_target) as url:
        yield url, headers


def over_http(base_url: str, headers: dict[str, str], name: str) -> Any:
    response = httpx.post(
        f"{base_url}/graphql", json={"query": REGISTRAR_QUERIES[name]}, headers=headers
    )
    data = response.json()["data"]
    answer = next(iter(data.values()))
    assert answer["__typename"].startswith("IssuedCredential"), answer
    return answer


def served_documents(base_url: str, credentials: list[dict[str, Any]]) -> dict[str, Any]:
    """What the API serves for these credentials' issuers (DID documents, status lists), and the
    contexts Digital Bazaar does not ship."""
    documents: dict[str, Any] = {
        OB_V3: document_loader(OB_V3)["document"],
        CLR_V2: document_loader(CLR_V2)["document"],
        "https://www.w3.org/ns/did/v1": document_loader("https://www.w3.org/ns/did/v1")["document"],
    }
    for credential in credentials:
        did = credential["issuer"]["id"]
        status = credential["credentialStatus"]["statusListCredential"]
        for url, path in ((did, did_web_url(did)), (status, status)):
            local = path.replace("https://localhost:8000", base_url)
            response = httpx.get(local)
            assert response.status_code == 200, response.text
            documents[url] = response.json()
    return documents


def test_digital_bazaar_verifies_what_the_api_issues(
    api: tuple[str, dict[str, str]], chen_holds_a_suite: Graph, tmp_path: Path
) -> None:
    base_url, headers = api
    single = over_http(base_url, headers, "credential")["document"]
    bulk = [c["document"] for c in over_http(base_url, headers, "bulk")["credentials"]]
    transcript = over_http(base_url, headers, "transcript")["document"]
    nested = transcript["credentialSubject"]["verifiableCredential"]
    assert transcript["type"] == ["VerifiableCredential", "ClrCredential"] and len(nested) >= 3
    assert transcript["credentialSubject"]["association"]  # Chen's two modules are in the suite
    everything = [single, *bulk, transcript, *nested]
    documents = served_documents(base_url, everything)
    for credential in everything:
        assert independent(tmp_path, credential, documents) == {"verified": True, "error": None}

    tampered = copy.deepcopy(transcript)
    tampered["credentialSubject"]["verifiableCredential"][0]["name"] = "Something Else"
    answer = independent(tmp_path, tampered, documents)
    assert answer["verified"] is False and answer["error"]
    tampered = copy.deepcopy(single)
    tampered["credentialSubject"]["achievement"]["name"] = "Python Mastery"
    answer = independent(tmp_path, tampered, documents)
    assert answer["verified"] is False and answer["error"]

    revoked = httpx.post(
        f"{base_url}/graphql",
        json={
            "query": f'mutation {{ revokeCredential(id: "{transcript["id"]}") {{ __typename }} }}'
        },
        headers=headers,
    )
    assert revoked.json()["data"]["revokeCredential"]["__typename"] == "RevokedCredential"
    documents = served_documents(base_url, [transcript])
    answer = independent(tmp_path, transcript, documents)
    assert answer["verified"] is False and answer["error"].startswith("revoked: bit")
