"""A hostile document compiles to exactly the statement a benign one of the same shape does:
aliases, ids, filter strings and cursors never reach the Cypher text."""

from __future__ import annotations

from graphql import FragmentDefinitionNode, get_operation_ast, parse
from graphql.execution.values import VariableValues, get_variable_values

from api.compiled_selection import SelectionBuilder
from api.schema import build_schema
from api.types.pagination import encode_cursor
from graph.compiler import CompiledPlan, compile_read

SCHEMA = build_schema()._schema
SHAPE = """
query {
  %(a)s: microCredential(id: %(id)s) {
    %(b)s: name
    %(c)s: competencies { %(d)s: competency { %(e)s: id } %(f)s: level }
    ... on MicroCredential { %(g)s: institution { %(h)s: name } }
  }
  %(i)s: courses(first: 2, after: %(after)s, filter: { nameContains: %(q)s, source: %(q)s }) {
    %(j)s: totalCount %(k)s: nodes { %(l)s: id }
  }
  %(m)s: node(id: %(id)s) { %(n)s: __typename ... on Course { %(o)s: code } }
}
"""
BENIGN = {k: k * 2 for k in "abcdefghijklmno"} | {
    "id": '"mc-data-2"',
    "after": '"aWQ6eA=="',
    "q": '"data"',
}
HOSTILE_TEXT = "x'}) MATCH (n) DETACH DELETE n // ` $p0 RETURN 1 {"
HOSTILE = {
    k: name
    for k, name in zip(
        "abcdefghijklmno",
        ["MATCH", "n", "DETACH", "DELETE", "RETURN", "__p0", "CALL", "c0", "p1", "WITH", "_",
         "LIMIT", "id", "labels", "toString"],
        strict=True,
    )
} | {"id": f'"{HOSTILE_TEXT}"', "after": f'"{HOSTILE_TEXT}"', "q": f'"{HOSTILE_TEXT}"'}  # fmt: skip


def _plan(document: str) -> CompiledPlan:
    parsed = parse(document)
    operation = get_operation_ast(parsed)
    assert operation is not None
    fragments = {
        d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)
    }
    variables = get_variable_values(SCHEMA, operation.variable_definitions or (), {})
    assert isinstance(variables, VariableValues)
    builder = SelectionBuilder(SCHEMA, fragments, variables)
    return compile_read(builder.read(operation))


def test_a_hostile_document_compiles_to_the_benign_statement() -> None:
    benign = _plan(SHAPE % BENIGN)
    hostile = _plan(SHAPE % HOSTILE)
    assert benign.text is not None
    assert hostile.text == benign.text
    for word in ("DETACH", "DELETE", "__p0", "toString)", "x'"):
        assert word not in benign.text


def test_hostile_values_travel_only_as_parameters() -> None:
    cursor = encode_cursor(HOSTILE_TEXT)
    document = SHAPE % (HOSTILE | {"after": f'"{cursor}"'})
    operation = get_operation_ast(parse(document))
    assert operation is not None
    variables = get_variable_values(SCHEMA, (), {})
    assert isinstance(variables, VariableValues)
    builder = SelectionBuilder(SCHEMA, {}, variables)
    plan = compile_read(builder.read(operation))
    params = plan.bind(builder.recipes.values(variables, 100)).params
    assert HOSTILE_TEXT in params.values()  # the id and the cursor's id
    assert HOSTILE_TEXT.lower() in params.values()  # the name filter
    assert plan.text is not None and "MATCH (n) DETACH" not in plan.text
