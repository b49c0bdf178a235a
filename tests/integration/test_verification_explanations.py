"""stackingPlan and priorLearning say what verifying a holding found: a course credential credgraph
issued is imported VERIFIED, so the plan's completed item and the covered competencies say
"verified: issuer X, checked on D"; once revoked, both answers leave it out and notCounted says
why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from api.types.pathways import prior_learning_from, stacking_plan_from
from graph.container import Graph
from graph.models import VerificationState
from graph.planning.plans import Objective
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.pathways import PathwayRepository
from graph.services.articulation import ArticulationService
from graph.services.pathways import PathwayService
from importers import openbadges
from importers.base import apply
from importers.credentials.achievements import item_achievement
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    status_entry,
)
from importers.credentials.keys import IssuerKeys
from importers.credentials.resolver import Resolver
from importers.credentials.verify import verify_credential
from tests.credential_files import published

NOW = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 1)
LIST_URL = "https://localhost:8000/issuers/inst-nlc/status/1"
INDEX = 7


def _resolver(tmp_path: Path, store: IssuerKeys, revoked: set[int]) -> Resolver:
    return published(
        tmp_path, store, ("inst-nlc", "Northern Lakes College"), LIST_URL, revoked, NOW
    )


async def test_plan_and_prior_learning_explain_verification(
    demo_graph: Graph, tmp_path: Path
) -> None:
    store = IssuerKeys(tmp_path / "keys", "localhost:8000")
    did = store.did("inst-nlc")
    subject = store.subject_id("learner-new")
    credential = issue_credential(
        achievement=await item_achievement(demo_graph.nodes, "nlc-dat101", ("Course",)),
        subject_id=subject,
        earned=dt.date(2025, 12, 15),
        issuer=IssuerProfile(did, "Northern Lakes College"),
        signing_key=store.signing_key("inst-nlc"),
        status=status_entry(LIST_URL, INDEX),
        now=NOW,
    )
    path = tmp_path / "course.json"
    path.write_text(json.dumps(credential))
    learner = openbadges.learner_id({"id": subject})
    assert learner is not None
    articulation = ArticulationService(demo_graph.nodes, ArticulationRepository(demo_graph.db))
    pathways = PathwayService(demo_graph.nodes, PathwayRepository(demo_graph.db), articulation)

    async def imported(revoked: set[int]) -> None:
        resolver = _resolver(tmp_path, store, revoked)

        def verify(document: Any) -> Any:
            return verify_credential(document, resolver, [did], TODAY)

        await apply(demo_graph.nodes, openbadges.parse([path], verify))

    await imported(set())
    verified = f"nlc-dat101 verified: issuer {did}, checked on {TODAY.isoformat()}"
    plan = stacking_plan_from(
        await pathways.stacking_plan(learner, "prog-nlc-dat", Objective.HOURS, TODAY)
    )
    (completed,) = [c for c in plan.completed if c.item_id == "nlc-dat101"]
    assert completed.explanation.text == f"nlc-dat101: earned by the learner; {verified}"
    assert plan.not_counted == []
    prior = prior_learning_from(
        await pathways.prior_learning(learner, "prog-nlc-dat", TODAY, False)
    )
    (python,) = [c for c in prior.covered if c.competency_id == "c-python"]
    assert python.explanation.text == f"c-python: held (from nlc-dat101); {verified}"

    await imported({INDEX})
    plan = stacking_plan_from(
        await pathways.stacking_plan(learner, "prog-nlc-dat", Objective.HOURS, TODAY)
    )
    assert "nlc-dat101" not in {c.item_id for c in plan.completed}
    why = (
        f"not counted: revoked: status: revoked: bit {INDEX} of {LIST_URL} is set, "
        f"checked on {TODAY.isoformat()}"
    )
    (left_out,) = plan.not_counted
    assert (left_out.holding_id, left_out.verification, left_out.reason) == (
        "nlc-dat101",
        VerificationState.REVOKED,
        why,
    )
    prior = prior_learning_from(
        await pathways.prior_learning(learner, "prog-nlc-dat", TODAY, False)
    )
    assert "c-python" not in {c.competency_id for c in prior.covered}
    assert [(h.holding_id, h.reason) for h in prior.not_counted] == [("nlc-dat101", why)]
