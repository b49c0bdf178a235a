"""European Learning Model credentials (EUPL-1.2 samples copied into tests/fixtures/elm)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph import models as m
from graph.container import Graph
from graph.relations import RelType
from importers.base import SourceError, apply
from importers.elm import ECTS_FRAMEWORK, parse
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


CLAIM = "/credentialSubject/hasClaim"
SPEC = f"{CLAIM}/specifiedBy"
SKILL = f"{SPEC}/learningOutcome/0/relatedESCOSkill/0"
# A value of the wrong JSON type is refused where it is: never stored as its Python repr, never
# dropped in silence (a title that is no text, read from elsewhere).
WRONG_TYPES = [
    # pointer set in the micro-credential sample, value, where the error is, field
    (f"{SPEC}/id", 1, SPEC, "id"),
    (f"{SPEC}/title", {"en": {"x": [1, 2]}}, SPEC, "title"),
    (f"{SPEC}/description", {"en": 5}, SPEC, "description"),
    (f"{SPEC}/volumeOfLearning", 60, SPEC, "volumeOfLearning"),
    (f"{SPEC}/eqfLevel/id", 6, f"{SPEC}/eqfLevel", "id"),
    (f"{SKILL}/id", 7, SKILL, "id"),
    (f"{SKILL}/prefLabel", ["communicate"], SKILL, "prefLabel"),
    (f"{CLAIM}/awardedBy/awardingBody/id", 5, f"{CLAIM}/awardedBy/awardingBody", "id"),
    (
        f"{CLAIM}/awardedBy/awardingBody/legalName",
        {"en": 3},
        f"{CLAIM}/awardedBy/awardingBody",
        "legalName",
    ),
    (f"{CLAIM}/awardedBy/awardingDate", 20221231, f"{CLAIM}/awardedBy", "awardingDate"),
    (f"{CLAIM}/provenBy/grade", 85, f"{CLAIM}/provenBy", "grade"),
    ("/validFrom", 20221231, "/", "validFrom"),
    ("/credentialSubject/id", 42, "/credentialSubject", "id"),
]


def _set(data: Any, pointer: str, value: object) -> None:
    """Set the value at a JSON pointer (list indices as numbers)."""
    *parents, last = pointer.strip("/").split("/")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    data[last] = value


@pytest.mark.parametrize(("pointer", "value", "where", "field"), WRONG_TYPES)
async def test_a_value_of_the_wrong_type_is_refused_where_it_is(
    empty_graph: Graph, tmp_path: Path, pointer: str, value: object, where: str, field: str
) -> None:
    data = json.loads(MC.read_text())
    _set(data, pointer, value)
    bad = tmp_path / "mc.jsonld"
    bad.write_text(json.dumps(data))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([FIXTURES / "credential-sample.jsonld", bad]))
    assert (caught.value.file, caught.value.where) == (str(bad), f"JSON pointer {where}")
    assert caught.value.field_name == field
    assert "must be a string" in caught.value.message
    assert await graph_counts(empty_graph) == (0, 0)


@pytest.mark.parametrize(
    ("framework", "credits"), [(ECTS_FRAMEWORK, 2.0), (f"{ECTS_FRAMEWORK}-other", None)]
)
def test_a_credit_framework_given_by_its_iri(
    tmp_path: Path, framework: str, credits: float | None
) -> None:
    data = json.loads(MC.read_text())
    _set(data, f"{SPEC}/creditPoint/framework", framework)
    changed = tmp_path / "mc.jsonld"
    changed.write_text(json.dumps(data))
    spec = next(n for n in parse([changed]).nodes if n.id == "urn:epass:qualification:1")
    assert getattr(spec, "credits", None) == credits
