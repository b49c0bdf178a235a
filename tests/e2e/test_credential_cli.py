"""`credgraph credential transcript` and `credential issue-many` against a real Neo4j: a signed
CLR 2.0 transcript; bulk issue all or nothing, each wrong entry named, exit 1, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import ROOT

ISSUED = "MATCH (c:IssuedCredential) RETURN c.kind AS kind, c.itemId AS item ORDER BY kind, item"


def _run(target: Neo4jTarget, keys: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
        "CREDGRAPH_ISSUER_KEYS_DIR": str(keys),
        "COLUMNS": "400",
    }
    return subprocess.run(
        [sys.executable, "-m", "api.cli", "credential", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


async def test_transcript_and_bulk_issue_from_the_command_line(
    demo_graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    keys = tmp_path / "keys"
    refused = _run(
        neo4j_target, keys, "issue-many", "learner-amira=mc-python-intro", "learner-amira=mc-data-2"
    )
    assert refused.returncode == 1, refused.stderr
    assert "1 of 2 holdings cannot be issued; none was" in refused.stderr
    assert "holdings.1: Holding 'learner-amira EARNED mc-data-2' does not exist" in refused.stderr
    assert "Traceback" not in refused.stderr
    records, _, _ = await demo_graph.driver.execute_query(ISSUED)
    assert records == []

    bulk = _run(
        neo4j_target, keys, "issue-many", "learner-amira=mc-python-intro", "learner-ben=nlc-dat101"
    )
    assert bulk.returncode == 0, bulk.stderr
    assert [d["credentialSubject"]["achievement"]["id"] for d in json.loads(bulk.stdout)] == [
        "urn:credgraph:mc-python-intro",
        "urn:credgraph:nlc-dat101",
    ]
    transcript = _run(neo4j_target, keys, "transcript", "learner-chen")
    assert transcript.returncode == 0, transcript.stderr
    clr = json.loads(transcript.stdout)
    assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert clr["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert len(clr["credentialSubject"]["verifiableCredential"]) == 3
    records, _, _ = await demo_graph.driver.execute_query(ISSUED)
    assert [r["kind"] for r in records] == ["ClrCredential"] + ["OpenBadgeCredential"] * 5
    assert "PRIVATE" not in transcript.stdout + transcript.stderr
    wrong = _run(neo4j_target, keys, "issue-many", "learner-amira")
    assert wrong.returncode == 2 and "is not LEARNER=ITEM" in " ".join(wrong.stderr.split())
