"""`credgraph credential verify` and `credential did`: reports as JSON, keys never printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "obv3"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDGRAPH_HOME", str(tmp_path))
    monkeypatch.setenv("CREDGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_verify_prints_a_report_per_file_and_fails_unless_verified(home: Path) -> None:
    result = CliRunner().invoke(
        app, ["credential", "verify", str(SAMPLES / "ob30" / "simple.json")]
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["state"] == "UNVERIFIED"
    assert [c["outcome"] for c in report["checks"]] == ["pass", "unknown", "pass", "pass", "pass"]


def test_did_makes_a_key_once_and_prints_only_the_public_document(home: Path) -> None:
    first = CliRunner().invoke(app, ["credential", "did", "inst-lsu"])
    assert first.exit_code == 0, first.output
    document = json.loads(first.stdout)
    assert document["id"] == "did:web:localhost%3A8000:issuers:inst-lsu"
    assert "PRIVATE" not in first.output
    rotated = json.loads(
        CliRunner().invoke(app, ["credential", "did", "inst-lsu", "--rotate"]).stdout
    )
    assert len(rotated["assertionMethod"]) == 2
    assert rotated["assertionMethod"][0] == document["assertionMethod"][0]
    assert (home / "issuer-keys" / "inst-lsu" / "2.pem").is_file()
