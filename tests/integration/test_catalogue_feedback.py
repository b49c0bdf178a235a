"""The public catalogue and feedback summaries on the demo graph, worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

from api.schema import build_schema
from graph.container import Graph
from tests.integration.test_graphql import errors_of, run

CATALOGUE = """query ($text: String, $filter: CatalogueFilterInput, $first: Int!) {
  catalogue(text: $text, filter: $filter, first: $first) { hasNextPage hits { node { id } } } }"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def ids(schema: strawberry.Schema, graph: Graph, **variables: Any) -> list[str]:
    variables.setdefault("first", 50)
    data = await run(schema, graph, CATALOGUE, **variables)
    return [hit["node"]["id"] for hit in data["catalogue"]["hits"]]


async def test_catalogue_lists_published_items_only(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # 16 demo micro-credentials; mc-excel is a DRAFT and mc-data-1-v1 RETIRED: 14 remain.
    everything = await ids(schema, demo_graph)
    assert len(everything) == 14
    assert "mc-excel" not in everything and "mc-data-1-v1" not in everything
    first = await run(schema, demo_graph, CATALOGUE, first=5)
    assert first["catalogue"]["hasNextPage"] is True


async def test_catalogue_filters(schema: strawberry.Schema, demo_graph: Graph) -> None:
    # Lakeside endorses mc-cyber-3 and mc-pm-1 directly, and suite-cyber (so all four cyber
    # members).
    assert await ids(schema, demo_graph, filter={"endorsedBy": "emp-lakeside"}) == [
        "mc-cyber-1",
        "mc-cyber-2",
        "mc-cyber-3",
        "mc-cyber-4",
        "mc-pm-1",
    ]
    # 20-30 hours and not credit-bearing: the cyber four (20 h), mc-ml-intro (25), mc-python-intro
    # (30), mc-sql-basics (20); mc-pm-1 (24 h) bears credit.
    assert await ids(
        schema, demo_graph, filter={"hoursMin": 20, "hoursMax": 30, "creditBearing": False}
    ) == [
        "mc-cyber-1",
        "mc-cyber-2",
        "mc-cyber-3",
        "mc-cyber-4",
        "mc-ml-intro",
        "mc-python-intro",
        "mc-sql-basics",
    ]
    # Text: "data" in the names of two members of the data suite (the capstone's name has none).
    found = await ids(schema, demo_graph, text="data", filter={"suiteId": "suite-data"})
    assert sorted(found) == ["mc-data-1", "mc-data-2"]
    bad = "{ catalogue(filter: {hoursMin: 30, hoursMax: 10}) { truncated } }"
    assert await errors_of(schema, demo_graph, bad) == ["hoursMin 30 is above hoursMax 10"]


FEEDBACK = """query ($id: ID!) { feedbackSummary(id: $id) { count averageRating members {
  microCredentialId count averageRating versions { versionId version count averageRating
  learnerAverage employerAverage changeFromPrevious } } } }"""


async def test_feedback_per_version_with_the_trend(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # mc-data-1 supersedes mc-data-1-v1 (the 2022 edition, rated 3); the current one is rated 5 and
    # 4 (4.5): +1.5 between versions; 3 ratings, average 4.
    summary = (await run(schema, demo_graph, FEEDBACK, id="mc-data-1"))["feedbackSummary"]
    assert (summary["count"], summary["averageRating"]) == (3, 4.0)
    [member] = summary["members"]
    assert member["versions"] == [
        {
            "versionId": "mc-data-1-v1",
            "version": "1",
            "count": 1,
            "averageRating": 3.0,
            "learnerAverage": 3.0,
            "employerAverage": None,
            "changeFromPrevious": None,
        },
        {
            "versionId": "mc-data-1",
            "version": "2",
            "count": 2,
            "averageRating": 4.5,
            "learnerAverage": 4.5,
            "employerAverage": None,
            "changeFromPrevious": 1.5,
        },
    ]
    # The suite: mc-data-1 (3, 5, 4 over its versions), mc-data-2 (none), mc-data-3 (employer 5):
    # 4 ratings, average 4.25.
    suite = (await run(schema, demo_graph, FEEDBACK, id="suite-data"))["feedbackSummary"]
    assert (suite["count"], suite["averageRating"]) == (4, 4.25)
    assert [(m["microCredentialId"], m["count"]) for m in suite["members"]] == [
        ("mc-data-1", 3),
        ("mc-data-2", 0),
        ("mc-data-3", 1),
    ]


async def test_add_feedback(schema: strawberry.Schema, demo_graph: Graph) -> None:
    add = """mutation ($input: FeedbackInput!) { addFeedback(input: $input) { __typename
      ... on Feedback { rating from about { id } } ... on InvalidInput { fields { field } } } }"""
    ok = await run(
        schema,
        demo_graph,
        add,
        admin=True,
        input={"microCredentialId": "mc-data-3", "rating": 4, "from": "LEARNER", "comment": "good"},
    )
    assert ok["addFeedback"] == {
        "__typename": "Feedback",
        "rating": 4,
        "from": "LEARNER",
        "about": {"id": "mc-data-3"},
    }
    summary = (await run(schema, demo_graph, FEEDBACK, id="mc-data-3"))["feedbackSummary"]
    assert (summary["count"], summary["averageRating"]) == (2, 4.5)
    too_high = await run(
        schema, demo_graph, add, admin=True, input={"microCredentialId": "mc-data-3", "rating": 9}
    )
    assert too_high["addFeedback"] == {
        "__typename": "InvalidInput",
        "fields": [{"field": "rating"}],
    }
    nowhere = await run(
        schema, demo_graph, add, admin=True, input={"microCredentialId": "mc-nope", "rating": 3}
    )
    assert nowhere["addFeedback"]["__typename"] == "InvalidInput"
    after = (await run(schema, demo_graph, FEEDBACK, id="mc-data-3"))["feedbackSummary"]
    assert after["count"] == 2  # the refused ones wrote nothing
