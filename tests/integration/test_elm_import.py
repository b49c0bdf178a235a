"""European Learning Model credentials (EUPL-1.2 samples copied into tests/fixtures/elm)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import models as m
from graph.container import Graph
from graph.relations import RelType
from importers.base import SourceError, apply
from importers.elm import parse
from tests.conftest import graph_counts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "elm"
MC = FIXTURES / "Sample-MC-Annex1-unsigned.jsonld"


def test_micro_credential_with_ects_eqf_and_esco_skills() -> None:
    batch = parse([MC])
    spec = next(n for n in batch.nodes if n.id == "urn:epass:qualification:1")
    assert isinstance(spec, m.MicroCredential)
    # creditPoint 2 in the ECTS framework; volumeOfLearning PT60H
    assert (spec.credits, spec.credit_unit, spec.hours) == (2.0, m.CreditUnit.ECTS, 60.0)
    teaches = batch.links[RelType.TEACHES]
    # learning outcome 1 lists three ESCO skills, outcome 2 one (its DigComp skills are not ESCO)
    assert len(teaches) == 4
    assert all(t.to_id.startswith("http://data.europa.eu/esco/skill/") for t in teaches)
    assert {getattr(t.props, "level", None) for t in teaches} == {"EQF 6"}
    (earned,) = batch.links[RelType.EARNED]
    assert str(getattr(earned.props, "date", None)) == "2022-12-31"  # validFrom, no awardingDate


async def test_samples_load_once_without_personal_data(empty_graph: Graph) -> None:
    files = sorted(FIXTURES.glob("*.jsonld"))
    first = await apply(empty_graph.nodes, parse(files))
    assert first.created > 0
    counts = await graph_counts(empty_graph)
    again = await apply(empty_graph.nodes, parse(files))
    assert (again.created, again.updated) == (0, 0) and await graph_counts(empty_graph) == counts
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (n:Entity) RETURN collect(properties(n)) AS all"
    )
    stored = json.dumps(records[0]["all"], default=str)
    for file in files:
        person = json.loads(file.read_text())["credentialSubject"]
        for key in ("fullName", "givenName", "familyName", "dateOfBirth", "id"):
            value = person.get(key)
            text = value.get("en") if isinstance(value, dict) else value
            if isinstance(text, str):
                assert text not in stored, key


async def test_a_bad_duration_writes_nothing(empty_graph: Graph, tmp_path: Path) -> None:
    before = await graph_counts(empty_graph)
    bad = tmp_path / "mc.jsonld"
    bad.write_text(MC.read_text().replace('"PT60H"', '"sixty hours"'))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([FIXTURES / "credential-sample.jsonld", bad]))
    assert caught.value.field_name == "volumeOfLearning"
    assert caught.value.where == "JSON pointer /credentialSubject/hasClaim/specifiedBy"
    assert await graph_counts(empty_graph) == before
