"""Compiled reads against field-by-field resolution on the demo graph: the same JSON (data and
errors) for the README's, the tests' and the benchmark's entity queries and for generated
documents, under every role; and one Cypher statement per compiled read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import queries

from api.auth import ADMIN, ANONYMOUS, Principal, Role
from api.context import Context
from api.resolvers.entities import entity_roots
from api.schema import build_schema, sdl
from bench.fuzz import SCALARS
from bench.peer.compare import COURSE_CREDGRAPH, MC_CREDGRAPH
from graph.container import Graph
from graph.db import COMPILED
from graph.models import LEARNER_DATA_LABELS
from tests.conftest import make_settings
from tests.integration.test_graphql import DEEP, MC_QUERY, NESTED_LIST

ROLES = {
    "public": ANONYMOUS,
    "learner": Principal("ben", frozenset({Role.LEARNER}), learner_id="learner-ben"),
    "advisor": Principal("advisor", frozenset({Role.ADVISOR})),
    "admin": ADMIN,
}

README_MC = """{
  microCredential(id: "mc-data-2") {
    name hours status
    competencies { competency { id name } level assessed }
    institution { name creditUnit }
    suites { suite { name approach } core position }
    prerequisites { __typename id name }
  }
}"""
README_COURSES = """{
  courses(first: 5, filter: { institutionId: "inst-lsu" }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { code name credits creditUnit transferValuesFor { id credits from { id } } }
  }
}"""
README_PROGRAM = """{
  program(id: "prog-lsu-ds") {
    name
    requirements { op options { __typename id
      ... on Requirement { op count minCredits options { id } } } }
  }
}"""
E2E_MC = """{ microCredential(id: "mc-data-3") { name
    competencies { competency { name } } institution { name } suites { suite { name } } } }"""
WIDE = """
query Wide($id: ID!, $skipSuites: Boolean!, $withCount: Boolean = true, $after: String) {
  __typename
  mc: microCredential(id: $id) { ...Mc  updatedAt source sourceUri }
  again: microCredential(id: $id) { id ... on EffortStandard { hours weeks uxElements } }
  suites(first: 3, after: $after) @skip(if: $skipSuites) {
    __typename
    totalCount @include(if: $withCount)
    edges { __typename cursor node { id members { core position microCredential { id } } } }
    pageInfo { __typename endCursor hasNextPage }
    nodes { name requiredEndorsementKinds institution { id } endorsements { since target { id } } }
  }
  competency(id: "c-sql") {
    id external kind broader { id } narrower(first: 2) { id }
    alignments { match rawType competency { id } }
    alignedFrom { match competency { id } }
    taughtBy(first: 3) { __typename id ... on Course { code } }
  }
  transferAgreements(first: 2) { nodes { id signed kind parties { role institution { id } } } }
  occupations(first: 2) {
    nodes { id needs(first: 3) { essential competency { id } } employers { id } }
  }
  node(id: "nlc-dat101") { __typename id ... on Course { credits institution { name } } }
  employers(first: 2) {
    nodes { id endorses { kind since target { __typename id } employer { id } } }
  }
  institutions(first: 2, filter: { nameContains: "LAKE" }) {
    nodes { id offerings(first: 3) { id } }
  }
}
fragment Mc on MicroCredential {
  id name status creditBearing assessmentMethods
  suites { __typename suite { id } microCredential { id name } }
  feedback(first: 1) { id rating from date about { id } }
  stacksIntoTargets { __typename id }
}
"""
DOCUMENTS: list[tuple[str, dict[str, Any]]] = [
    (README_MC, {}),
    (README_COURSES, {}),
    (README_PROGRAM, {}),
    (E2E_MC, {}),
    (MC_QUERY, {"id": "mc-data-2"}),
    (MC_QUERY, {"id": "no-such-id"}),
    (NESTED_LIST, {"first": 16}),
    (DEEP, {}),
    (MC_CREDGRAPH, {}),
    (COURSE_CREDGRAPH, {"id": "nlc-dat101"}),
    (WIDE, {"id": "mc-data-2", "skipSuites": False}),
    (WIDE, {"id": "mc-cyber-1", "skipSuites": True, "withCount": False}),
    (WIDE, {"id": "mc-data-1", "skipSuites": False, "after": "aWQ6c3VpdGUtY3liZXI="}),
    ('{ node(id: "learner-ben") { __typename id } }', {}),
    ('{ node(id: "mc-data-2") { id ... on MicroCredential { hours } } }', {}),
    (
        "query ($t: DateTime) { courses(first: 3, filter: {updatedSince: $t}) { totalCount "
        "nodes { id } } }",
        {"t": "2000-01-01T00:00:00Z"},
    ),
    ('{ courses(filter: {updatedSince: "2999-01-01T00:00:00"}) { totalCount nodes { id } } }', {}),
]
# Documents whose answer is an error or learner data: today's path answers them, through the
# compiled path's fallback, with the same JSON.
FALLBACKS: list[tuple[str, dict[str, Any]]] = [
    ("{ courses(first: 5000) { nodes { id } } }", {}),
    ('{ courses(after: "not-a-cursor") { nodes { id } } }', {}),
    ('{ learner(id: "learner-ben") { displayName earned { item { id } grade } } }', {}),
    ("{ learners { nodes { id } } }", {}),
    ('{ microCredential(id: "mc-data-2") { statusHistory { to } } }', {}),
    ('{ search(text: "data") { node { id } } }', {}),
    ('{ __schema { queryType { name } } __type(name: "Course") { name } }', {}),
    ('{ course(id: "nlc-dat101") { id } __type(name: "Course") { name } }', {}),
    ("query ($f: Int!) { courses(first: $f) { totalCount } }", {"f": "abc"}),
]


@pytest.fixture(scope="module")
def compiled() -> strawberry.Schema:
    return build_schema(make_settings())


@pytest.fixture(scope="module")
def resolved() -> strawberry.Schema:
    return build_schema(make_settings(compiled_reads=False))


def _json(result: Any) -> dict[str, Any]:
    errors = [
        {"message": e.message, "path": e.path, "extensions": e.extensions}
        for e in result.errors or []
    ]
    return {"data": result.data, "errors": errors}


async def _answer(
    schema: strawberry.Schema,
    graph: Graph,
    query: str,
    variables: dict[str, Any],
    principal: Principal,
) -> tuple[dict[str, Any], dict[str, int]]:
    before = dict(graph.db.executed)
    context = Context(graph=graph, settings=make_settings(), principal=principal, request_id="test")
    result = await schema.execute(query, variable_values=variables, context_value=context)
    ran = {k: v - before.get(k, 0) for k, v in graph.db.executed.items() if v != before.get(k)}
    return _json(result), ran


async def _same(
    compiled: strawberry.Schema,
    resolved: strawberry.Schema,
    graph: Graph,
    documents: Sequence[tuple[str, dict[str, Any]]],
    role: str,
) -> list[dict[str, int]]:
    statements = []
    for query, variables in documents:
        ours, ran = await _answer(compiled, graph, query, variables, ROLES[role])
        theirs, resolving = await _answer(resolved, graph, query, variables, ROLES[role])
        assert ours == theirs, query
        assert COMPILED not in resolving  # the setting turns the compiled path off
        statements.append(ran)
    return statements


@pytest.mark.parametrize("role", sorted(ROLES))
async def test_entity_queries_answer_the_same_compiled(
    compiled: strawberry.Schema,
    resolved: strawberry.Schema,
    demo_graph: Graph,
    role: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ran = await _same(compiled, resolved, demo_graph, DOCUMENTS, role)
    assert not [r for r in caplog.records if r.name == "api.compiled"]  # no fault fell back
    for (query, _), statements in zip(DOCUMENTS, ran, strict=True):
        if "learner-ben" in query and role != "public":
            continue  # learner data the caller may read: today's path answers it
        assert statements == {COMPILED: 1}, query  # one statement, nothing else


@pytest.mark.parametrize("role", sorted(ROLES))
async def test_errors_and_learner_data_answer_the_same(
    compiled: strawberry.Schema,
    resolved: strawberry.Schema,
    demo_graph: Graph,
    role: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ran = await _same(compiled, resolved, demo_graph, FALLBACKS, role)
    assert not [r for r in caplog.records if r.name == "api.compiled"]  # chosen, not a fault
    assert all(COMPILED not in statements for statements in ran)


def _generated(count: int) -> list[str]:
    roots = [
        name for name, (label, _) in entity_roots().items() if label not in LEARNER_DATA_LABELS
    ]
    documents: list[str] = []

    @settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(document=queries(sdl(), fields=[*roots, "node"], custom_scalars=SCALARS))
    def collect(document: str) -> None:
        documents.append(document)

    collect()
    return documents


@pytest.mark.parametrize("role", sorted(ROLES))
async def test_generated_documents_answer_the_same(
    compiled: strawberry.Schema,
    resolved: strawberry.Schema,
    demo_graph: Graph,
    role: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    documents: list[tuple[str, dict[str, Any]]] = [(d, {}) for d in _generated(40)]
    ran = await _same(compiled, resolved, demo_graph, documents, role)
    assert not [r for r in caplog.records if r.name == "api.compiled"]  # no fault fell back
    compiled_ones = sum(statements.get(COMPILED, 0) for statements in ran)
    print(f"{compiled_ones} of {len(documents)} generated documents compiled")
    assert compiled_ones >= len(documents) // 3  # the rest: random `first`s and cursors


ABUSIVE = [
    '{ competency(id: "c-sql") { ' + "broader { " * 12 + "id" + " }" * 12 + " } }",
    "{ " + " ".join(f'a{i}: course(id: "x") {{ id }}' for i in range(40)) + " }",
    "{ courses(first: 100) { nodes { offerings: prerequisites { ... on Course { "
    + "transferValuesFor { from { ... on Course { transferValuesFor { id } } } } } } } } }",
]


@pytest.mark.parametrize("document", ABUSIVE)
async def test_limits_refuse_abusive_documents_before_any_cypher(
    compiled: strawberry.Schema, demo_graph: Graph, document: str
) -> None:
    answer, ran = await _answer(compiled, demo_graph, document, {}, ANONYMOUS)
    assert answer["data"] is None and answer["errors"]
    assert all(e["extensions"]["code"] == "BAD_REQUEST" for e in answer["errors"])
    assert ran == {}


PAGES = [
    """query ($after: String) { microCredentials(first: 7, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    edges { cursor node { id name hours status credits creditUnit language updatedAt
      competencies { level assessed competency { id code kind narrower(first: 3) { id } } }
      prerequisites { __typename id ... on Course { credits } }
      suites { core position suite { id approach members { position microCredential { id } } } }
      institution { id kind creditUnit maxTransferCredits } endorsements { kind since } } } } }""",
    """{ courses(first: 8, filter: { nameContains: "1" }) {
    nodes { id code credits level institution { id }
      transferValuesFrom { id credits minGrade effectiveFrom effectiveTo allowChaining
        for { __typename id } from { id } agreements { id kind parties { role } } } } } }""",
    """{ programs(first: 5) { nodes { id requiredCredits requirements { op count minCredits
      options { __typename id ... on Requirement { op options { id } } } } } }
    occupations(first: 5) { nodes { id needs(first: 5) { essential competency { id } } } } }""",
]


@pytest.mark.parametrize("seed", [3, 11])
async def test_random_graphs_answer_the_same(
    compiled: strawberry.Schema, resolved: strawberry.Schema, empty_graph: Graph, seed: int
) -> None:
    from bench.synthetic import Scale, generate

    scale = Scale(
        institutions=4,
        courses=150,
        micro=60,
        competencies=120,
        transfer_values=300,
        learners=10,
        occupations=8,
        seed=seed,
    )
    await generate(empty_graph.nodes, scale, lambda _what, _rows: None)
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (c:Course) RETURN c.id AS id ORDER BY c.id LIMIT 10"
    )
    by_id = [(COURSE_CREDGRAPH, {"id": str(r["id"])}) for r in records]
    pages: list[tuple[str, dict[str, Any]]] = [
        *((page, {}) for page in PAGES),
        (PAGES[0], {"after": "aWQ6bWMtMDAwMTA="}),
        (MC_CREDGRAPH, {}),
        (NESTED_LIST, {"first": 25}),
    ]
    generated: list[tuple[str, dict[str, Any]]] = [(d, {}) for d in _generated(20)]
    for role in sorted(ROLES):
        ran = await _same(compiled, resolved, empty_graph, [*pages, *by_id, *generated], role)
        for (query, variables), statements in zip([*pages, *by_id], ran, strict=False):
            assert statements == {COMPILED: 1}, query
            answer, _ = await _answer(compiled, empty_graph, query, variables, ROLES[role])
            assert answer["errors"] == [] and answer["data"], query


# Data written by another tool (decision 25): values to convert, values that do not fit, and a
# required property missing. Each read through both paths must answer the same JSON.
PLANTED = [
    "MATCH (c:Course {id: 'nlc-dat101'}) SET c.level = 2, c.code = 101",
    "MATCH (:MicroCredential {id: 'mc-data-2'})-[t:TEACHES]->() "
    "SET t.level = 3, t.assessed = 'yes'",
    "MATCH (m:MicroCredential {id: 'mc-data-1'}) SET m.status = 'Published', m.hours = 'ten'",
    "MATCH (r:Requirement) WITH r ORDER BY r.id LIMIT 1 REMOVE r.op",
]
MISFIT_READS: list[tuple[str, dict[str, Any]]] = [
    ('{ course(id: "nlc-dat101") { id code level name } }', {}),
    ("{ courses(first: 50) { nodes { id code level } } }", {}),
    ('{ microCredential(id: "mc-data-2") { id competencies { level assessed } } }', {}),
    ("{ microCredentials(first: 50) { nodes { id status hours } } }", {}),
    ("{ requirements(first: 5) { nodes { id op count } } }", {}),
]


@pytest.mark.parametrize("role", ["public", "admin"])
async def test_data_that_does_not_fit_answers_the_same(
    compiled: strawberry.Schema, resolved: strawberry.Schema, demo_graph: Graph, role: str
) -> None:
    for statement in PLANTED:
        await demo_graph.driver.execute_query(statement)
    await _same(compiled, resolved, demo_graph, MISFIT_READS, role)
