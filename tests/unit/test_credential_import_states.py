"""Learner-record imports verify each credential and record the state on the holding (EARNED):
state, day, reason and issuer; INVALID ones are refused when asked; a CLR vouches for its nested
credentials, and a CLR that fails makes them fail too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from graph import models as m
from graph.relations import RelType
from importers import elm, openbadges
from importers.base import ImportBatch, SourceError
from importers.credentials.resolver import Resolver
from importers.credentials.verify import verify_credential
from importers.openbadges import Verifier

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = dt.date(2026, 6, 1)


def verifier(resolver: Resolver | None = None, trusted: list[str] | None = None) -> Verifier:
    def verify(document: Any) -> Any:
        return verify_credential(document, resolver or Resolver(), trusted, TODAY)

    return verify


def holdings(batch: ImportBatch) -> list[m.Earned]:
    found = [link.props for link in batch.links[RelType.EARNED]]
    assert all(isinstance(p, m.Earned) for p in found)
    return found  # type: ignore[return-value]


def copy_of(tmp_path: Path, name: str, change: Any = None) -> Path:
    data = json.loads((FIXTURES / "obv3" / name).read_text())
    if change is not None:
        change(data)
    path = tmp_path / Path(name).name
    path.write_text(json.dumps(data))
    return path


def test_without_a_verifier_nothing_is_recorded() -> None:
    (earned,) = holdings(openbadges.parse([FIXTURES / "obv3" / "ob30" / "simple.json"]))
    assert earned.verification is None and earned.verified_on is None


def test_a_genuine_badge_whose_issuer_is_unresolved_is_unverified_with_the_reason() -> None:
    batch = openbadges.parse([FIXTURES / "obv3" / "ob30" / "simple.json"], verifier())
    (earned,) = holdings(batch)
    assert earned.verification is m.VerificationState.UNVERIFIED
    assert earned.verified_on == TODAY
    assert earned.verified_issuer == "https://example.com/issuers/876543"
    assert earned.verification_reason is not None
    assert earned.verification_reason.startswith("issuer: the key was read from the method id")
    assert any("UNVERIFIED" in w for w in batch.warnings)


def _issuer_document(path: Path) -> dict[str, Any]:
    credential = json.loads(path.read_text())
    issuer, method = credential["issuer"]["id"], credential["proof"][0]["verificationMethod"]
    key = {"id": method, "type": "Multikey", "controller": issuer}
    return {"id": issuer, "assertionMethod": [key | {"publicKeyMultibase": method.split("#")[1]}]}


def test_with_the_issuers_document_the_holding_is_verified(tmp_path: Path) -> None:
    path = FIXTURES / "obv3" / "ob30" / "simple.json"
    document = _issuer_document(path)
    (tmp_path / "issuer.json").write_text(json.dumps(document))
    resolver = Resolver({document["id"]: tmp_path / "issuer.json"})
    (earned,) = holdings(openbadges.parse([path], verifier(resolver)))
    assert earned.verification is m.VerificationState.VERIFIED
    assert earned.verification_reason == "every check passed"


def _tamper(data: dict[str, Any]) -> None:
    data["credentialSubject"]["achievement"]["name"] += "!"


def test_a_tampered_badge_is_invalid_or_refused(tmp_path: Path) -> None:
    path = copy_of(tmp_path, "ob30/simple.json", _tamper)
    (earned,) = holdings(openbadges.parse([path], verifier()))
    assert earned.verification is m.VerificationState.INVALID
    assert earned.verification_reason == "proof: the signature does not match the document"
    with pytest.raises(SourceError, match="INVALID credential: proof: the signature does not"):
        openbadges.parse([path], verifier(), refuse_invalid=True)


def test_the_revoked_sample_is_recorded_revoked(tmp_path: Path) -> None:
    path = FIXTURES / "obv3" / "ob30" / "credential-status-revoked.json"
    credential = json.loads(path.read_text())
    listed = tmp_path / "revocations.json"
    listed.write_text(json.dumps({"revokedCredentials": [{"id": credential["id"]}]}))
    resolver = Resolver({credential["credentialStatus"]["id"]: listed})
    (earned,) = holdings(openbadges.parse([path], verifier(resolver)))
    assert earned.verification is m.VerificationState.REVOKED


def test_a_clr_whose_issuer_binding_fails_makes_every_nested_holding_invalid() -> None:
    batch = openbadges.parse([FIXTURES / "obv3" / "clr20" / "complex.json"], verifier())
    states = {e.verification for e in holdings(batch)}
    assert states == {m.VerificationState.INVALID}


def test_a_tampered_nested_credential_is_invalid_even_in_a_clr(tmp_path: Path) -> None:
    def tamper_nested(data: dict[str, Any]) -> None:
        data["credentialSubject"]["verifiableCredential"][0]["name"] += "!"

    path = copy_of(tmp_path, "clr20/complex.json", tamper_nested)
    earned = holdings(openbadges.parse([path], verifier()))
    assert all(e.verification is m.VerificationState.INVALID for e in earned)


def test_an_unsigned_elm_credential_is_unverified() -> None:
    path = FIXTURES / "elm" / "Sample-MC-Annex1-unsigned.jsonld"
    earned = holdings(elm.parse([path], verifier()))
    assert earned and all(e.verification is m.VerificationState.UNVERIFIED for e in earned)
    assert earned[0].verification_reason == "proof: the credential has no proof"
