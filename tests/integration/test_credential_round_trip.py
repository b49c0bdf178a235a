"""Round trip: credgraph issues a signed OpenBadgeCredential for a demo holding, the learner-record
importer verifies it into the graph (VERIFIED, counting in transferCredit with "verified: issuer
X, checked on D", and in skillGap), and once its status bit is set a re-import records REVOKED
and it no longer counts anywhere (notCounted says why). DID document and status list are
answered from files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from api.types.articulation import transfer_credit_from
from graph.container import Graph
from graph.models import VerificationState
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.pathways import PathwayRepository
from graph.services.articulation import ArticulationService
from graph.services.pathways import PathwayService
from importers import openbadges
from importers.base import ImportBatch, apply
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    status_entry,
)
from importers.credentials.keys import IssuerKeys
from importers.credentials.resolver import Resolver
from importers.credentials.verify import verify_credential
from importers.exports import micro_credential_achievement
from tests.credential_files import published

NOW = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 1)
LIST_URL = "https://localhost:8000/issuers/inst-ontrain/status/1"
INDEX = 40_123


def _publish(tmp_path: Path, store: IssuerKeys, revoked: set[int]) -> Resolver:
    return published(tmp_path, store, ("inst-ontrain", "OnTrain"), LIST_URL, revoked, NOW)


def _import(path: Path, resolver: Resolver, trusted: list[str]) -> ImportBatch:
    def verify(document: Any) -> Any:
        return verify_credential(document, resolver, trusted, TODAY)

    return openbadges.parse([path], verify)


async def test_issue_import_verified_counts_then_revoked_does_not(
    demo_graph: Graph, tmp_path: Path
) -> None:
    store = IssuerKeys(tmp_path / "keys", "localhost:8000")
    did = store.did("inst-ontrain")
    subject = store.subject_id("learner-amira")
    credential = issue_credential(
        achievement=await micro_credential_achievement(demo_graph.nodes, "mc-python-intro"),
        subject_id=subject,
        earned=dt.date(2024, 5, 10),
        issuer=IssuerProfile(did, "OnTrain"),
        signing_key=store.signing_key("inst-ontrain"),
        status=status_entry(LIST_URL, INDEX),
        now=NOW,
    )
    path = tmp_path / "badge.json"
    path.write_text(json.dumps(credential))
    learner = openbadges.learner_id({"id": subject})
    assert learner is not None
    service = ArticulationService(demo_graph.nodes, ArticulationRepository(demo_graph.db))
    pathways = PathwayService(demo_graph.nodes, PathwayRepository(demo_graph.db), service)

    async def held_for_data_analyst() -> set[str]:
        gap = await pathways.skill_gap(learner, "occ-data-analyst", TODAY)
        return {need.competency_id for need in gap.held}

    await apply(demo_graph.nodes, _import(path, _publish(tmp_path, store, set()), [did]))
    answer = await service.transfer_credit(learner, "inst-nlc", TODAY, 2)
    (award,) = transfer_credit_from(answer).awards
    assert [str(h) for h in award.holding_ids] == ["mc-python-intro"]
    assert award.explanation.text.endswith(
        f"mc-python-intro verified: issuer {did}, checked on {TODAY.isoformat()}"
    )
    assert answer.holdings[0].holding.verification == VerificationState.VERIFIED
    assert "esco-python" in await held_for_data_analyst()  # c-python, EXACT to esco-python

    await apply(demo_graph.nodes, _import(path, _publish(tmp_path, store, {INDEX}), [did]))
    answer = await service.transfer_credit(learner, "inst-nlc", TODAY, 2)
    shown = transfer_credit_from(answer)
    assert shown.awards == [] and shown.total_credits == 0
    assert "esco-python" not in await held_for_data_analyst()
    (left_out,) = shown.not_counted
    assert left_out.verification is VerificationState.REVOKED
    assert left_out.reason == (
        f"not counted: revoked: status: revoked: bit {INDEX} of {LIST_URL} is set, "
        f"checked on {TODAY.isoformat()}"
    )
