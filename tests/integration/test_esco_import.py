"""ESCO into the real Neo4j: atomic, idempotent, incremental; a corrupted copy loads nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.container import Graph
from importers.base import SourceError, apply
from importers.esco import parse
from tests.conftest import graph_counts

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "esco" / "subset"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent"),
]


async def test_import_then_reimport_is_a_no_op(empty_graph: Graph) -> None:
    first = await apply(empty_graph.nodes, parse([CORPUS]))
    assert (first.created, first.updated, first.links, first.warnings) == (1296, 0, 7881, ())
    assert await graph_counts(empty_graph) == (1296, 7881)
    again = await apply(empty_graph.nodes, parse([CORPUS]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1296)
    assert await graph_counts(empty_graph) == (1296, 7881)
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (:Occupation {code: '2529.7'})-[n:NEEDS]->(:Competency) "
        "RETURN count(n) AS c, sum(CASE WHEN n.essential THEN 1 ELSE 0 END) AS essential"
    )
    assert records[0]["c"] > 0 and 0 < records[0]["essential"] <= records[0]["c"]


async def test_a_changed_row_updates_just_that_node(empty_graph: Graph, tmp_path: Path) -> None:
    await apply(empty_graph.nodes, parse([CORPUS]))
    copy = tmp_path / "esco"
    shutil.copytree(CORPUS, copy)
    skills = copy / "skills_en.csv"
    skills.write_text(
        skills.read_text().replace(",Haskell,Haskell,", ",Haskell (language),Haskell,", 1)
    )
    summary = await apply(empty_graph.nodes, parse([copy]))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1295)


async def test_a_corrupted_copy_loads_nothing(empty_graph: Graph, tmp_path: Path) -> None:
    copy = tmp_path / "esco"
    shutil.copytree(CORPUS, copy)
    relations = copy / "occupationSkillRelations.csv"
    lines = relations.read_text().splitlines(keepends=True)
    lines[4000] = lines[4000].replace("essential", "sometimes").replace("optional", "sometimes")
    relations.write_text("".join(lines))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([copy]))
    assert "occupationSkillRelations.csv" in caught.value.message
    assert caught.value.field_name == "relationType"
    assert await graph_counts(empty_graph) == (0, 0)


async def test_dry_run_writes_nothing(empty_graph: Graph) -> None:
    summary = await apply(empty_graph.nodes, parse([CORPUS]), dry_run=True)
    assert (summary.created, summary.dry_run) == (1296, True)
    assert await graph_counts(empty_graph) == (0, 0)
