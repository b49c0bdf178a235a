"""Abusive queries are rejected before any Cypher runs (counted on the real database gateway)."""

from __future__ import annotations

import pytest
import strawberry
from strawberry.extensions.validation_cache import _get_validate_cache

from api.auth import ANONYMOUS
from api.context import Context
from api.schema import DOCUMENT_CACHE_SIZE, build_schema
from graph.container import Graph
from tests.conftest import make_settings


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema(make_settings())


def _aliases(n: int) -> str:
    return "{ " + " ".join(f'a{i}: course(id: "nlc-dat101") {{ id }}' for i in range(n)) + " }"


ABUSIVE = {
    "deep nesting": '{ competency(id: "c-sql") { ' + "broader { " * 12 + "id" + " }" * 12 + " } }",
    "alias bomb": _aliases(200),
    "token flood": "{ " + " ".join(f"n{i}: __typename" for i in range(2000)) + " }",
    "cyclic fragments": """{ competency(id: "c-sql") { ...A } }
        fragment A on Competency { broader { ...B } }
        fragment B on Competency { narrower { ...A } }""",
    "huge page": "{ courses(first: 100000) { nodes { id } } }",
    # 100 courses x 10 competencies x 100 teachers each: cost 102,201 > 50,000
    "costly nesting": """{ courses(first: 100) { nodes { competencies { competency {
        taughtBy(first: 100) { id } } } } } }""",
}


@pytest.mark.parametrize("kind", sorted(ABUSIVE))
async def test_abusive_queries_never_reach_neo4j(
    schema: strawberry.Schema, demo_graph: Graph, kind: str
) -> None:
    before = sum(demo_graph.db.executed.values())
    context = Context(
        graph=demo_graph, settings=make_settings(), principal=ANONYMOUS, request_id="t"
    )
    for _ in range(2):  # the second time the verdict comes from the validation cache
        result = await schema.execute(ABUSIVE[kind], context_value=context)
        assert result.errors, kind
    assert sum(demo_graph.db.executed.values()) == before, f"{kind} ran Cypher"


async def test_a_repeated_document_is_validated_once(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    # the validation cache is keyed by the rule classes: made anew per request, it never hits
    cache = _get_validate_cache(DOCUMENT_CACHE_SIZE)
    context = Context(
        graph=demo_graph, settings=make_settings(), principal=ANONYMOUS, request_id="t"
    )
    query = '{ course(id: "nlc-dat101") { id name } }'
    await schema.execute(query, context_value=context)
    hits = cache.cache_info().hits  # type: ignore[attr-defined]
    result = await schema.execute(query, context_value=context)
    assert result.errors is None
    assert cache.cache_info().hits == hits + 1  # type: ignore[attr-defined]
