"""verifyCredential over GraphQL: any signed-in role, a typed report; the anonymous are refused.
The query never touches Neo4j, so it runs here without one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from api.auth import ANONYMOUS, Principal, Role
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import make_settings

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "obv3" / "ob30" / "simple.json"
QUERY = """
query ($d: JSON!) {
  verifyCredential(document: $d) {
    state reason suite issuer credentialId checkedOn checks { name outcome reason }
  }
}
"""


async def run(principal: Principal, document: Any) -> Any:
    context = Context(
        graph=cast(Graph, None), settings=make_settings(), principal=principal, request_id="t"
    )
    return await build_schema().execute(
        QUERY, variable_values={"d": document}, context_value=context
    )


async def test_a_learner_verifies_a_sample_and_reads_every_check() -> None:
    learner = Principal("ben", frozenset({Role.LEARNER}), learner_id="learner-ben")
    result = await run(learner, json.loads(SAMPLE.read_text()))
    assert result.errors is None, result.errors
    report = result.data["verifyCredential"]
    assert report["state"] == "UNVERIFIED"
    assert report["suite"] == "eddsa-rdfc-2022"
    assert report["issuer"] == "https://example.com/issuers/876543"
    checks = {c["name"]: c["outcome"] for c in report["checks"]}
    assert checks == {
        "PROOF": "PASS",
        "ISSUER": "UNKNOWN",
        "VALIDITY": "PASS",
        "STATUS": "PASS",
        "TRUST": "PASS",
    }


async def test_a_tampered_sample_is_invalid_with_the_reason() -> None:
    document = json.loads(SAMPLE.read_text())
    document["name"] = "Teamwork Badge!"
    result = await run(Principal("i", frozenset({Role.IMPORTER})), document)
    assert result.errors is None, result.errors
    report = result.data["verifyCredential"]
    assert report["state"] == "INVALID"
    assert report["reason"] == "proof: the signature does not match the document"


async def test_the_anonymous_may_not_verify() -> None:
    result = await run(ANONYMOUS, json.loads(SAMPLE.read_text()))
    assert result.errors and (result.errors[0].extensions or {}).get("code") == "UNAUTHORIZED"
