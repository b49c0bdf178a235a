"""Open Badges 3.0 / CLR 2.0 records: holdings, grades, pseudonymous learners, atomicity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.container import Graph
from graph.relations import RelType
from importers.base import SourceError, apply
from importers.openbadges import LETTER_GRADES, learner_id, parse
from tests.conftest import graph_counts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "obv3"  # Apache-2.0 copies
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "obv3" / "spec-examples"
FILES = sorted(FIXTURES.rglob("*.json"))


def test_simple_badge_is_one_holding() -> None:
    batch = parse([FIXTURES / "ob30" / "simple.json"])
    (earned,) = batch.links[RelType.EARNED]
    assert earned.to_id == "https://example.com/achievements/21st-century-skills/teamwork"
    assert earned.from_id == learner_id({"id": "did:example:ebfeb1f712ebc6f1c276e12ec21"})
    assert str(earned.props.date) == "2010-01-01"  # type: ignore[union-attr]
    (offered,) = batch.links[RelType.OFFERED_BY]
    assert offered.to_id == "https://example.com/issuers/876543"


def test_clr_holds_every_nested_credential() -> None:
    data = json.loads((FIXTURES / "clr20" / "complex.json").read_text())
    nested = data["credentialSubject"]["verifiableCredential"]
    batch = parse([FIXTURES / "clr20" / "complex.json"])
    assert len(batch.links[RelType.EARNED]) == len(nested) == 6
    # the one LetterGrade result ("A") is the lower bound of the A band
    grades = [getattr(lk.props, "grade", None) for lk in batch.links[RelType.EARNED]]
    assert sorted(g for g in grades if g is not None) == [LETTER_GRADES["A"]] == [85.0]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.corpus
def test_alignments_point_at_case_items_by_identifier() -> None:
    batch = parse([CORPUS / "achievementAlignmentCase.json"])
    (teaches,) = batch.links[RelType.TEACHES]
    assert teaches.to_id == "74f5bb7d-d7cc-11e8-824f-0242ac160002"  # the CFItem identifier
    batch = parse([CORPUS / "achievementAlignmentCe.json"])
    (teaches,) = batch.links[RelType.TEACHES]
    assert teaches.to_id.startswith("https://")


async def test_every_fixture_loads_once_and_keeps_no_personal_data(empty_graph: Graph) -> None:
    batch = parse(FILES)
    first = await apply(empty_graph.nodes, batch)
    assert first.created == len({n.id for n in batch.nodes})
    counts = await graph_counts(empty_graph)
    again = await apply(empty_graph.nodes, parse(FILES))
    assert (again.created, again.updated) == (0, 0) and await graph_counts(empty_graph) == counts
    records, _, _ = await empty_graph.driver.execute_query(
        "MATCH (l:Learner) RETURN properties(l) AS p, count { (l)-[:EARNED]->() } AS held"
    )
    assert records and all(r["held"] > 0 for r in records)
    stored = json.dumps([r["p"] for r in records], default=str)
    for file in FILES:  # no subject name, email or DID from any file reaches the graph
        subject = json.loads(file.read_text()).get("credentialSubject", {})
        for key in ("id", "name", "email"):
            if isinstance(subject.get(key), str):
                assert subject[key] not in stored
    assert "@" not in stored  # the identity objects' email addresses are hashed


async def test_a_bad_record_writes_nothing(empty_graph: Graph, tmp_path: Path) -> None:
    before = await graph_counts(empty_graph)
    data = json.loads((FIXTURES / "clr20" / "complex.json").read_text())
    data["credentialSubject"]["verifiableCredential"][3]["validFrom"] = "yesterday"
    data["credentialSubject"]["verifiableCredential"][3].pop("issuanceDate", None)
    bad = tmp_path / "clr.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([FIXTURES / "ob30" / "simple.json", bad]))
    assert caught.value.where == "JSON pointer /credentialSubject/verifiableCredential/3"
    assert caught.value.field_name == "validFrom"
    assert await graph_counts(empty_graph) == before


def _count_type(data: object, wanted: str) -> int:
    if isinstance(data, list):
        return sum(_count_type(x, wanted) for x in data)
    if not isinstance(data, dict):
        return 0
    kinds = data.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or []
    own = 1 if wanted in kinds else 0
    return own + sum(_count_type(v, wanted) for v in data.values())


CORPUS_FILES = sorted(CORPUS.parent.rglob("*.json")) if CORPUS.is_dir() else []


@pytest.mark.corpus
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_records_hold_one_earned_per_achievement_subject(path: Path) -> None:
    data = json.loads(path.read_text())
    batch = parse([path])
    subjects = _count_type(data, "AchievementSubject")
    # a CLR lists each credential's subject once (the same subject is not repeated elsewhere)
    assert len(batch.links[RelType.EARNED]) == subjects
    if subjects:
        assert {n.label.value for n in batch.nodes} >= {"Learner"}


def _set(data: Any, pointer: str, value: object) -> None:
    """Set the value at a JSON pointer (list indices as numbers)."""
    *parents, last = pointer.strip("/").split("/")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    data[last] = value


# A value of the wrong JSON type is refused where it is: never stored as its Python repr (name
# "{'x': [1, 2]}"), never read as something else (the number 20100101 as a date).
WRONG_TYPES = [
    # pointer set in simple.json, value, where the error is, field
    (
        "/credentialSubject/achievement/name",
        {"x": [1, 2]},
        "/credentialSubject/achievement",
        "name",
    ),
    ("/credentialSubject/achievement/id", 42, "/credentialSubject/achievement", "id"),
    (
        "/credentialSubject/achievement/achievementType",
        ["Course"],
        "/credentialSubject/achievement",
        "achievementType",
    ),
    (
        "/credentialSubject/achievement/humanCode",  # read for a Course
        7,
        "/credentialSubject/achievement",
        "humanCode",
    ),
    ("/issuer/id", 876543, "/issuer", "id"),
    ("/validFrom", 20100101, "/", "validFrom"),
    ("/credentialSubject/awardedDate", ["2010-01-01"], "/credentialSubject", "awardedDate"),
    ("/credentialSubject/id", {"did": "example"}, "/credentialSubject", "id"),
    (
        "/credentialSubject/identifier",
        [{"identityType": "emailAddress", "identityHash": {"x": 1}}],
        "/credentialSubject/identifier/0",
        "identityHash",
    ),
    (
        "/credentialSubject/result",
        [{"type": ["Result"], "value": {"x": 1}}],
        "/credentialSubject/result/0",
        "value",
    ),
    (
        "/credentialSubject/achievement/resultDescription",
        [{"id": "urn:r", "resultType": ["LetterGrade"]}],
        "/credentialSubject/achievement/resultDescription/0",
        "resultType",
    ),
    (
        "/credentialSubject/achievement/alignment",
        [{"targetUrl": "https://example.com/c", "targetName": ["C"]}],
        "/credentialSubject/achievement/alignment/0",
        "targetName",
    ),
    (
        "/credentialSubject/achievement/alignment",
        [{"targetUrl": {"href": "https://example.com/c"}}],
        "/credentialSubject/achievement/alignment/0",
        "targetUrl",
    ),
]


@pytest.mark.parametrize(("pointer", "value", "where", "field"), WRONG_TYPES)
async def test_a_value_of_the_wrong_type_is_refused_where_it_is(
    empty_graph: Graph, tmp_path: Path, pointer: str, value: object, where: str, field: str
) -> None:
    data = json.loads((FIXTURES / "ob30" / "simple.json").read_text())
    if pointer == "/credentialSubject/identifier":
        del data["credentialSubject"]["id"]  # the identity object is the only key
    if field == "humanCode":
        data["credentialSubject"]["achievement"]["achievementType"] = "Course"
    _set(data, pointer, value)
    bad = tmp_path / "badge.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(SourceError) as caught:
        await apply(empty_graph.nodes, parse([FIXTURES / "clr20" / "complex.json", bad]))
    assert (caught.value.file, caught.value.where) == (str(bad), f"JSON pointer {where}")
    assert caught.value.field_name == field
    assert "must be a string" in caught.value.message
    assert await graph_counts(empty_graph) == (0, 0)
