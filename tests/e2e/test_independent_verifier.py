"""An independent verifier accepts what credgraph issues: Digital Bazaar's @digitalbazaar/vc with
the eddsa-rdfc-2022 cryptosuite (tests/e2e/node, pinned by its lock file) verifies an issued
OpenBadgeCredential and its status list, with the DID document and the OB context served locally;
a tampered copy and a revoked one fail there too."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from importers.credentials.contexts import CONTEXT_FILES, OB_V3, document_loader
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    status_entry,
    status_list_credential,
)
from importers.credentials.keys import IssuerKeys

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
