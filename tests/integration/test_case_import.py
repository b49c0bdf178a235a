"""CASE packages from the corpus: counts, atomicity, idempotence, located errors, stubs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.container import Graph
from graph.relations import RelType
from importers.base import SourceError, apply
from importers.case import parse
from tests.conftest import graph_counts

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "case"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent"),
]
ACT = CORPUS / "opensalt_act_holistic_math_excerpt.cfpackage.json"
MATH = CORPUS / "smarterbalanced_math_content_spec.cfpackage.json"


@pytest.mark.parametrize(
    ("name", "items", "broader", "requires", "aligns"),
    [
        # MANIFEST.tsv: items and associations per type; isChildOf of a top-level item points at
        # the document and is not a BROADER edge.
        ("opensalt_act_holistic_math_excerpt.cfpackage.json", 28, 27, 0, 0),
        ("opensalt_legacy_what_standards_could_be.json", 16, 14, 3, 20),
        ("smarterbalanced_math_content_spec.cfpackage.json", 585, 562, 423, 1461 + 914),
        ("smarterbalanced_math_g3_c1_th.cfpackage.json", 48, 44, 0, 3 + 16),
        (
            "smarterbalanced_item_specs_5packages.cfpackage-array.json",
            38 + 65 + 305 + 207 + 32,
            624,
            0,
            428,
        ),
    ],
)
def test_corpus_packages_have_the_manifest_counts(
    name: str, items: int, broader: int, requires: int, aligns: int
) -> None:
    batch = parse([CORPUS / name])
    assert len(batch.links[RelType.IN_FRAMEWORK]) == items
    assert len(batch.links[RelType.BROADER]) == broader
    assert len(batch.links[RelType.REQUIRES]) == requires
    assert len(batch.links[RelType.ALIGNS]) == aligns


def test_the_json_schema_is_not_a_package() -> None:
    with pytest.raises(SourceError, match="not a CASE package"):
        parse([CORPUS / "case-v1p0-cfpackage-schema.json"])


async def test_import_is_idempotent_and_keeps_real_nodes_over_stubs(empty_graph: Graph) -> None:
    first = await apply(empty_graph.nodes, parse([MATH]))
    assert first.created == 1 + 1525  # the document, 585 items and 940 external stubs
    counts = await graph_counts(empty_graph)
    again = await apply(empty_graph.nodes, parse([MATH]))
    assert (again.created, again.updated) == (0, 0)
    assert await graph_counts(empty_graph) == counts
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (c:Competency) RETURN sum(CASE WHEN c.external THEN 1 ELSE 0 END) AS stubs"
    )
    assert records[0]["stubs"] == 940


async def test_corrupted_copies_load_nothing_and_say_where(
    empty_graph: Graph, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    text = ACT.read_text()
    broken.write_text(text[: len(text) // 2])  # truncated
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([broken]))
    assert "invalid JSON" in caught.value.message and "line" in caught.value.where
    data = json.loads(text)
    del data["CFItems"][5]["fullStatement"]
    missing = tmp_path / "missing.json"
    missing.write_text(json.dumps(data))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([missing]))
    assert (caught.value.where, caught.value.field_name) == (
        "JSON pointer /CFItems/5",
        "fullStatement",
    )
    assert await graph_counts(empty_graph) == (0, 0)
