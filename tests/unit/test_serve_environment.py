"""The variables `credgraph serve --workers N` hands its worker processes are the ones their
settings are read from: each worker reaches the same Neo4j with the same JWT key."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from api.app import serve_environment
from graph.connection import Neo4jTarget
from graph.settings import Settings
from tests.conftest import make_settings


def test_a_worker_reads_back_the_neo4j_and_the_key_of_its_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parent = make_settings().model_copy(update={"jwt_secret": SecretStr("k" * 40)})
    target = Neo4jTarget("bolt://10.0.0.7:7699", "reader", SecretStr("pw-of-the-parent"), "local")
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "CREDGRAPH_JWT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in serve_environment(parent, target).items():
        monkeypatch.setenv(name, value)
    worker = Settings()
    assert worker.neo4j_uri == "bolt://10.0.0.7:7699"
    assert worker.neo4j_user == "reader"
    assert worker.neo4j_password is not None
    assert worker.neo4j_password.get_secret_value() == "pw-of-the-parent"
    assert worker.jwt_secret is not None
    assert worker.jwt_secret.get_secret_value() == "k" * 40


def test_no_key_is_handed_on_when_the_parent_has_none() -> None:
    parent = make_settings().model_copy(update={"jwt_secret": None})
    target = Neo4jTarget("bolt://127.0.0.1:7687", "neo4j", SecretStr("pw"), "NEO4J_URI")
    assert "CREDGRAPH_JWT_SECRET" not in serve_environment(parent, target)
