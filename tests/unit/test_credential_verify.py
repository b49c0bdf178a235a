"""verify_credential on 1EdTech's signed samples (tests/fixtures/obv3) and on documents signed here:
each check's outcome and reason, and the state they add up to. No network: the resolver answers
from files only."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from importers.credentials.report import CheckName, Outcome, VerificationState
from importers.credentials.resolver import Resolver
from importers.credentials.verify import verify_credential
from tests.unit.credential_factories import badge, did_key_issuer

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "obv3"
TODAY = dt.date(2026, 6, 1)
# Every signed sample and its suite; simple-noproof.json is the one without a proof.
SIGNED = {
    "ob30/simple.json": "eddsa-rdfc-2022",
    "ob30/complete.json": "eddsa-rdfc-2022",
    "ob30/endorsement-valid.json": "eddsa-rdfc-2022",
    "ob30/credential-status-revoked.json": "Ed25519Signature2020",
    "clr20/simple.json": "eddsa-rdfc-2022",
    "clr20/complex.json": "Ed25519Signature2020",
}


def sample(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SAMPLES / name).read_text())
    return loaded


def offline(tmp_path: Path, documents: dict[str, Any]) -> Resolver:
    """A resolver answering exactly these URLs from files."""
    files = {}
    for n, (url, document) in enumerate(documents.items()):
        path = tmp_path / f"doc-{n}.json"
        path.write_text(json.dumps(document))
        files[url] = path
    return Resolver(files)


def one_character_changed(text: str) -> str:
    return text[:-1] + ("x" if text[-1] != "x" else "y")


@pytest.mark.parametrize("name", sorted(SIGNED))
def test_every_signed_sample_verifies_with_the_key_in_its_method_id(name: str) -> None:
    report = verify_credential(sample(name), Resolver(), None, TODAY)
    assert report.check(CheckName.PROOF).outcome is Outcome.PASS, report.check(CheckName.PROOF)
    assert report.suite == SIGNED[name]
    assert report.state is not VerificationState.INVALID or name == "clr20/complex.json"


@pytest.mark.parametrize("name", sorted(SIGNED))
@pytest.mark.parametrize("where", ["name", "issuer", "proofValue", "context"])
def test_every_sample_altered_by_one_character_fails_with_the_reason(name: str, where: str) -> None:
    document = sample(name)
    proof = document["proof"][0] if isinstance(document["proof"], list) else document["proof"]
    if where == "name":
        document["name"] = one_character_changed(document["name"])
        expected = "the signature does not match the document"
    elif where == "issuer":
        document["issuer"]["name"] = one_character_changed(document["issuer"]["name"])
        expected = "the signature does not match the document"
    elif where == "proofValue":
        proof["proofValue"] = one_character_changed(proof["proofValue"])
        expected = "signature"
    else:
        document["@context"][1] = one_character_changed(document["@context"][1])
        expected = "is not bundled"
    report = verify_credential(document, Resolver(), None, TODAY)
    assert report.state is VerificationState.INVALID
    proof_check = report.check(CheckName.PROOF)
    assert proof_check.outcome is Outcome.FAIL
    assert expected in proof_check.reason
    assert report.reason.startswith("proof: ")


def test_the_revoked_sample_is_revoked_when_its_list_is_supplied(tmp_path: Path) -> None:
    credential = sample("ob30/credential-status-revoked.json")
    list_url = credential["credentialStatus"]["id"]
    revocations = {"revokedCredentials": [{"id": credential["id"], "revoked": True}]}
    report = verify_credential(credential, offline(tmp_path, {list_url: revocations}), None, TODAY)
    assert report.state is VerificationState.REVOKED
    assert report.check(CheckName.STATUS).reason == f"revoked in {list_url}"


def test_the_revoked_sample_is_not_revoked_by_a_list_without_it(tmp_path: Path) -> None:
    credential = sample("ob30/credential-status-revoked.json")
    list_url = credential["credentialStatus"]["id"]
    other = {"revokedCredential": [{"id": "urn:uuid:someone-else"}]}
    report = verify_credential(credential, offline(tmp_path, {list_url: other}), None, TODAY)
    assert report.check(CheckName.STATUS).outcome is Outcome.PASS


def test_a_status_list_that_cannot_be_had_is_unknown_not_pass() -> None:
    report = verify_credential(sample("ob30/complete.json"), Resolver(), None, TODAY)
    status = report.check(CheckName.STATUS)
    assert status.outcome is Outcome.UNKNOWN
    assert "host is not an allowed one" in status.reason
    assert report.state is VerificationState.UNVERIFIED


def test_a_key_only_in_the_method_id_does_not_bind_the_issuer() -> None:
    report = verify_credential(sample("ob30/simple.json"), Resolver(), None, TODAY)
    binding = report.check(CheckName.ISSUER)
    assert binding.outcome is Outcome.UNKNOWN
    assert "not shown that the issuer controls it" in binding.reason
    assert report.state is VerificationState.UNVERIFIED


def test_the_issuers_document_binds_its_key_and_the_sample_is_verified(tmp_path: Path) -> None:
    credential = sample("ob30/simple.json")
    issuer, method = credential["issuer"]["id"], credential["proof"][0]["verificationMethod"]
    document = {
        "id": issuer,
        "assertionMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": issuer,
                "publicKeyMultibase": method.split("#")[1],
            }
        ],
    }
    report = verify_credential(credential, offline(tmp_path, {issuer: document}), [issuer], TODAY)
    assert report.check(CheckName.ISSUER).outcome is Outcome.PASS
    assert report.state is VerificationState.VERIFIED, report.checks
    assert report.reason == "every check passed"


def test_an_issuer_document_that_does_not_list_the_key_disowns_it(tmp_path: Path) -> None:
    credential = sample("ob30/simple.json")
    issuer = credential["issuer"]["id"]
    resolver = offline(tmp_path, {issuer: {"id": issuer, "assertionMethod": []}})
    report = verify_credential(credential, resolver, None, TODAY)
    assert report.state is VerificationState.INVALID
    assert "is not an assertion method of" in report.check(CheckName.PROOF).reason


def test_a_did_key_not_controlled_by_the_named_issuer_is_invalid() -> None:
    # clr20/complex.json names issuer urn:uuid:4ca4... but is signed by a did:key
    report = verify_credential(sample("clr20/complex.json"), Resolver(), None, TODAY)
    assert report.check(CheckName.PROOF).outcome is Outcome.PASS
    binding = report.check(CheckName.ISSUER)
    assert binding.outcome is Outcome.FAIL
    assert "not by the issuer urn:uuid:4ca4a241" in binding.reason
    assert report.state is VerificationState.INVALID


def test_an_unsigned_credential_is_unverified() -> None:
    report = verify_credential(sample("clr20/simple-noproof.json"), Resolver(), None, TODAY)
    assert report.check(CheckName.PROOF).reason == "the credential has no proof"
    assert report.state is VerificationState.UNVERIFIED


def test_expired_and_not_yet_valid() -> None:
    credential = sample("ob30/endorsement-valid.json")  # valid 2010-01-01 .. 2030-01-01
    later = verify_credential(credential, Resolver(), None, dt.date(2030, 1, 2))
    assert later.state is VerificationState.EXPIRED
    assert later.check(CheckName.VALIDITY).reason == "expired: validUntil 2030-01-01T00:00:00Z"
    earlier = verify_credential(credential, Resolver(), None, dt.date(2009, 12, 31))
    assert earlier.state is VerificationState.INVALID
    assert earlier.check(CheckName.VALIDITY).reason.startswith("not yet valid: validFrom")


def test_an_issuer_off_the_trusted_list_is_unverified() -> None:
    report = verify_credential(sample("ob30/simple.json"), Resolver(), ["did:web:ours"], TODAY)
    trust = report.check(CheckName.TRUST)
    assert trust.outcome is Outcome.FAIL
    assert trust.reason == "https://example.com/issuers/876543 is not a trusted issuer"
    assert report.state is VerificationState.UNVERIFIED


def test_a_credential_signed_here_by_a_did_key_is_verified_and_a_copy_altered_is_not() -> None:
    issuer = did_key_issuer()
    signed = issuer.sign(badge(issuer.did))
    report = verify_credential(signed, Resolver(), [issuer.did], TODAY)
    assert report.state is VerificationState.VERIFIED, report.checks
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["achievement"]["name"] = "Teamwork!"
    assert verify_credential(tampered, Resolver(), None, TODAY).state is VerificationState.INVALID


@pytest.mark.parametrize(
    "change",
    [
        {"cryptosuite": "ecdsa-rdfc-2019"},
        {"type": "RsaSignature2018"},
        {"proofPurpose": "authentication"},
        {"verificationMethod": "did:example:123#key"},
    ],
)
def test_an_unknown_suite_purpose_or_method_is_not_trusted(change: dict[str, str]) -> None:
    issuer = did_key_issuer()
    signed = issuer.sign(badge(issuer.did))
    signed["proof"].update(change)
    report = verify_credential(signed, Resolver(), None, TODAY)
    assert report.check(CheckName.PROOF).outcome is not Outcome.PASS
    assert report.state in (VerificationState.INVALID, VerificationState.UNVERIFIED)


@pytest.mark.parametrize("document", [None, 3, "not a jwt", [], {"proof": [{}]}, {"proof": 7}])
def test_malformed_input_is_a_failed_check_never_a_crash(document: Any) -> None:
    report = verify_credential(document, Resolver(), None, TODAY)
    assert report.state in (VerificationState.INVALID, VerificationState.UNVERIFIED)
