"""The GraphQL schema against the real demo graph: nested reads, bounded queries, typed errors."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.auth import ADMIN, ANONYMOUS
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import graph_counts, make_settings


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


@pytest.fixture(scope="module")
def resolver_schema() -> strawberry.Schema:
    """Field-by-field resolution only (compiled reads off): what the query counts below measure;
    tests/integration/test_compiled_reads.py counts the compiled path's one statement."""
    return build_schema(make_settings(compiled_reads=False))


async def run(
    schema: strawberry.Schema, graph: Graph, query: str, admin: bool = False, **variables: Any
) -> dict[str, Any]:
    context = Context(
        graph=graph,
        settings=make_settings(),
        principal=ADMIN if admin else ANONYMOUS,
        request_id="test",
    )
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def errors_of(
    schema: strawberry.Schema, graph: Graph, query: str, admin: bool = False
) -> list[str]:
    context = Context(
        graph=graph,
        settings=make_settings(),
        principal=ADMIN if admin else ANONYMOUS,
        request_id="test",
    )
    result = await schema.execute(query, context_value=context)
    return [e.message for e in result.errors or []]


MC_QUERY = """
query ($id: ID!) {
  microCredential(id: $id) {
    id name hours status
    competencies { competency { id name } level assessed }
    institution { id name creditUnit }
    suites { suite { id name approach } core position }
    prerequisites { __typename id }
  }
}
"""


async def test_a_demo_micro_credential_with_its_neighbours(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    data = await run(schema, demo_graph, MC_QUERY, id="mc-data-2")
    mc = data["microCredential"]
    assert mc["name"] == "Data Wrangling with SQL and Python"
    assert mc["status"] == "PUBLISHED"
    assert [c["competency"]["id"] for c in mc["competencies"]] == [
        "c-cleaning",
        "c-python",
        "c-sql",
    ]
    assert mc["institution"] == {
        "id": "inst-nlc",
        "name": "Northern Lakes College",
        "creditUnit": "COURSE_CREDIT",
    }
    assert mc["suites"] == [
        {
            "suite": {
                "id": "suite-data",
                "name": "Data Analytics Pathway",
                "approach": "PROGRESSIVE",
            },
            "core": True,
            "position": 2,
        }
    ]
    assert mc["prerequisites"] == [{"__typename": "MicroCredential", "id": "mc-data-1"}]


async def test_unknown_id_is_null(schema: strawberry.Schema, demo_graph: Graph) -> None:
    data = await run(schema, demo_graph, MC_QUERY, id="does-not-exist")
    assert data["microCredential"] is None


NESTED_LIST = """
query ($first: Int!) {
  microCredentials(first: $first) {
    nodes {
      id
      competencies { competency { id frameworks { id } } }
      institution { id name }
      endorsements { employer { id } kind }
    }
  }
}
"""


async def _queries_for(schema: strawberry.Schema, graph: Graph, first: int) -> int:
    before = sum(graph.db.executed.values())
    data = await run(schema, graph, NESTED_LIST, first=first)
    assert len(data["microCredentials"]["nodes"]) == first
    return sum(graph.db.executed.values()) - before


async def test_nested_lists_issue_a_bounded_number_of_queries(
    resolver_schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # one list page + one batch per relationship hop (TEACHES, IN_FRAMEWORK, OFFERED_BY, ENDORSES),
    # however many micro-credentials the page holds
    assert await _queries_for(resolver_schema, demo_graph, 2) == 5
    assert await _queries_for(resolver_schema, demo_graph, 16) == 5


async def test_total_count_runs_only_when_selected(
    resolver_schema: strawberry.Schema, demo_graph: Graph
) -> None:
    schema = resolver_schema
    before = demo_graph.db.executed["entities/count_course"]
    await run(schema, demo_graph, "{ courses(first: 2) { nodes { id } } }")
    assert demo_graph.db.executed["entities/count_course"] == before
    data = await run(
        schema,
        demo_graph,
        '{ courses(first: 2, filter: {institutionId: "inst-nlc"}) '
        "{ totalCount pageInfo { hasNextPage endCursor } nodes { id } } }",
    )
    assert demo_graph.db.executed["entities/count_course"] == before + 1
    assert data["courses"]["totalCount"] == 10
    assert data["courses"]["pageInfo"]["hasNextPage"] is True
    assert [n["id"] for n in data["courses"]["nodes"]] == ["nlc-bus110", "nlc-cld130"]
    cursor = data["courses"]["pageInfo"]["endCursor"]
    page2 = await run(
        schema,
        demo_graph,
        "query ($after: String) { courses(first: 2, after: $after, "
        'filter: {institutionId: "inst-nlc"}) { nodes { id } } }',
        after=cursor,
    )
    assert [n["id"] for n in page2["courses"]["nodes"]] == ["nlc-com101", "nlc-dat101"]


async def test_page_size_is_capped(schema: strawberry.Schema, demo_graph: Graph) -> None:
    messages = await errors_of(schema, demo_graph, "{ courses(first: 5000) { nodes { id } } }")
    assert messages == ["'first' must be between 0 and 100, got 5000"]


async def test_learner_data_needs_a_token(schema: strawberry.Schema, demo_graph: Graph) -> None:
    query = '{ learner(id: "learner-ben") { displayName earned { item { id } grade } } }'
    messages = await errors_of(schema, demo_graph, query)
    assert messages and "bearer token" in messages[0]
    data = await run(schema, demo_graph, query, admin=True)
    earned = data["learner"]["earned"]
    assert {h["item"]["id"] for h in earned} >= {"nlc-dat101", "nlc-net110"}
    assert next(h for h in earned if h["item"]["id"] == "nlc-dat201")["grade"] == 90


async def test_depth_limit(schema: strawberry.Schema, demo_graph: Graph) -> None:
    deep = '{ competency(id: "c-sql") { ' + "broader { " * 12 + "id" + " }" * 12 + " } }"
    messages = await errors_of(schema, demo_graph, deep)
    assert messages and "exceeds maximum operation depth" in messages[0]


CREATE_MC = """
mutation ($input: MicroCredentialInput!) {
  createMicroCredential(input: $input) {
    __typename
    ... on MicroCredential { id hours competencies { competency { id } } institution { id } }
    ... on InvalidInput { message fields { field message } }
    ... on Problem { message }
  }
}
"""


async def test_create_then_update_then_delete(schema: strawberry.Schema, demo_graph: Graph) -> None:
    new = {
        "id": "mc-new",
        "name": "Dashboards",
        "hours": 12,
        "institutionId": "inst-ontrain",
        "competencyIds": ["c-viz", "c-comm"],
    }
    data = await run(schema, demo_graph, CREATE_MC, admin=True, input=new)
    created = data["createMicroCredential"]
    assert created["__typename"] == "MicroCredential"
    assert created["institution"] == {"id": "inst-ontrain"}
    assert [c["competency"]["id"] for c in created["competencies"]] == ["c-comm", "c-viz"]

    update = """mutation { updateMicroCredential(id: "mc-new",
      input: {hours: 14, competencyIds: ["c-viz"]}) {
        __typename ... on MicroCredential { hours name competencies { competency { id } } } } }"""
    updated = (await run(schema, demo_graph, update, admin=True))["updateMicroCredential"]
    assert updated["hours"] == 14 and updated["name"] == "Dashboards"
    assert updated["competencies"] == [{"competency": {"id": "c-viz"}}]

    delete = 'mutation { deleteMicroCredential(id: "mc-new") { __typename ... on Deleted { id } } }'
    assert (await run(schema, demo_graph, delete, admin=True))["deleteMicroCredential"] == {
        "__typename": "Deleted",
        "id": "mc-new",
    }
    again = (await run(schema, demo_graph, delete, admin=True))["deleteMicroCredential"]
    assert again["__typename"] == "NotFoundError"


@pytest.mark.parametrize(
    ("bad_input", "field"),
    [
        ({"id": "mc-bad", "hours": -3}, "hours"),
        ({"name": "no id"}, "id"),
        ({"id": "has spaces in it"}, "id"),
        ({"id": "mc-bad", "competencyIds": ["c-viz", "c-missing"]}, "to"),
        ({"id": "mc-bad", "institutionId": "c-viz"}, "to"),
    ],
)
async def test_invalid_input_is_typed_and_writes_nothing(
    schema: strawberry.Schema, demo_graph: Graph, bad_input: dict[str, Any], field: str
) -> None:
    before = await graph_counts(demo_graph)
    data = await run(schema, demo_graph, CREATE_MC, admin=True, input=bad_input)
    result = data["createMicroCredential"]
    assert result["__typename"] == "InvalidInput"
    assert field in [f["field"] for f in result["fields"]]
    assert await graph_counts(demo_graph) == before


async def test_writes_need_a_token(schema: strawberry.Schema, demo_graph: Graph) -> None:
    before = await graph_counts(demo_graph)
    data = await run(schema, demo_graph, CREATE_MC, input={"id": "mc-x"})
    assert data["createMicroCredential"]["__typename"] == "Forbidden"
    assert await graph_counts(demo_graph) == before


async def test_duplicate_id_is_a_conflict(schema: strawberry.Schema, demo_graph: Graph) -> None:
    data = await run(schema, demo_graph, CREATE_MC, admin=True, input={"id": "nlc-dat101"})
    assert data["createMicroCredential"]["__typename"] == "ConflictError"


async def test_node_and_search(schema: strawberry.Schema, demo_graph: Graph) -> None:
    data = await run(
        schema,
        demo_graph,
        '{ node(id: "req-lsu-ds-electives") { __typename ... on Requirement { op count minCredits '
        'options { id } } } search(text: "machine learning", first: 3) { node { id } } }',
    )
    assert data["node"] == {
        "__typename": "Requirement",
        "op": "AT_LEAST",
        "count": 2,
        "minCredits": 6.0,
        "options": [{"id": "lsu-cs220"}, {"id": "lsu-cs230"}, {"id": "lsu-cs240"}],
    }
    assert {hit["node"]["id"] for hit in data["search"]} & {"c-ml", "lsu-ds300", "mc-ml-intro"}


DEEP = """{
  microCredentials(first: 20) {
    nodes {
      id
      competencies { level competency { id broader { id } alignments { match competency { id } } } }
      institution {
        id offerings(first: 5) { id ... on Course { competencies { competency { id } } } }
      }
      endorsements { kind employer { id hiresFor { id } } }
      suites { core suite { id members { microCredential { id } } } }
    }
    edges { node { id prerequisites { id } } }
  }
  course(id: "nlc-dat101") {
    transferValuesFrom { id for { id ... on Course { institution { id } } } }
    ...More
  }
}
fragment More on Course { prerequisites { id } institution { offerings(first: 3) { id } } }
"""


async def test_deep_selection_through_dataloaders(
    resolver_schema: strawberry.Schema, demo_graph: Graph
) -> None:
    prefetched = await run(resolver_schema, demo_graph, DEEP)
    mcs = prefetched["microCredentials"]["nodes"]
    assert any(mc["endorsements"] for mc in mcs) and any(mc["suites"] for mc in mcs)
    assert any(c["competency"]["broader"] for mc in mcs for c in mc["competencies"])
    assert prefetched["course"]["transferValuesFrom"]


async def test_dataloaders_cost_one_query_per_hop_and_level(
    resolver_schema: strawberry.Schema, demo_graph: Graph
) -> None:
    schema = resolver_schema
    # the page, then TEACHES and OFFERED_BY; then BROADER and the institutions' offerings; then
    # the offerings' TEACHES: however many micro-credentials the page holds (each DataLoader
    # batches a level's loads into one read)
    query = """query ($first: Int!) { microCredentials(first: $first) { nodes { id
        competencies { competency { broader { id } } }
        institution { offerings(first: 10) { ... on Course { competencies { level } } } } } } }"""
    counts = []
    for first in (2, 16):
        before = sum(demo_graph.db.executed.values())
        await run(schema, demo_graph, query, first=first)
        counts.append(sum(demo_graph.db.executed.values()) - before)
    # a level with nothing to load (two items may have no broader competency) costs nothing
    assert counts[0] <= counts[1] == 6
