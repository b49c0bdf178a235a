"""The core questions on stored values that do not fit the model (written by another tool, with
raw Cypher): never INTERNAL. A value that converts without loss is computed with; one that does
not makes the question answer DATA_INVALID naming label, id and property (decision 25)."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.auth import ADMIN
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import make_settings

QUESTIONS = {
    "stackingPlan/chen": """{ stackingPlan(learnerId: "learner-chen", targetId: "suite-data",
        asOf: "2026-06-01") { reachable completed { itemId how }
        remaining { itemId hours } totalRemainingHours } }""",
    "stackingPlan/ben": """{ stackingPlan(learnerId: "learner-ben", targetId: "prog-lsu-ds",
        asOf: "2026-06-01") { reachable completed { itemId how }
        remaining { itemId hours } totalRemainingHours } }""",
    "priorLearning/dana": """{ priorLearning(learnerId: "learner-dana", targetId: "suite-cyber",
        asOf: "2026-06-01") { covered { competencyId } missingIds exemptionIds hoursSaved } }""",
    "priorLearning/chen": """{ priorLearning(learnerId: "learner-chen", targetId: "suite-data",
        asOf: "2026-06-01") { covered { competencyId } missingIds exemptionIds hoursSaved } }""",
    "skillGap/amira": """{ skillGap(learnerId: "learner-amira", occupationId: "occ-data-analyst",
        asOf: "2026-06-01") { held { competencyId } closingSetIds closingHours exact } }""",
    "skillGap/dana": """{ skillGap(learnerId: "learner-dana",
        occupationId: "occ-security-analyst", asOf: "2026-06-01") {
        held { competencyId } closingSetIds closingHours exact } }""",
    "transferCredit": """{ transferCredit(learnerId: "learner-ben", institutionId: "inst-lsu",
        asOf: "2026-06-01") { totalCredits uncappedCredits creditUnit unusedHoldingIds
        awards { explanation { text } } } }""",
    "transferCredit/amira": """{ transferCredit(learnerId: "learner-amira",
        institutionId: "inst-lsu", asOf: "2026-06-01") { totalCredits unusedHoldingIds } }""",
    "transferOptions": """{ transferOptions(learnerId: "learner-ben", asOf: "2026-06-01") {
        options { institutionId totalCredits creditHours shareOfHoldings } } }""",
    "stacksInto": """{ stacksInto(id: "mc-data-1") { targets { targetId hops pathIds } } }""",
    "equivalentsOf": """{ equivalentsOf(id: "lsu-cs101") {
        equivalents { fromIds transferValueIds credits chained explanation { text } } } }""",
    "articulationSuggestions": """{ articulationSuggestions(fromId: "mc-python-intro",
        institutionId: "inst-nlc", minCoverage: 0.1) {
        suggestions { courseId coverage existingTransferValueIds } } }""",
    "suiteConformance": """{ suiteConformance(suiteId: "suite-data") { conforms memberIds
        deviations { itemId field expected actual } shapeViolations { code itemIds } } }""",
    "facilitatorCoverage": """{ facilitatorCoverage(microCredentialId: "mc-data-1") {
        needIds qualified { facilitatorId } others { facilitatorId missingIds } } }""",
    "impactOf": """{ impactOf(id: "mc-data-1") { label requiredBy taughtBy suites } }""",
    "catalogue": """{ catalogue(first: 50) { hits { node { id hours cost status } } } }""",
    "feedbackSummary": """{ feedbackSummary(id: "mc-data-1") { count averageRating
        members { versions { versionId version count averageRating learnerAverage } } } }""",
    "endorsedPathways": """{ endorsedPathways(employerId: "emp-northwind") {
        pathways { targetId endorsers { employerId kind since } } } }""",
}

EARNED = "MATCH (:Learner {id: '%s'})-[e:EARNED]->(:Entity {id: '%s'}) SET e.%s = %s"
NODE = "MATCH (n:Entity {id: '%s'}) SET n.%s = %s"

# (name, raw Cypher, where the error is if it does not convert: (label, id, property) or None
# when it converts without loss, the questions that read it)
PLANTS: list[tuple[str, str, tuple[str, str, str] | None, list[str]]] = [
    (
        "mc hours 'ten'",
        NODE % ("mc-data-1", "hours", "'ten'"),
        ("MicroCredential", "mc-data-1", "hours"),
        ["stackingPlan/chen", "skillGap/amira", "suiteConformance", "catalogue"],
    ),
    (
        "mc hours '35'",
        NODE % ("mc-data-1", "hours", "'35'"),
        None,
        ["stackingPlan/chen", "skillGap/amira", "suiteConformance", "catalogue"],
    ),
    (
        "mc cost 'cheap'",
        NODE % ("mc-ml-intro", "cost", "'cheap'"),
        ("MicroCredential", "mc-ml-intro", "cost"),
        ["stackingPlan/ben"],
    ),
    (
        "mc status 'Published'",
        NODE % ("mc-ml-intro", "status", "'Published'"),
        ("MicroCredential", "mc-ml-intro", "status"),
        ["stackingPlan/ben"],
    ),
    (
        "course credits 'three'",
        NODE % ("lsu-ds300", "credits", "'three'"),
        ("Course", "lsu-ds300", "credits"),
        ["stackingPlan/ben"],
    ),
    (
        "course creditUnit 'hours'",
        NODE % ("lsu-ds300", "creditUnit", "'hours'"),
        ("Course", "lsu-ds300", "creditUnit"),
        ["stackingPlan/ben"],
    ),
    (
        "program creditUnit 'hours'",
        NODE % ("prog-lsu-ds", "creditUnit", "'hours'"),
        ("Program", "prog-lsu-ds", "creditUnit"),
        ["stackingPlan/ben"],
    ),
    (
        "institution courseCreditInCreditHours 'three'",
        NODE % ("inst-lsu", "courseCreditInCreditHours", "'three'"),
        ("Institution", "inst-lsu", "courseCreditInCreditHours"),
        ["stackingPlan/ben", "transferCredit", "transferOptions"],
    ),
    (
        "requirement op 'EVERY'",
        NODE % ("req-suite-data", "op", "'EVERY'"),
        ("Requirement", "req-suite-data", "op"),
        ["stackingPlan/chen", "priorLearning/chen"],
    ),
    (
        "requirement count 'two'",
        NODE % ("req-lsu-ds-electives", "count", "'two'"),
        ("Requirement", "req-lsu-ds-electives", "count"),
        ["stackingPlan/ben"],
    ),
    (
        "transfer value credits 'three'",
        NODE % ("tv-dat101-cs101", "credits", "'three'"),
        ("TransferValue", "tv-dat101-cs101", "credits"),
        ["stackingPlan/ben", "transferCredit", "transferOptions", "equivalentsOf"],
    ),
    (
        "transfer value credits '3'",
        NODE % ("tv-dat101-cs101", "credits", "'3'"),
        None,
        ["transferCredit", "equivalentsOf"],
    ),
    (
        "chained transfer value allowChaining 'yes'",
        NODE % ("tv-dat101-cs101", "allowChaining", "'yes'"),
        ("TransferValue", "tv-dat101-cs101", "allowChaining"),
        ["transferCredit/amira"],
    ),
    (
        "transfer value credits 'one' (articulation)",
        NODE % ("tv-python-dat101", "credits", "'one'"),
        ("TransferValue", "tv-python-dat101", "credits"),
        ["articulationSuggestions"],
    ),
    (
        "agreement effectiveFrom 5",
        NODE % ("ag-nlc-lsu", "effectiveFrom", "5"),
        ("TransferAgreement", "ag-nlc-lsu", "effectiveFrom"),
        ["stackingPlan/ben", "transferCredit", "transferOptions", "equivalentsOf"],
    ),
    (
        "agreement effectiveTo 'soon'",
        NODE % ("ag-nlc-lsu", "effectiveTo", "'soon'"),
        ("TransferAgreement", "ag-nlc-lsu", "effectiveTo"),
        ["transferCredit", "equivalentsOf"],
    ),
    (
        "EARNED grade 'A+'",
        EARNED % ("learner-ben", "nlc-dat101", "grade", "'A+'"),
        ("EARNED", "learner-ben -> nlc-dat101", "grade"),
        ["stackingPlan/ben", "transferCredit", "transferOptions"],
    ),
    (
        "EARNED grade '78'",
        EARNED % ("learner-ben", "nlc-dat101", "grade", "'78'"),
        None,
        ["transferCredit"],
    ),
    (
        "EARNED date 5",
        EARNED % ("learner-chen", "mc-data-1", "date", "5"),
        ("EARNED", "learner-chen -> mc-data-1", "date"),
        ["stackingPlan/chen", "priorLearning/chen"],
    ),
    (
        "EARNED expires true",
        EARNED % ("learner-ben", "nlc-dat102", "expires", "true"),
        ("EARNED", "learner-ben -> nlc-dat102", "expires"),
        ["stackingPlan/ben", "transferCredit"],
    ),
    (
        "evidence date 5",
        NODE % ("ev-dana-military", "date", "5"),
        ("Evidence", "ev-dana-military", "date"),
        ["priorLearning/dana", "skillGap/dana"],
    ),
    (
        "evidence expires 'never'",
        NODE % ("ev-dana-cert", "expires", "'never'"),
        ("Evidence", "ev-dana-cert", "expires"),
        ["priorLearning/dana", "skillGap/dana"],
    ),
    (
        "IN_SUITE position 'first'",
        "MATCH (:Entity {id: 'mc-data-1'})-[m:IN_SUITE]->(:Suite {id: 'suite-data'}) "
        "SET m.position = 'first'",
        ("IN_SUITE", "mc-data-1 -> suite-data", "position"),
        ["suiteConformance"],
    ),
    (
        "IN_SUITE core 'yes'",
        "MATCH (:Entity {id: 'mc-data-1'})-[m:IN_SUITE]->(:Suite {id: 'suite-data'}) "
        "SET m.core = 'yes'",
        ("IN_SUITE", "mc-data-1 -> suite-data", "core"),
        ["suiteConformance"],
    ),
    (
        "feedback rating 'five'",
        NODE % ("fb-1", "rating", "'five'"),
        ("Feedback", "fb-1", "rating"),
        ["feedbackSummary"],
    ),
    (
        "feedback rating 4.5",
        NODE % ("fb-1", "rating", "4.5"),
        ("Feedback", "fb-1", "rating"),
        ["feedbackSummary"],
    ),
    (
        "feedback from 'student'",
        NODE % ("fb-2", "from", "'student'"),
        ("Feedback", "fb-2", "from"),
        ["feedbackSummary"],
    ),
    (
        "mc version 2",
        NODE % ("mc-data-1", "version", "2"),
        None,
        ["feedbackSummary"],
    ),
    (
        "ENDORSES since 5",
        "MATCH (:Employer {id: 'emp-northwind'})-[e:ENDORSES]->() SET e.since = 5",
        ("ENDORSES", "emp-northwind -> ", "since"),
        ["endorsedPathways"],
    ),
    (
        "ENDORSES kind 'great'",
        "MATCH (:Employer {id: 'emp-northwind'})-[e:ENDORSES]->() SET e.kind = 'great'",
        ("ENDORSES", "emp-northwind -> ", "kind"),
        ["endorsedPathways", "suiteConformance"],
    ),
    (
        "NEEDS essential 'yes'",
        "MATCH (:Occupation {id: 'occ-data-analyst'})-[n:NEEDS]->(:Entity {id: 'c-stats'}) "
        "SET n.essential = 'yes'",
        ("NEEDS", "occ-data-analyst -> c-stats", "essential"),
        ["skillGap/amira"],
    ),
    (
        "ALIGNS match 'exact'",
        "MATCH (:Entity {id: 'c-python'})-[r:ALIGNS]->(:Entity {id: 'esco-python'}) "
        "SET r.match = 'exact'",
        ("ALIGNS", "c-python -> esco-python", "match"),
        ["skillGap/amira", "stackingPlan/ben"],
    ),
    (
        "facilitator id 7",
        "MATCH (c:Competency {id: 'c-data'}) CREATE (:Entity:Facilitator {id: 7})"
        "-[:QUALIFIED_IN]->(c)",
        None,
        ["facilitatorCoverage"],
    ),
    (
        "requiring node id 7",
        "MATCH (m:Entity {id: 'mc-data-1'}) CREATE (:Entity:Course {id: 7})-[:REQUIRES]->(m)",
        None,
        ["impactOf"],
    ),
    (
        "stacks into node id 9",
        "MATCH (m:Entity {id: 'mc-data-1'}) "
        "CREATE (m)-[:STACKS_INTO]->(:Entity:Program {id: 9, name: 'Planted'})",
        None,
        ["stacksInto"],
    ),
]

CASES = [
    pytest.param(statement, located, question, id=f"{name} / {question}")
    for name, statement, located, questions in PLANTS
    for question in questions
]


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def ask(schema: strawberry.Schema, graph: Graph, question: str) -> Any:
    context = Context(graph=graph, settings=make_settings(), principal=ADMIN, request_id="test")
    return await schema.execute(QUESTIONS[question], context_value=context)


@pytest.mark.parametrize(("statement", "located", "question"), CASES)
async def test_a_question_on_a_planted_value_is_computed_or_data_invalid(
    schema: strawberry.Schema,
    demo_graph: Graph,
    statement: str,
    located: tuple[str, str, str] | None,
    question: str,
) -> None:
    before = await ask(schema, demo_graph, question)
    assert before.errors is None, before.errors
    _, summary, _ = await demo_graph.driver.execute_query(statement)
    assert summary.counters.properties_set or summary.counters.nodes_created, statement
    result = await ask(schema, demo_graph, question)
    errors = [(e.message, e.extensions or {}) for e in result.errors or []]
    assert not [e for e in errors if e[1].get("code") != "DATA_INVALID"], errors
    if located is None:  # converted without loss: answered
        assert errors == []
        assert result.data is not None
        return
    label, id_, prop = located
    assert errors, f"answered with a value that does not fit: {result.data}"
    for message, extensions in errors:
        assert (extensions["label"], extensions["property"]) == (label, prop), message
        assert str(extensions["id"]).startswith(id_), message
        assert id_ in message and prop in message


CONVERTED = [
    ("mc hours '35'", "skillGap/amira", ["skillGap", "closingHours"], 35.0),
    ("transfer value credits '3'", "transferCredit", ["transferCredit", "totalCredits"], None),
    ("EARNED grade '78'", "transferCredit", ["transferCredit", "totalCredits"], None),
]


@pytest.mark.parametrize(("plant", "question", "path", "expected"), CONVERTED)
async def test_a_value_that_converts_gives_the_same_answer(
    schema: strawberry.Schema,
    demo_graph: Graph,
    plant: str,
    question: str,
    path: list[str],
    expected: float | None,
) -> None:
    before = await ask(schema, demo_graph, question)
    statement = next(p[1] for p in PLANTS if p[0] == plant)
    await demo_graph.driver.execute_query(statement)
    after = await ask(schema, demo_graph, question)
    assert after.errors is None, after.errors
    assert after.data == before.data
    value: Any = after.data
    for key in path:
        value = value[key]
    assert expected is None or value == expected
