"""CTDL JSON-LD: every corpus file, manifest counts, atomicity, idempotence, located errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.container import Graph
from graph.relations import RelType
from importers.base import SourceError, apply
from importers.ctdl import counts_by_label, parse
from tests.conftest import graph_counts

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ctdl" / "synthetic-pathway.json"
# CTDL types that map one to one onto a label (the others share labels, e.g. Course).
ONE_TO_ONE = {
    "ceasn:Competency": "Competency",
    "ceasn:CompetencyFramework": "Framework",
    "ceterms:TransferValueProfile": "TransferValue",
    "ceterms:TransferAgreement": "TransferAgreement",
}


def _manifest() -> list[tuple[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        return []
    rows = [line.rstrip("\n").split("\t") for line in path.read_text().splitlines()]
    return [(r[0], r[2]) for r in rows if r[0].startswith("ctdl/") and not r[0].endswith(".erb")]


corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
MANIFEST = _manifest()
VALID = [(p, what) for p, what in MANIFEST if "not single JSON" not in what]
INVALID = [p for p, what in MANIFEST if "not single JSON" in what]


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize(("path", "what"), VALID, ids=[p for p, _ in VALID])
def test_valid_corpus_files_load_with_the_manifest_counts(path: str, what: str) -> None:
    batch = parse([CORPUS / path])
    counts = counts_by_label(batch)
    text = (CORPUS / path).read_text(encoding="utf-8-sig")
    for ctdl_type, n in re.findall(r"([\w:/.]+)\u00d7(\d+)", what):
        short = (
            "ceasn:" + ctdl_type.rsplit("/", 1)[-1] if "ctdlasn/terms" in ctdl_type else ctdl_type
        )
        if short not in ONE_TO_ONE:
            continue
        expected = int(n)
        if f'"envelope_ctdl_type": "{short}"' in text:
            expected -= 1  # the manifest also counted the envelope's own type field
        assert counts.get(ONE_TO_ONE[short], 0) == expected, (short, counts)


@corpus
@pytest.mark.corpus
@pytest.mark.parametrize("path", INVALID)
def test_invalid_corpus_files_fail_with_their_line(path: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse([CORPUS / path])
    assert caught.value.file.endswith(Path(path).name)
    assert re.fullmatch(r"line \d+ column \d+", caught.value.where)


@corpus
@pytest.mark.corpus
async def test_whole_ctdl_corpus_imports_once_then_is_a_no_op(empty_graph: Graph) -> None:
    files = [CORPUS / p for p, _ in VALID if (CORPUS / p).suffix != ".erb"]
    # scqf.json and friends are qualification frameworks: nothing to store, a warning each
    batch = parse(files)
    first = await apply(empty_graph.nodes, batch)
    assert first.created == len({n.id for n in batch.nodes}) > 900
    counts = await graph_counts(empty_graph)
    again = await apply(empty_graph.nodes, parse(files))
    assert (again.created, again.updated) == (0, 0)
    assert await graph_counts(empty_graph) == counts


async def test_synthetic_pathway_loads_and_answers(empty_graph: Graph) -> None:
    summary = await apply(empty_graph.nodes, parse([FIXTURE]))
    # 2 institutions, a framework, 2 competencies, a badge, 3 courses, the transfer value, the
    # agreement and the pathway; 2 competency stubs (Teamwork, the aligned IRI); 2 rule nodes
    assert summary.created == 16 and not [w for w in summary.warnings if "no node" in w]
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (p:Program)-[:HAS_REQUIREMENT]->(:Requirement)-[:OPTION]->(r:Requirement)"
        "-[:OPTION]->(i) RETURN p.name AS p, r.op AS op, r.count AS n, count(i) AS items"
    )
    assert [dict(r) for r in records] == [
        {"p": "Data pathway", "op": "AT_LEAST", "n": 2, "items": 3}
    ]
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (t:TransferValue)-[:FROM]->(f) RETURN t.credits AS credits, count(f) AS sources"
    )
    assert [dict(r) for r in records] == [{"credits": 3.0, "sources": 2}]


async def test_a_corrupted_copy_writes_nothing(empty_graph: Graph, tmp_path: Path) -> None:
    before = await graph_counts(empty_graph)
    broken = tmp_path / "pathway.json"
    broken.write_text(FIXTURE.read_text().replace('"ceterms:requiredNumber": 2', '"x": ]'))
    with pytest.raises(SourceError, match="invalid JSON"):
        await apply(empty_graph.nodes, parse([broken]))
    bad_value = tmp_path / "bad-value.json"
    bad_value.write_text(FIXTURE.read_text().replace('"schema:value": 3', '"schema:value": -3'))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([bad_value]))
    assert caught.value.field_name == "credits" and "tvp" in caught.value.where
    assert await graph_counts(empty_graph) == before
    assert RelType.FROM  # the links above are only written by a successful import
