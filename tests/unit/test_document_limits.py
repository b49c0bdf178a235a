"""The depth, alias, repeat and cost limits measure each fragment once: the work is linear in the
document even when its fragments spread each other exponentially many times (issue 14, item 1)."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import parse
from hypothesis import given, settings
from hypothesis import strategies as st

from api.limits import MAX_REPEATS, DocumentMeasurer, Limits
from api.schema import build_schema
from tests.conftest import make_settings

SCHEMA = build_schema(make_settings())
LIMITS = Limits(max_depth=10, max_aliases=30, max_cost=50_000, page_cap=100)


@dataclass
class FakeContext:
    request_id: str = "req-7"
    metrics: object = None


def _interfaces(kind: object) -> set[str]:
    return {i.name for i in getattr(kind, "interfaces", ())}


def fan_out(levels: int, leaf: str = "__typename") -> str:
    """`levels` fragments, each spreading the next one twice: 2^levels leaves once expanded."""
    fragments = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    return "{ ...F0 }\n" + "\n".join([*fragments, f"fragment F{levels} on Query {{ {leaf} }}"])


def selections_in(document: str) -> int:
    """How many selections the document's text holds (fields, spreads, inline fragments)."""
    count = 0
    stack = list(parse(document).definitions)
    while stack:
        node = stack.pop()
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            count += len(selection_set.selections)
            stack.extend(selection_set.selections)
    return count


def test_an_exponential_fan_out_is_measured_in_linear_work_and_refused() -> None:
    document = fan_out(60)  # 2^60 leaves: never finishes if fragments were expanded
    measurer = DocumentMeasurer.of(parse(document), SCHEMA._schema, page_cap=100)
    (operation,) = [d for d in parse(document).definitions if d.kind == "operation_definition"]
    measure = measurer.operation(operation)  # type: ignore[arg-type]
    assert measure.cost == 2**60
    assert measurer.most_repeated == (2**60, "__typename")
    assert measurer.visits <= selections_in(document)
    result = SCHEMA.execute_sync(document, context_value=FakeContext())
    assert result.errors is not None
    messages = " | ".join(e.message for e in result.errors)
    assert "query cost" in messages and "selected" in messages
    assert {e.extensions["code"] for e in result.errors if e.extensions} == {"BAD_REQUEST"}


def test_the_issue_documents_are_refused() -> None:
    for levels in (19, 25):
        result = SCHEMA.execute_sync(fan_out(levels), context_value=FakeContext())
        assert result.errors and result.data is None


def test_a_field_repeated_past_the_bound_is_refused_before_graphql_cores_rules() -> None:
    # graphql-core's overlapping-fields rule compares every pair: 600 copies took it 2 s
    document = "{ " + " ".join("courses { totalCount }" for _ in range(600)) + " }"
    result = SCHEMA.execute_sync(document, context_value=FakeContext())
    assert result.errors is not None
    assert [e.message for e in result.errors] == [
        f"'courses' is selected 600 times in one selection set (fragments included); "
        f"at most {MAX_REPEATS}"
    ]
    # one type condition per entity type repeats `id` well within the bound
    types = [t for t in SCHEMA._schema.type_map.values() if "Node" in _interfaces(t)]
    assert len(types) >= 17
    per_type = " ".join(f"... on {t.name} {{ id }}" for t in types)
    within = LIMITS.errors(parse('{ node(id: "x") { id ' + per_type + " } }"), SCHEMA._schema)
    assert within == []


def test_depth_and_aliases_count_through_fragments_once() -> None:
    deep = (
        '{ competency(id: "c") { ...A } } fragment A on Competency { broader { ...B } } '
        "fragment B on Competency { " + "broader { " * 10 + "id" + " }" * 10 + " }"
    )
    result = SCHEMA.execute_sync(deep, context_value=FakeContext())
    assert result.errors and "exceeds maximum operation depth of 10" in result.errors[0].message
    aliased = (
        "{ ...F0 } "
        + " ".join(
            f"fragment F{i} on Query {{ a{i}: __typename ...F{i + 1} ...F{i + 1} }}"
            for i in range(6)
        )
        + " fragment F6 on Query { z: __typename }"
    )
    result = SCHEMA.execute_sync(aliased, context_value=FakeContext())
    assert result.errors and "aliases found. Allowed: 30" in result.errors[0].message


@st.composite
def fragment_documents(draw: st.DrawFn) -> str:
    """Random fragment graphs over Query: each fragment spreads later ones any number of times,
    with a few fields and inline fragments, and sometimes a cycle or an unknown fragment."""
    count = draw(st.integers(1, 12))
    fragments = []
    for i in range(count):
        parts = [
            draw(
                st.sampled_from(
                    ["__typename", "t: __typename", "s: __schema { queryType { name } }"]
                )
            )
        ]
        for _ in range(draw(st.integers(0, 4))):
            target = draw(st.integers(i + 1, count)) if i + 1 <= count else count
            if draw(st.integers(0, 20)) == 0:
                target = draw(st.integers(0, count + 1))  # a cycle, or a fragment that is missing
            parts.append(f"...F{target}")
        if draw(st.booleans()):
            parts.append("... on Query { " + " ".join(parts) + " }")
        fragments.append(f"fragment F{i} on Query {{ {' '.join(parts)} }}")
    fragments.append(f"fragment F{count} on Query {{ __typename }}")
    return "{ ...F0 }\n" + "\n".join(fragments)


@settings(max_examples=150, deadline=None)
@given(document=fragment_documents())
def test_fragment_heavy_documents_cost_linear_work(document: str) -> None:
    parsed = parse(document)
    measurer = DocumentMeasurer.of(parsed, SCHEMA._schema, page_cap=100)
    for definition in parsed.definitions:
        if definition.kind == "operation_definition":
            measurer.operation(definition)  # type: ignore[arg-type]
    assert measurer.visits <= selections_in(document)
    result = SCHEMA.execute_sync(document, context_value=FakeContext())
    for error in result.errors or []:
        assert error.extensions and error.extensions["code"] == "BAD_REQUEST", error.message
