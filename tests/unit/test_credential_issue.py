"""Issuing: keys in the credgraph home (0600, generated on demand, rotated without losing old
methods), and the round trip — what credgraph issues, its verifier accepts; a tampered copy and a
revoked one it does not. The did:web document and the status list come from files."""

from __future__ import annotations

import copy
import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from graph.errors import Invalid
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    status_entry,
    status_list_credential,
)
from importers.credentials.keys import IssuerKeys
from importers.credentials.report import CheckName, Outcome, VerificationState
from importers.credentials.resolver import Resolver, did_web_url
from importers.credentials.verify import verify_credential

NOW = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 1)
LIST_URL = "https://localhost:8000/issuers/inst-lsu/status/1"
# An Achievement as importers/exports.py writes it (its own @context included).
ACHIEVEMENT = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:credgraph:mc-data-2",
    "type": ["Achievement"],
    "achievementType": "MicroCredential",
    "name": "Data Wrangling",
    "description": "Cleaning and shaping data.",
    "criteria": {"narrative": "Earn Data Wrangling."},
    "creditsAvailable": 1.0,
    "creator": {"id": "urn:credgraph:inst-lsu", "type": ["Profile"], "name": "Lakeshore"},
    "alignment": [
        {
            "type": ["Alignment"],
            "targetName": "Data cleaning",
            "targetUrl": "urn:credgraph:c-clean",
            "targetType": "ceasn:Competency",
        }
    ],
}


def keys(tmp_path: Path) -> IssuerKeys:
    return IssuerKeys(tmp_path / "issuer-keys", "localhost:8000")


def issue(store: IssuerKeys, index: int = 17) -> dict[str, Any]:
    did = store.did("inst-lsu")
    return issue_credential(
        achievement=ACHIEVEMENT,
        subject_id=store.subject_id("learner-ben"),
        earned=dt.date(2026, 4, 30),
        issuer=IssuerProfile(did, "Lakeshore University"),
        signing_key=store.signing_key("inst-lsu"),
        status=status_entry(LIST_URL, index),
        now=NOW,
    )


def published(tmp_path: Path, store: IssuerKeys, revoked: set[int]) -> Resolver:
    """A resolver answering the institution's DID document and status list from files."""
    did = store.did("inst-lsu")
    status_list = status_list_credential(
        list_url=LIST_URL,
        revoked=revoked,
        issuer=IssuerProfile(did, "Lakeshore University"),
        signing_key=store.signing_key("inst-lsu"),
        now=NOW,
    )
    files = {did_web_url(did): store.did_document("inst-lsu"), LIST_URL: status_list}
    paths = {}
    for n, (url, document) in enumerate(files.items()):
        paths[url] = tmp_path / f"published-{n}.json"
        paths[url].write_text(json.dumps(document))
    return Resolver(paths)


def test_a_key_is_made_on_demand_with_mode_0600_and_never_shown(tmp_path: Path) -> None:
    store = keys(tmp_path)
    signing = store.signing_key("inst-lsu")
    (pem,) = (tmp_path / "issuer-keys" / "inst-lsu").iterdir()
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert stat.S_IMODE(pem.parent.stat().st_mode) == 0o700
    assert "PRIVATE" not in repr(signing)
    assert signing.verification_method.startswith("did:web:localhost%3A8000:issuers:inst-lsu#z6Mk")
    assert store.signing_key("inst-lsu").verification_method == signing.verification_method


def test_an_institution_id_that_is_no_safe_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="cannot name an issuer key"):
        keys(tmp_path).signing_key("../etc")


def test_what_credgraph_issues_its_verifier_accepts(tmp_path: Path) -> None:
    store = keys(tmp_path)
    credential = issue(store)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["validFrom"] == "2026-04-30T00:00:00Z"
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["credentialSubject"]["achievement"]["alignment"][0]["targetName"]
    assert "learner-ben" not in json.dumps(credential)
    did = store.did("inst-lsu")
    report = verify_credential(credential, published(tmp_path, store, set()), [did], TODAY)
    assert report.state is VerificationState.VERIFIED, report.checks
    assert report.check(CheckName.ISSUER).outcome is Outcome.PASS


@pytest.mark.parametrize(
    "path", [("name",), ("credentialSubject", "achievement", "name"), ("validFrom",)]
)
def test_a_tampered_copy_is_invalid(tmp_path: Path, path: tuple[str, ...]) -> None:
    store = keys(tmp_path)
    credential = copy.deepcopy(issue(store))
    holder = credential
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = holder[path[-1]].replace("a", "b", 1).replace("0", "1", 1)
    report = verify_credential(credential, published(tmp_path, store, set()), None, TODAY)
    assert report.state is VerificationState.INVALID
    assert report.check(CheckName.PROOF).reason == "the signature does not match the document"


def test_a_revoked_credential_is_revoked(tmp_path: Path) -> None:
    store = keys(tmp_path)
    report = verify_credential(issue(store, 17), published(tmp_path, store, {17}), None, TODAY)
    assert report.state is VerificationState.REVOKED
    assert report.check(CheckName.STATUS).reason == f"revoked: bit 17 of {LIST_URL} is set"


def test_after_rotation_old_and_new_credentials_verify(tmp_path: Path) -> None:
    store = keys(tmp_path)
    old = issue(store)
    new_method = store.rotate("inst-lsu")
    new = issue(store)
    assert new["proof"]["verificationMethod"] == new_method != old["proof"]["verificationMethod"]
    resolver = published(tmp_path, store, set())
    for credential in (old, new):
        report = verify_credential(credential, resolver, None, TODAY)
        assert report.state is VerificationState.VERIFIED, report.checks


def test_the_subject_id_is_stable_per_learner_and_reveals_nothing(tmp_path: Path) -> None:
    store = keys(tmp_path)
    ben = store.subject_id("learner-ben")
    assert ben == store.subject_id("learner-ben") != store.subject_id("learner-dana")
    assert ben.startswith("urn:credgraph:subject:") and "ben" not in ben
    assert stat.S_IMODE((tmp_path / "issuer-keys" / "subject-salt").stat().st_mode) == 0o600
