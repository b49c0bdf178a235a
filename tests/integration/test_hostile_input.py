"""Hostile input to every importer and mutation: a clear error or a correct write, never a crash,
and a failed write leaves the graph exactly as it was (counts and a content checksum)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import strawberry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.auth import ADMIN
from api.context import Context
from api.resolvers.mutations import EDITABLE
from api.schema import build_schema
from graph.container import Graph
from graph.errors import GraphError
from importers import case, csv_templates, ctdl, elm, esco, openbadges
from importers.base import ImportBatch, SourceError, apply
from tests.conftest import make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INJECTIONS = [
    "x'}) MATCH (n) DETACH DELETE n //",
    '") RETURN 1 UNION MATCH (n) DETACH DELETE n //',
    "`) DETACH DELETE n //",
    "$label}) SET n:Admin //",
    "{id: 1}]->(m) DELETE m",
    "\\' OR 1=1 --",
    "name\u0000with NUL",
    "CALL dbms.killQueries([]) YIELD *",
]


def _csv_examples(folder: Path) -> list[Path]:
    files = []
    for name in csv_templates.TEMPLATES:
        path = folder / f"{name}.csv"
        path.write_text(csv_templates.template_csv(name))
        files.append(path)
    return files


PARSERS: dict[str, tuple[Callable[[list[Path]], ImportBatch], Path]] = {
    "case": (case.parse, FIXTURES / "case" / "synthetic-case-1.1.json"),
    "ctdl": (ctdl.parse, FIXTURES / "ctdl" / "synthetic-pathway.json"),
    "openbadges": (openbadges.parse, FIXTURES / "obv3" / "clr20" / "complex.json"),
    "elm": (elm.parse, FIXTURES / "elm" / "Sample-MC-Annex1-unsigned.jsonld"),
}


async def checksum(graph: Graph) -> str:
    """Every node's labels and properties and every relationship, timestamps aside."""
    nodes, _, _ = await graph.driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id"
    )
    rels, _, _ = await graph.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p "
        "ORDER BY a, t, b"
    )
    stamps = {"createdAt", "updatedAt"}
    content = [
        [sorted(r["l"]), {k: v for k, v in r["p"].items() if k not in stamps}] for r in nodes
    ] + [[r["a"], r["t"], r["b"], r["p"]] for r in rels]
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def _mutate_json(value: Any, rng: random.Random, payload: Any) -> Any:
    """The document with one randomly chosen value replaced by `payload`."""
    paths: list[list[Any]] = []

    def walk(node: Any, path: list[Any]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, child in node.items():
                walk(child, [*path, key])
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, [*path, index])

    walk(value, [])
    path = rng.choice(paths[1:]) if len(paths) > 1 else []
    if not path:
        return payload
    target = value
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = payload
    return value


HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(INJECTIONS),
    st.text(max_size=30),
    st.just("x" * 20_000),
    st.lists(st.sampled_from(INJECTIONS), max_size=3),
    st.dictionaries(st.sampled_from(["@id", "id", "type", "@type", "`x`"]), st.text(max_size=5)),
)


@pytest.mark.parametrize("kind", sorted(PARSERS))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_documents_parse_or_fail_with_a_located_error(
    kind: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    parse, fixture = PARSERS[kind]
    text = fixture.read_text()
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    how = data.draw(st.sampled_from(["value", "truncate", "splice"]))
    if how == "value":
        mutated = json.dumps(_mutate_json(json.loads(text), rng, data.draw(HOSTILE_VALUES)))
    elif how == "truncate":
        mutated = text[: rng.randrange(len(text))]
    else:
        at = rng.randrange(len(text))
        mutated = (
            text[:at] + data.draw(st.sampled_from(INJECTIONS)) + text[at + rng.randrange(20) :]
        )
    path = tmp_path_factory.mktemp(kind) / fixture.name
    path.write_text(mutated)
    try:
        parse([path])
    except SourceError as error:
        assert error.file == str(path) and error.where and error.field_name
        assert "Traceback" not in error.message


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_csv_rows_parse_or_fail_with_a_located_error(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    files = _csv_examples(folder)
    target = data.draw(st.sampled_from(files))
    lines = target.read_text().splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    column = data.draw(st.integers(0, len(row) - 1))
    value = data.draw(st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=40)))
    if data.draw(st.booleans()):
        header[column] = value.replace(",", ";").replace("\n", " ") or "x"  # a hostile header
    else:
        row[column] = json.dumps(value)  # quoted: may hold commas and newlines
    target.write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    try:
        csv_templates.parse(files)
    except SourceError as error:
        assert error.file.endswith(".csv") and error.where and error.field_name


async def test_failed_imports_leave_the_graph_exactly_as_it_was(
    demo_graph: Graph, tmp_path: Path
) -> None:
    """Files that fail only at write time (a link to an id of the wrong kind, say) and files that
    fail in parsing: the content checksum is the same before and after."""
    before = await checksum(demo_graph)
    rng = random.Random(5)
    failures = 0
    for kind, (parse, fixture) in sorted(PARSERS.items()):
        for n in range(6):
            doc = _mutate_json(json.loads(fixture.read_text()), rng, rng.choice(INJECTIONS))
            if n % 2:  # and one id that collides with a demo node of another label
                doc = json.loads(json.dumps(doc).replace("example.org", "example org", 1))
            path = tmp_path / f"{kind}-{n}.json"
            path.write_text(json.dumps(doc))
            try:
                await apply(demo_graph.nodes, parse([path]), dry_run=True)
            except GraphError:
                failures += 1
                assert await checksum(demo_graph) == before
    # a write-time failure: an import whose node id is a demo Course's id but a Competency here
    clash = tmp_path / "competencies.csv"
    clash.write_text("id,name,framework\nlsu-cs101,Clash,fw-x\n")
    with pytest.raises(GraphError, match="already used by another kind"):
        await apply(demo_graph.nodes, csv_templates.parse([clash]))
    assert await checksum(demo_graph) == before
    assert failures > 0


def _string_fields(input_type: type) -> list[str]:
    hints = typing.get_type_hints(input_type)
    names = []
    for field in dataclasses.fields(input_type):
        args = typing.get_args(hints[field.name]) or (hints[field.name],)
        if str in args:
            names.append(field.name)
    return names


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema()


async def test_injection_strings_in_every_string_field_are_stored_verbatim(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    context = Context(graph=demo_graph, settings=make_settings(), principal=ADMIN, request_id="t")
    for label, input_type in EDITABLE.items():
        fields = _string_fields(input_type)
        for n, payload in enumerate(INJECTIONS):
            before_nodes, _, _ = await demo_graph.driver.execute_query(
                "MATCH (n:Entity) RETURN count(n) AS c"
            )
            values = {strawberry_name(f): payload for f in fields}
            values["id"] = f"inj-{label.value.lower()}-{n}"
            mutation = (
                f"mutation ($input: {input_type.__name__}!) {{ create{label.value}(input: $input) "
                "{ __typename ... on InvalidInput { fields { field } } } }"
            )
            result = await schema.execute(
                mutation, variable_values={"input": values}, context_value=context
            )
            assert result.errors is None, (label, payload, result.errors)
            assert result.data is not None
            outcome = result.data[f"create{label.value}"]
            after_nodes, _, _ = await demo_graph.driver.execute_query(
                "MATCH (n:Entity) RETURN count(n) AS c"
            )
            if outcome["__typename"] == "InvalidInput":
                assert after_nodes[0]["c"] == before_nodes[0]["c"]
                continue
            assert after_nodes[0]["c"] == before_nodes[0]["c"] + 1
            stored, _, _ = await demo_graph.driver.execute_query(
                "MATCH (n:Entity {id: $id}) RETURN properties(n) AS p", id=values["id"]
            )
            props = stored[0]["p"]
            for field in fields:
                key = strawberry_name(field)
                if key != "id":
                    assert props.get(key) == payload, (label, key)
    # ids that look like Cypher are refused by the id pattern, naming the field
    result = await schema.execute(
        'mutation { createCompetency(input: {id: "x\\") DETACH DELETE n //", name: "n"}) '
        "{ __typename ... on InvalidInput { fields { field } } } }",
        context_value=context,
    )
    assert result.data == {
        "createCompetency": {"__typename": "InvalidInput", "fields": [{"field": "id"}]}
    }


def strawberry_name(python_name: str) -> str:
    head, *rest = python_name.split("_")
    return head + "".join(part.title() for part in rest)


ESCO_FILES = {
    "skills_en.csv": "conceptUri,preferredLabel,skillType,description\n"
    "http://data.europa.eu/esco/skill/a,Haskell,knowledge,functional\n"
    "http://data.europa.eu/esco/skill/b,debug software,skill/competence,\n",
    "broaderRelationsSkillPillar.csv": "conceptUri,broaderUri\n"
    "http://data.europa.eu/esco/skill/a,http://data.europa.eu/esco/skill/b\n",
    "occupationSkillRelations.csv": "occupationUri,relationType,skillUri\n"
    "http://data.europa.eu/esco/occupation/x,essential,http://data.europa.eu/esco/skill/a\n",
}


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_esco_files_parse_or_fail_with_a_located_error(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("esco")
    for name, text in ESCO_FILES.items():
        (folder / name).write_text(text)
    name = data.draw(st.sampled_from(sorted(ESCO_FILES)))
    text = ESCO_FILES[name]
    at = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 30))
    insert = data.draw(
        st.one_of(st.sampled_from([*INJECTIONS, '"', ",", "\n", ""]), st.text(max_size=20))
    )
    (folder / name).write_text(text[:at] + insert + text[at + cut :])
    try:
        esco.parse([folder])
    except SourceError as error:
        assert error.file.endswith(".csv") and error.where and error.field_name


def test_an_esco_row_short_of_an_unnamed_column_names_it_by_position(tmp_path: Path) -> None:
    # The header ends in a comma: its fourth column has no name; a row of three cells misses it.
    for name, text in ESCO_FILES.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "occupationSkillRelations.csv").write_text(
        "occupationUri,relationType,skillUri,\n"
        "http://data.europa.eu/esco/occupation/x,essential,http://data.europa.eu/esco/skill/a\n"
    )
    with pytest.raises(SourceError) as raised:
        esco.parse([tmp_path])
    assert raised.value.where == "line 2"
    assert raised.value.field_name == "column 4 (unnamed)"
