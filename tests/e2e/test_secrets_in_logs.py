"""Secrets never reach the logs: the JWT secret, the Neo4j password and bearer tokens, with every
logger at DEBUG (the driver's Bolt trace included) while the server handles good and bad calls."""

from __future__ import annotations

import logging

import httpx
import pytest
from pydantic import SecretStr

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.server import serve

SECRET = "s3cret-jwt-key-for-the-log-scan-0123456789abcdef"


def test_no_secret_is_logged(
    demo_graph: Graph, neo4j_target: Neo4jTarget, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(jwt_secret=SecretStr(SECRET))
    good = mint(settings, "admin-user", [Role.ADMIN])
    forged = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    caplog.set_level(logging.DEBUG)
    with serve(settings, neo4j_target) as url:
        calls = [
            ({"authorization": f"Bearer {good}"}, "{ learners(first: 2) { nodes { id } } }"),
            ({"authorization": f"Bearer {forged}"}, "{ learners(first: 2) { nodes { id } } }"),
            ({"authorization": f"Bearer {good}"}, "{ nope }"),
            (
                {"authorization": f"Bearer {good}"},
                'mutation { deleteCourse(id: "x") { __typename } }',
            ),
        ]
        for headers, query in calls:
            httpx.post(f"{url}/graphql", json={"query": query}, headers=headers, timeout=30)
        httpx.get(f"{url}/readyz", timeout=30)
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert len(caplog.records) > 20 and "graphql operation" in text  # it saw the server logs
    for secret in (SECRET, neo4j_target.password.get_secret_value(), good, forged):
        assert secret not in text
