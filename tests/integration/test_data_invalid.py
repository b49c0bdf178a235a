"""Stored data of another type than the model (written by another tool, with raw Cypher) through
GraphQL: what converts without loss is answered; the rest is a DATA_INVALID error located at the
field, which is null, and the rest of the item and of the page is answered (decision 25)."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from graphql import GraphQLError

from api.auth import ADMIN
from api.context import Context
from api.schema import build_schema
from graph.container import Graph
from tests.conftest import make_settings

# Raw Cypher, as another tool would write it: nothing goes through credgraph's models.
PLANT = [
    # Converts without loss: level 2 -> "2", code 101 -> "101", hours "45" -> 45.0.
    "CREATE (:Entity:Course {id: 'lsu-cs105', name: 'Planted Course Coercible', level: 2, "
    "code: 101, hours: '45', credits: 3})",
    # Does not convert: credits 'three'.
    "CREATE (:Entity:Course {id: 'lsu-cs106', name: 'Planted Course Broken', credits: 'three', "
    "hours: 40, code: 'CS 106', level: '100'})",
    # A TEACHES with level 3 (converts) and assessed 'yes' (a boolean only from a boolean).
    "MATCH (:Course {id: 'lsu-cs101'})-[t:TEACHES]->(:Competency {id: 'c-python'}) "
    "SET t.level = 3, t.assessed = 'yes'",
    # A non-null field of the schema: a status that is none of the enum's values.
    "MATCH (m:MicroCredential {id: 'mc-data-2'}) SET m.status = 'Published'",
]


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def execute(
    schema: strawberry.Schema, graph: Graph, query: str, **variables: Any
) -> tuple[dict[str, Any], list[GraphQLError]]:
    context = Context(graph=graph, settings=make_settings(), principal=ADMIN, request_id="test")
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.data is not None, result.errors
    return result.data, list(result.errors or [])


async def plant(graph: Graph) -> None:
    for statement in PLANT:
        await graph.driver.execute_query(statement)


def only_data_invalid(errors: list[GraphQLError]) -> list[tuple[list[str | int], str]]:
    """(path, message) of every error, each of which must be DATA_INVALID."""
    assert errors, "expected DATA_INVALID errors"
    assert all((e.extensions or {}).get("code") == "DATA_INVALID" for e in errors), [
        (e.message, e.extensions) for e in errors
    ]
    return [(list(e.path or []), e.message) for e in errors]


COURSE = "query ($id: ID!) { course(id: $id) { id name code level credits hours } }"


async def test_a_value_that_converts_without_loss_is_answered(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    await plant(demo_graph)
    data, errors = await execute(schema, demo_graph, COURSE, id="lsu-cs105")
    assert errors == []
    assert data["course"] == {
        "id": "lsu-cs105",
        "name": "Planted Course Coercible",
        "code": "101",
        "level": "2",
        "credits": 3.0,
        "hours": 45.0,
    }


async def test_a_value_that_does_not_fit_is_a_located_error_on_its_field(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    await plant(demo_graph)
    data, errors = await execute(schema, demo_graph, COURSE, id="lsu-cs106")
    assert data["course"] == {
        "id": "lsu-cs106",
        "name": "Planted Course Broken",
        "code": "CS 106",
        "level": "100",
        "credits": None,
        "hours": 40.0,
    }
    [(path, message)] = only_data_invalid(errors)
    assert path == ["course", "credits"]
    assert "lsu-cs106" in message and "credits" in message and "Course" in message
    extensions = errors[0].extensions or {}
    assert (extensions["label"], extensions["id"], extensions["property"]) == (
        "Course",
        "lsu-cs106",
        "credits",
    )


PAGE = """{
  courses(first: 100) {
    nodes { id name code level credits hours }
    edges { cursor node { id credits } }
    pageInfo { hasNextPage }
  }
}"""


async def test_a_page_keeps_every_good_item_and_the_rest_of_the_bad_one(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    before, errors = await execute(schema, demo_graph, PAGE)
    assert errors == []
    await plant(demo_graph)
    after, errors = await execute(schema, demo_graph, PAGE)
    nodes = {n["id"]: n for n in after["courses"]["nodes"]}
    for good in before["courses"]["nodes"]:
        assert nodes[good["id"]] == good
    assert nodes["lsu-cs105"]["level"] == "2" and nodes["lsu-cs105"]["code"] == "101"
    assert nodes["lsu-cs106"] == {
        "id": "lsu-cs106",
        "name": "Planted Course Broken",
        "code": "CS 106",
        "level": "100",
        "credits": None,
        "hours": 40.0,
    }
    ids = [n["id"] for n in after["courses"]["nodes"]]
    at = ids.index("lsu-cs106")
    located = only_data_invalid(errors)
    assert sorted(path for path, _ in located) == sorted(
        [["courses", "nodes", at, "credits"], ["courses", "edges", at, "node", "credits"]]
    )
    assert all("lsu-cs106" in message and "credits" in message for _, message in located)
    assert after["courses"]["edges"][at]["node"] == {"id": "lsu-cs106", "credits": None}


async def test_search_answers_every_hit(schema: strawberry.Schema, demo_graph: Graph) -> None:
    await plant(demo_graph)
    data, errors = await execute(
        schema,
        demo_graph,
        '{ search(text: "Planted") { node { id ... on Course { level credits } } } }',
    )
    hits = {h["node"]["id"]: h["node"] for h in data["search"]}
    assert hits == {
        "lsu-cs105": {"id": "lsu-cs105", "level": "2", "credits": 3.0},
        "lsu-cs106": {"id": "lsu-cs106", "level": "100", "credits": None},
    }
    at = [h["node"]["id"] for h in data["search"]].index("lsu-cs106")
    [(path, message)] = only_data_invalid(errors)
    assert path == ["search", at, "node", "credits"] and "lsu-cs106" in message


async def test_relationship_properties_convert_or_are_located_errors(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    await plant(demo_graph)
    data, errors = await execute(
        schema,
        demo_graph,
        '{ course(id: "lsu-cs101") { id competencies { competency { id } level assessed } } }',
    )
    taught = data["course"]["competencies"]
    assert taught == [
        {"competency": {"id": "c-data"}, "level": "introductory", "assessed": True},
        {"competency": {"id": "c-python"}, "level": "3", "assessed": None},
    ]
    [(path, message)] = only_data_invalid(errors)
    assert path == ["course", "competencies", 1, "assessed"]
    assert all(word in message for word in ("TEACHES", "lsu-cs101", "c-python", "assessed"))


async def test_a_non_null_field_that_does_not_fit_is_null_and_the_page_stays(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    query = "{ microCredentials(first: 100) { nodes { id name status } } }"
    before, errors = await execute(schema, demo_graph, query)
    assert errors == []
    await plant(demo_graph)
    after, errors = await execute(schema, demo_graph, query)
    expected = [
        {**n, "status": None} if n["id"] == "mc-data-2" else n
        for n in before["microCredentials"]["nodes"]
    ]
    assert after["microCredentials"]["nodes"] == expected
    at = [n["id"] for n in expected].index("mc-data-2")
    [(path, message)] = only_data_invalid(errors)
    assert path == ["microCredentials", "nodes", at, "status"]
    assert "mc-data-2" in message and "status" in message


UPDATE = """mutation ($input: CourseInput!) {
  updateCourse(id: "lsu-cs106", input: $input) {
    __typename
    ... on Course { name credits }
    ... on InvalidInput { message fields { field message } }
  }
}"""


async def test_an_update_gives_a_value_to_what_did_not_fit_rather_than_drop_it(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    await plant(demo_graph)
    data, errors = await execute(schema, demo_graph, UPDATE, input={"name": "Renamed"})
    assert errors == []
    refused = data["updateCourse"]
    assert refused["__typename"] == "InvalidInput" and "'credits'" in refused["message"]
    assert [f["field"] for f in refused["fields"]] == ["credits"]
    data, errors = await execute(
        schema, demo_graph, UPDATE, input={"name": "Renamed", "credits": 3}
    )
    assert errors == [] and data["updateCourse"] == {
        "__typename": "Course",
        "name": "Renamed",
        "credits": 3.0,
    }


async def test_a_question_does_not_compute_with_a_value_it_cannot_read(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (m:MicroCredential {id: 'mc-data-2'})-[:IN_SUITE]->(s:Suite) "
        "SET m.hours = 'lots' RETURN s.id AS id"
    )
    query = "query ($id: ID!) { suiteConformance(suiteId: $id) { deviations { field } } }"
    context = Context(
        graph=demo_graph, settings=make_settings(), principal=ADMIN, request_id="test"
    )
    result = await schema.execute(
        query, variable_values={"id": records[0]["id"]}, context_value=context
    )
    [(path, message)] = only_data_invalid(list(result.errors or []))
    assert path == ["suiteConformance"] and "mc-data-2" in message and "'hours'" in message
