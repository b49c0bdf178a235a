"""The web app at /app in headless Chromium against the real service and the demo graph: each page
draws the demo's answers (checked in the DOM against the API and docs/demo.md), a what-if edit
redraws the plan as the API answers it, accepting a worklist suggestion creates the transfer value,
no console errors, no serious accessibility violations (axe-core); screenshots go to docs/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import make_settings
from tests.e2e.browser import app_page, needs_chromium
from tests.e2e.server import serve

# the browser tests; the HTTP check of what /app serves runs everywhere
browser = needs_chromium()


@pytest.fixture
def base_url(demo_graph: Graph, neo4j_target: Neo4jTarget) -> Iterator[str]:
    # introspection off: the app never asks the API for its schema. The questions' time limit is
    # raised: the first questions to a fresh Neo4j compile their plans, which on a busy machine
    # takes longer than the default 10 s, and these tests check answers, not speed
    settings = make_settings(introspection=False, query_timeout_seconds=120.0)
    with serve(settings, neo4j_target) as url:
        yield url


def token(*roles: Role) -> str:
    return mint(make_settings(), "webapp-test", list(roles))


def ask(base_url: str, query: str, role: Role = Role.ADMIN, **variables: Any) -> Any:
    """One GraphQL question through the API, as the tests' own check."""
    response = httpx.post(
        f"{base_url}/graphql",
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {token(role)}"},
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


PLANNED = """query($l: ID!, $t: ID!, $a: AssumeInput) { stackingPlan(learnerId: $l, targetId: $t,
    assume: $a) { completed { itemId } remaining { itemId } } }"""


COMPARE = """query($l: ID!, $t: [ID!]!) { compareTargets(learnerId: $l, targetIds: $t) {
    rows { targetId } } }"""


def plan_ids(base_url: str, learner: str, target: str, assume: Any = None) -> tuple[set[str], ...]:
    plan = ask(base_url, PLANNED, l=learner, t=target, a=assume)["stackingPlan"]
    return {c["itemId"] for c in plan["completed"]}, {s["itemId"] for s in plan["remaining"]}


def test_the_app_is_served_without_a_cdn(base_url: str) -> None:
    page = httpx.get(f"{base_url}/app/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "https://" not in page.text and "http://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for path in ("static/app.js", "lib/cytoscape.min.js", "lib/chart.umd.min.js"):
        asset = httpx.get(f"{base_url}/app/{path}")
        assert asset.status_code == 200, path
        assert asset.headers["content-type"].startswith("text/javascript"), path
    for path in (
        "static/../../auth.py",
        "static/..%2F..%2Fauth.py",
        "static/index.html.bak",
        "lib/axe.min.js",
        "lib/..%2Fpackage.json",
    ):
        assert httpx.get(f"{base_url}/app/{path}").status_code == 404, path
    assert httpx.get(f"{base_url}/app", follow_redirects=False).headers["location"] == "/app/"


@browser
def test_pathways_draws_the_plan_the_chain_and_a_what_if(base_url: str) -> None:
    with app_page(base_url) as app:
        app.sign_in(token(Role.ADVISOR), "#/pathways?learner=learner-amira&target=prog-lsu-ds")
        app.wait_loaded("learner-amira/prog-lsu-ds")
        # docs/demo.md: Amira's Python earns DAT101, which earns CS 101 at Lakeshore (a chain)
        completed, planned = plan_ids(base_url, "learner-amira", "prog-lsu-ds")
        assert "lsu-cs101" in completed
        drawn_done = app.ids("#plan-elements li[data-element=node][data-kind=completed]")
        drawn_planned = app.ids("#plan-elements li[data-element=node][data-kind=planned]")
        assert {i.removeprefix("i:") for i in drawn_done} == completed
        assert {i.removeprefix("i:") for i in drawn_planned} == planned
        assert set(app.ids("#chain-elements li[data-element=node]")) == {
            "x:mc-python-intro",
            "x:nlc-dat101",
            "x:lsu-cs101",
        }
        assert set(app.ids("#chain-elements li[data-element=edge]")) == {
            "tv-python-dat101:mc-python-intro",
            "tv-dat101-cs101:nlc-dat101",
        }
        # the requirement tree of docs/demo.md: ALL(CS 101, STA 201, electives, ML)
        assert set(app.ids("#plan-elements li[data-kind=requirement]")) == {
            "r:req-lsu-ds",
            "r:req-lsu-ds-electives",
            "r:req-lsu-ds-ml",
        }
        # every edge explained in words, reached by the keyboard: Tab walks the list
        app.page.focus("#chain-elements li[data-id='x:lsu-cs101']")
        app.page.keyboard.press("Tab")
        focused = app.page.evaluate("document.activeElement.dataset.id")
        assert focused.startswith("tv-")
        assert focused.split(":")[0] in app.page.inner_text("#chain-explain")
        app.page.hover("#plan-elements li[data-id='i:lsu-cs101']")
        assert "credited by transfer" in app.page.inner_text("#plan-explain")
        assert "needs a grade of at least 70" in app.page.inner_text("#not-applied")
        # the skill gap and the comparison of targets, as the API answers them
        app.page.get_by_role("button", name="Show the skill gap").click()
        app.page.wait_for_selector("#skill-gap table")
        assert "Closing set" in app.page.inner_text("#skill-gap")
        app.page.get_by_role("button", name="Compare").click()
        app.page.wait_for_selector("#comparison-table")
        rows = app.page.eval_on_selector_all(
            "#comparison-table tbody tr", "rows => rows.map(r => r.dataset.id)"
        )
        compared = ask(base_url, COMPARE, l="learner-amira", t=["prog-lsu-ds", "prog-nlc-dat"])
        assert rows == [r["targetId"] for r in compared["compareTargets"]["rows"]]
        assert app.serious_violations() == []
        app.screenshot("pathways")
        # the print view leaves the controls out and keeps the drawing
        app.page.emulate_media(media="print")
        assert app.page.is_hidden("header") and app.page.is_hidden("#what-if")
        assert app.page.is_visible("#plan-graph")
        app.page.emulate_media(media="screen")

        # Ben: DAT102 earns CS 220; without it (what-if), CS 220 is planned, as the API says
        app.reload_marker()
        app.page.select_option("#learner", "learner-ben")
        app.page.select_option("#target", "prog-lsu-ds")
        app.page.get_by_role("button", name="Show the plan").click()
        app.wait_loaded("learner-ben/prog-lsu-ds")
        _, before = plan_ids(base_url, "learner-ben", "prog-lsu-ds")
        drawn = app.ids("#plan-elements li[data-element=node][data-kind=planned]")
        assert {i.removeprefix("i:") for i in drawn} == before
        app.reload_marker()
        app.page.select_option("#remove-item", "nlc-dat102")
        app.page.get_by_role("button", name="Remove holding").click()
        app.wait_loaded("learner-ben/prog-lsu-ds")
        assume = {"removeHoldingIds": ["nlc-dat102"]}
        _, after = plan_ids(base_url, "learner-ben", "prog-lsu-ds", assume)
        assert after != before and "lsu-cs220" in after
        drawn = app.ids("#plan-elements li[data-element=node][data-kind=planned]")
        assert {i.removeprefix("i:") for i in drawn} == after
        assert "not holding nlc-dat102" in app.page.inner_text("#assumptions")
        assert app.problems == []


@browser
def test_api_errors_are_shown_in_words(base_url: str) -> None:
    with app_page(base_url) as app:
        app.page.goto(f"{base_url}/app/#/pathways")  # no token: learners are not public
        app.page.wait_for_selector("#message.error")
        assert "Something went wrong" in app.page.inner_text("#message")
        assert app.page.inner_text("h1") == "Pathways"


WORKLIST = """query($i: ID!) { articulationWorklist(institutionId: $i) { nodes { itemId } } }"""
CREATED = """query($id: ID!) { transferValue(id: $id) { from { id } for { id } credits creditUnit
    approvedBy agreements { id } } }"""


@browser
def test_articulation_accepting_a_suggestion_creates_the_transfer_value(base_url: str) -> None:
    with app_page(base_url) as app:
        app.sign_in(token(Role.REGISTRAR, Role.IMPORTER), "#/articulation?institution=inst-lsu")
        app.wait_loaded("inst-lsu")
        listed = ask(base_url, WORKLIST, i="inst-lsu")["articulationWorklist"]["nodes"]
        expected = [n["itemId"] for n in listed]
        assert "mc-data-2" in expected  # Chen's data wrangling: no rule into Lakeshore
        assert app.ids("#worklist-table tbody tr") == expected
        # its suggestion CS 220 (docs/demo.md: SQL and cleaning, both taught by mc-data-2)
        app.page.click("button[data-suggestion='mc-data-2/lsu-cs220']")
        assert set(app.ids("#overlap-elements li[data-element=node]")) == {
            "s:mc-data-2",
            "c:lsu-cs220",
            "k:c-cleaning",
            "k:c-sql",
        }
        assert app.page.input_value("#tv-id") == "tv-mc-data-2-lsu-cs220"
        assert app.page.input_value("#tv-agreement") == "ag-nlc-lsu"
        assert app.serious_violations() == []
        app.screenshot("articulation")
        assert ask(base_url, CREATED, id="tv-mc-data-2-lsu-cs220")["transferValue"] is None
        app.page.fill("#tv-conditions", "grade of B or better")  # an edit before accepting
        app.page.get_by_role("button", name="Accept and create").click()
        app.page.wait_for_selector("#page[data-accepted='tv-mc-data-2-lsu-cs220']")
        created = ask(base_url, CREATED, id="tv-mc-data-2-lsu-cs220")["transferValue"]
        assert created == {
            "from": [{"id": "mc-data-2"}],
            "for": [{"id": "lsu-cs220"}],
            "credits": 3.0,
            "creditUnit": "CREDIT_HOUR",
            "approvedBy": "registrar (web app)",
            "agreements": [{"id": "ag-nlc-lsu"}],
        }
        # now articulated: off the worklist, in the API's answer and on the page
        listed = ask(base_url, WORKLIST, i="inst-lsu")["articulationWorklist"]["nodes"]
        assert "mc-data-2" not in [n["itemId"] for n in listed]
        assert app.ids("#worklist-table tbody tr") == [n["itemId"] for n in listed]
        assert "Created tv-mc-data-2-lsu-cs220" in app.page.inner_text("#message")
        # the impact of retiring mc-data-1 (docs/suites.md): its suite and the rule naming it
        app.page.fill("#impact-id", "mc-data-1")
        app.page.get_by_role("button", name="Show the impact").click()
        app.page.wait_for_selector("#impact-table")
        impact = app.page.inner_text("#impact-table")
        assert "suite-data" in impact and "req-suite-data" in impact
        assert app.problems == []


FEEDBACK = """query($id: ID!) { feedbackSummary(id: $id) { members { versions { versionId } } } }"""


@browser
def test_suites_shows_conformance_training_and_feedback(base_url: str) -> None:
    with app_page(base_url) as app:
        app.sign_in(token(Role.IMPORTER), "#/suites?suite=suite-data")
        app.wait_loaded("suite-data")
        # docs/suites.md: mc-data-2's proctored exam deviates; mc-data-3's 8 weeks is allowed
        assert app.ids("#members tbody tr") == ["mc-data-1", "mc-data-2", "mc-data-3"]
        status = app.page.eval_on_selector_all(
            "#members tbody tr", "rows => rows.map(r => [r.dataset.id, r.dataset.status])"
        )
        assert status == [
            ["mc-data-1", "conforms"],
            ["mc-data-2", "deviates"],
            ["mc-data-3", "allowed"],
        ]
        assert "proctored exam" in app.page.inner_text("#members tr[data-id='mc-data-2']")
        assert "does not conform" in app.page.inner_text("#conformance")
        # docs/demo.md: Marc facilitates mc-data-2 but needs teaching
        training = app.page.inner_text("#training .card[data-id='mc-data-2']")
        assert "Marc L. (facilitates it)" in training and "Facilitating adult learning" in training
        # the chart draws one bar group per version, as the API lists them
        summary = ask(base_url, FEEDBACK, id="suite-data")["feedbackSummary"]
        versions = [v["versionId"] for m in summary["members"] for v in m["versions"]]
        labels = app.page.evaluate("Chart.getChart('feedback-chart').data.labels")
        assert [label.split(" ")[0] for label in labels] == versions
        assert "mc-data-1-v1" in versions
        assert app.serious_violations() == []
        app.screenshot("suites")
        assert app.problems == []


@browser
def test_a_learner_sees_their_own_pathway(base_url: str) -> None:
    own = mint(make_settings(), "ben", [Role.LEARNER], learner_id="learner-ben")
    with app_page(base_url) as app:
        app.sign_in(own, "#/pathways?target=prog-lsu-ds")
        app.wait_loaded("learner-ben/prog-lsu-ds")  # a learner's token may not list learners
        options = app.page.eval_on_selector_all("#learner option", "os => os.map(o => o.value)")
        assert options == ["learner-ben"]
        _, planned = plan_ids(base_url, "learner-ben", "prog-lsu-ds")
        drawn = app.ids("#plan-elements li[data-element=node][data-kind=planned]")
        assert {i.removeprefix("i:") for i in drawn} == planned
        assert app.problems == []
