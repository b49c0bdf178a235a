"""CSV templates: the shipped examples compose into one import; errors name file, line, column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.container import Graph
from importers.base import SourceError, apply
from importers.csv_templates import TEMPLATES, parse, template_csv
from tests.conftest import graph_counts


def _write_examples(folder: Path) -> list[Path]:
    files = []
    for name in TEMPLATES:
        path = folder / f"{name}.csv"
        path.write_text(template_csv(name))
        files.append(path)
    # the agreements example sends from a second institution (written by column name, so a
    # column added to the template cannot shift its cells)
    columns = [c.name for c in TEMPLATES["institutions"].columns]
    with (folder / "institutions.csv").open("a", newline="") as handle:
        csv.DictWriter(handle, columns, restval="", lineterminator="\n").writerow(
            {
                "id": "inst-northern",
                "name": "Northern Lakes College",
                "kind": "COLLEGE",
                "jurisdiction": "ON",
                "creditUnit": "CREDIT_HOUR",
            }
        )
    return files


async def test_the_examples_load_together_and_reload_as_a_no_op(
    empty_graph: Graph, tmp_path: Path
) -> None:
    files = _write_examples(tmp_path)
    first = await apply(empty_graph.nodes, parse(files))
    assert first.warnings == ()  # every id an example refers to is defined by another example
    # 2 institutions, framework + competency, course, micro-credential, suite, program, rule,
    # agreement, transfer value, 1 learner (holdings and evidence name the same one), evidence
    assert first.created == 13
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (tv:TransferValue)-[:FROM]->(f), (tv)-[:FOR]->(c), (a)-[:INCLUDES]->(tv), "
        "(l:Learner)-[e:EARNED]->(f) "
        "RETURN tv.minGrade AS min, f.id AS f, c.id AS c, a.id AS a, e.grade AS grade, "
        "l.displayName AS name"
    )
    assert [dict(r) for r in records] == [
        # letters are the lower bounds of their bands: C = 63, B+ = 77
        {
            "min": 63.0,
            "f": "mc-sql-basics",
            "c": "lk-cs101",
            "a": "agr-nl-lk",
            "grade": 77.0,
            "name": "Learner 42",
        }
    ]
    counts = await graph_counts(empty_graph)
    again = await apply(empty_graph.nodes, parse(files))
    assert (again.created, again.updated) == (0, 0) and await graph_counts(empty_graph) == counts


async def test_a_learner_named_in_passing_keeps_its_display_name(
    empty_graph: Graph, tmp_path: Path
) -> None:
    files = _write_examples(tmp_path)
    await apply(empty_graph.nodes, parse(files))
    holdings = tmp_path / "holdings-more.csv"
    holdings.write_text("learner,item,grade\nlearner-0042,lk-cs101,91\n")
    summary = await apply(empty_graph.nodes, parse([holdings]))
    assert (summary.created, summary.updated) == (0, 0)
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (l:Learner {id: 'learner-0042'})-[e:EARNED]->(c:Course) "
        "RETURN l.displayName AS n, e.grade AS g"
    )
    assert [dict(r) for r in records] == [{"n": "Learner 42", "g": 91.0}]


@pytest.mark.parametrize(
    ("file", "text", "where", "column"),
    [
        ("courses.csv", "id,name,institution,credits\nc1,Intro,i1,three\n", "line 2", "credits"),
        ("courses.csv", "id,name,institution,credit\nc1,Intro,i1,3\n", "line 1 (header)", "credit"),
        ("courses.csv", "id,name\nc1,Intro\n", "line 1 (header)", "institution"),
        # a blank header cell (found by the hostile-input fuzzing) is named by its position
        ("courses.csv", 'id,name,""\nc1,Intro,x\n', "line 1 (header)", "column 3 (no name)"),
        ("holdings.csv", "learner,item,grade\nl1,c1,Q\n", "line 2", "grade"),
        ("holdings.csv", "learner,item,grade\nl1,c1,120\n", "line 2", "grade"),
        ("rules.csv", "id,op,options\nr1,ALL,c1\n", "line 2", "owner"),
        ("rules.csv", "id,op,owner\nr1,SOME,p1\n", "line 2", "op"),
        ("courses.csv", 'id,name,institution\nc1,"Intro\n', "line 2", "-"),
        ("programmes.csv", "id,name\np1,P\n", "file name", "template"),
        ("suites.csv", "id,name,institution\nbad id,S,i1\n", "line 2", "id"),
    ],
)
async def test_bad_rows_load_nothing_and_say_where(
    empty_graph: Graph, tmp_path: Path, file: str, text: str, where: str, column: str
) -> None:
    before = await graph_counts(empty_graph)
    good = _write_examples(tmp_path)
    bad = tmp_path / "bad" / file
    bad.parent.mkdir()
    bad.write_text(text)
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([*good, bad]))
    assert (caught.value.file, caught.value.where, caught.value.field_name) == (
        str(bad),
        where,
        column,
    )
    assert await graph_counts(empty_graph) == before
