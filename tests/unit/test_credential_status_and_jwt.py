"""Bitstring Status List entries and VC-JWT (EdDSA, ES256), on documents signed here; the resolver
answers did:web from files and refuses every host the operator did not allow."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from importers.credentials.multikey import encode_multikey
from importers.credentials.report import CheckName, Outcome, VerificationState
from importers.credentials.resolver import ResolutionError, Resolver, did_web_url
from importers.credentials.verify import verify_credential
from tests.unit.credential_factories import DidKeyIssuer, badge, did_key_issuer

TODAY = dt.date(2026, 6, 1)
LIST_URL = "https://issuer.example/status/1"


def status_list(issuer: DidKeyIssuer, revoked: set[int], purpose: str = "revocation") -> Any:
    bits = bytearray(16 * 1024)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
    unsigned = badge(issuer.did) | {
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {
            "id": LIST_URL + "#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded,
        },
    }
    unsigned["@context"] = unsigned["@context"][:1]
    return issuer.sign(unsigned)


def with_status(issuer: DidKeyIssuer, index: int) -> dict[str, Any]:
    entry = {
        "id": f"{LIST_URL}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": LIST_URL,
    }
    return issuer.sign(badge(issuer.did, credentialStatus=entry))


def files(tmp_path: Path, documents: dict[str, Any]) -> Resolver:
    paths = {}
    for n, (url, document) in enumerate(documents.items()):
        paths[url] = tmp_path / f"{n}.json"
        paths[url].write_text(json.dumps(document))
    return Resolver(paths)


def test_a_set_bit_revokes_and_a_clear_bit_does_not(tmp_path: Path) -> None:
    issuer = did_key_issuer()
    resolver = files(tmp_path, {LIST_URL: status_list(issuer, {94567})})
    revoked = verify_credential(with_status(issuer, 94567), resolver, None, TODAY)
    assert revoked.state is VerificationState.REVOKED
    assert revoked.check(CheckName.STATUS).reason == f"revoked: bit 94567 of {LIST_URL} is set"
    fine = verify_credential(with_status(issuer, 94566), resolver, None, TODAY)
    assert fine.state is VerificationState.VERIFIED, fine.checks


def test_a_status_list_signed_by_someone_else_is_not_believed(tmp_path: Path) -> None:
    issuer, stranger = did_key_issuer(), did_key_issuer()
    resolver = files(tmp_path, {LIST_URL: status_list(stranger, set())})
    report = verify_credential(with_status(issuer, 3), resolver, None, TODAY)
    status = report.check(CheckName.STATUS)
    assert status.outcome is Outcome.UNKNOWN
    assert f"issued by {stranger.did}, not by {issuer.did}" in status.reason


def test_a_tampered_status_list_is_not_believed(tmp_path: Path) -> None:
    issuer = did_key_issuer()
    listed = status_list(issuer, {5})
    listed["credentialSubject"]["encodedList"] = status_list(issuer, set())["credentialSubject"][
        "encodedList"
    ]
    report = verify_credential(
        with_status(issuer, 5), files(tmp_path, {LIST_URL: listed}), None, TODAY
    )
    assert report.check(CheckName.STATUS).outcome is Outcome.UNKNOWN
    assert "signature does not match" in report.check(CheckName.STATUS).reason


def test_a_suspension_list_answers_suspended(tmp_path: Path) -> None:
    issuer = did_key_issuer()
    resolver = files(tmp_path, {LIST_URL: status_list(issuer, {7}, "suspension")})
    credential = with_status(issuer, 7)
    credential["credentialStatus"]["statusPurpose"] = "suspension"
    credential = issuer.sign(credential)
    report = verify_credential(credential, resolver, None, TODAY)
    assert report.state is VerificationState.REVOKED
    assert report.check(CheckName.STATUS).reason.startswith("suspended: bit 7")


def _jwt_for(key: Any, alg: str, did: str, payload: dict[str, Any]) -> str:
    kid = f"{did}#{did.removeprefix('did:key:')}"
    return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid, "typ": "vc+jwt"})


@pytest.mark.parametrize("alg", ["EdDSA", "ES256"])
def test_a_vc_jwt_verifies_and_a_tampered_one_fails(alg: str) -> None:
    key: Any = (
        Ed25519PrivateKey.generate() if alg == "EdDSA" else ec.generate_private_key(ec.SECP256R1())
    )
    did = "did:key:" + encode_multikey(key.public_key())
    token = _jwt_for(key, alg, did, badge(did))
    report = verify_credential(token, Resolver(), [did], TODAY)
    assert report.state is VerificationState.VERIFIED, report.checks
    assert report.suite == f"VC-JWT {alg}"
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["name"] = "Teamwork!"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    tampered = verify_credential(f"{header}.{forged}.{signature}", Resolver(), None, TODAY)
    assert tampered.state is VerificationState.INVALID
    assert tampered.check(CheckName.PROOF).reason == "the JWT signature does not match"


def test_a_vc_jwt_1_1_reads_its_registered_claims() -> None:
    key = Ed25519PrivateKey.generate()
    did = "did:key:" + encode_multikey(key.public_key())
    credential = badge(did)
    del credential["validFrom"]
    payload = {"iss": did, "nbf": 1_600_000_000, "exp": 1_700_000_000, "vc": credential}
    report = verify_credential(_jwt_for(key, "EdDSA", did, payload), Resolver(), None, TODAY)
    assert report.state is VerificationState.EXPIRED
    assert report.check(CheckName.VALIDITY).reason == "expired: expirationDate 2023-11-14T22:13:20Z"


def test_a_symmetric_jwt_is_refused() -> None:
    did = did_key_issuer().did
    token = jwt.encode(badge(did), "secret" * 6, algorithm="HS256", headers={"kid": did})
    report = verify_credential(token, Resolver(), None, TODAY)
    assert (
        report.check(CheckName.PROOF).reason
        == "JWT algorithm 'HS256' is not supported (EdDSA, ES256)"
    )


def test_did_web_documents_come_from_files_and_other_hosts_are_refused(tmp_path: Path) -> None:
    assert did_web_url("did:web:example.com") == "https://example.com/.well-known/did.json"
    assert did_web_url("did:web:localhost%3A8000:i:lsu") == "https://localhost:8000/i/lsu/did.json"
    key = Ed25519PrivateKey.generate()
    did, multikey = "did:web:issuer.example", encode_multikey(key.public_key())
    method = {
        "id": f"{did}#key-1",
        "type": "Multikey",
        "controller": did,
        "publicKeyMultibase": multikey,
    }
    document = {"id": did, "verificationMethod": [method], "assertionMethod": ["#key-1"]}
    resolver = files(tmp_path, {did_web_url(did): document})
    assert resolver.verification_method(f"{did}#key-1").controller == did
    with pytest.raises(ResolutionError, match="host is not an allowed one"):
        Resolver().get_json("https://elsewhere.example/list")


def test_a_redirect_is_followed_only_to_an_allowed_https_host() -> None:
    from email.message import Message
    from urllib.request import Request

    from importers.credentials.resolver import _AllowedRedirects

    handler = _AllowedRedirects(frozenset({"issuer.example"}))
    asked = Request("https://issuer.example/status/1")
    for elsewhere in ("https://intranet.example/x", "http://issuer.example/x"):
        with pytest.raises(ResolutionError, match="not an allowed host"):
            handler.redirect_request(asked, None, 302, "Found", Message(), elsewhere)
    moved = handler.redirect_request(
        asked, None, 302, "Found", Message(), "https://issuer.example/status/2"
    )
    assert moved is not None and moved.full_url == "https://issuer.example/status/2"
