"""CTDL JSON-LD mapping on a hand-written pathway file (expected values worked out by hand)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from graph import models as m
from graph.relations import RelType
from importers.base import SourceError
from importers.ctdl import parse

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ctdl" / "synthetic-pathway.json"
EX = "https://example.org/ctdl/"


def _links(rel: RelType) -> set[tuple[str, str]]:
    batch = parse([FIXTURE])
    return {
        (link.from_id.removeprefix(EX), link.to_id.removeprefix(EX)) for link in batch.links[rel]
    }


def _node(node_id: str) -> m.Node:
    return next(n for n in parse([FIXTURE]).nodes if n.id == EX + node_id)


def test_credits_are_converted_to_credit_hours() -> None:
    course = _node("c101")
    assert isinstance(course, m.Course)
    assert course.credits == pytest.approx(4 * 2 / 3, abs=1e-3)  # 4 quarter hours
    assert course.credit_unit is m.CreditUnit.CREDIT_HOUR
    tvp = _node("tvp")
    assert isinstance(tvp, m.TransferValue)
    assert (tvp.credits, tvp.credit_unit) == (3, m.CreditUnit.CREDIT_HOUR)
    # "2024-9-1" is read although it is not zero padded
    assert (tvp.effective_from, tvp.effective_to) == (dt.date(2024, 9, 1), dt.date(2027, 8, 31))


def test_transfer_value_agreement_and_offerings() -> None:
    assert _links(RelType.FROM) == {("tvp", "c101"), ("tvp", "badge")}
    assert _links(RelType.FOR) == {("tvp", "u150")}
    assert _links(RelType.INCLUDES) == {("agreement", "tvp")}
    assert _links(RelType.OFFERED_BY) == {
        ("badge", "college"),
        ("c101", "college"),
        ("c201", "college"),
        ("u150", "university"),
        ("pathway", "college"),
    }
    between = parse([FIXTURE]).links[RelType.BETWEEN]
    roles = {(lk.to_id.removeprefix(EX), getattr(lk.props, "role", None)) for lk in between}
    assert roles == {("college", m.PartyRole.SENDING), ("university", m.PartyRole.RECEIVING)}


def test_pathway_becomes_a_rule_tree_over_the_proxied_items() -> None:
    # destination: requiredNumber 2 of three components that are proxies for real items
    assert _links(RelType.HAS_REQUIREMENT) == {("pathway", "pathway#rule")}
    assert _links(RelType.OPTION) == {
        ("pathway#rule", "goal#condition-0"),
        ("goal#condition-0", "c101"),
        ("goal#condition-0", "c201"),
        ("goal#condition-0", "badge"),
    }
    rule = _node("goal#condition-0")
    assert isinstance(rule, m.Requirement)
    assert (rule.op, rule.count) == (m.RuleOp.AT_LEAST, 2)
    # proxies do not produce a second, emptier copy of the items
    assert sum(1 for n in parse([FIXTURE]).nodes if n.id == EX + "c101") == 1


def test_competencies_alignments_and_the_preceeds_typo() -> None:
    batch = parse([FIXTURE])
    assert _links(RelType.IN_FRAMEWORK) == {("skill-data", "fw"), ("skill-sql", "fw")}
    assert _links(RelType.BROADER) == {("skill-sql", "skill-data")}
    assert _links(RelType.ALIGNS) == {("skill-sql", "https://example.org/other/sql")}
    teaches = _links(RelType.TEACHES)
    assert ("badge", "skill-sql") in teaches and len(teaches) == 2
    teamwork = next(n for n in batch.nodes if n.name == "Teamwork")
    assert isinstance(teamwork, m.Competency) and teamwork.external
    # Data 101 `preceeds` Data 201: the later course requires the earlier, with a warning
    assert _links(RelType.REQUIRES) == {("c201", "c101")}
    assert any("preceeds" in w for w in batch.warnings)


def test_bare_terms_expanded_documents_and_envelopes_read_alike(tmp_path: Path) -> None:
    compact = json.loads(FIXTURE.read_text())
    envelope = tmp_path / "envelope.json"
    envelope.write_text(json.dumps({"envelope_type": "resource_data", "decoded_resource": compact}))
    plain = parse([FIXTURE])
    wrapped = parse([envelope])
    assert {n.id for n in wrapped.nodes} == {n.id for n in plain.nodes}
    bare = tmp_path / "bare.json"
    bare.write_text(
        json.dumps(
            {
                "@graph": [
                    {"id": "https://x.org/c1", "type": "Course", "name": {"en": "Bare"}},
                ]
            }
        )
    )
    (course,) = parse([bare]).nodes
    assert (course.label, course.name) == (m.Label.COURSE, "Bare")


def test_bad_documents_say_where(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.json"
    truncated.write_text(FIXTURE.read_text()[:700])
    with pytest.raises(SourceError, match=r"truncated.json, line \d+ column \d+"):
        parse([truncated])
    bad_id = tmp_path / "bad-id.json"
    bad_id.write_text(
        json.dumps({"@id": "https://x.org/a b", "@type": "ceterms:Course", "ceterms:name": "x"})
    )
    with pytest.raises(SourceError) as caught:
        parse([bad_id])
    assert caught.value.field_name == "id" and "https://x.org/a b" in caught.value.where
    no_language_map = tmp_path / "lang.json"
    no_language_map.write_text(
        json.dumps({"@id": "https://x.org/a", "@type": "ceterms:Course", "ceterms:name": {"en": 5}})
    )
    with pytest.raises(SourceError, match="language map"):
        parse([no_language_map])


REGISTRY = FIXTURE.parent / "credential-registry"


@pytest.mark.parametrize(
    ("name", "label", "owner_name"),
    [
        # ce_registry fixtures (Apache-2.0): one top-level resource each, with an embedded owner
        ("credential_4_import.json", m.Label.MICRO_CREDENTIAL, "Indiana University Bloomington"),
        ("assessment_profile_3_import.json", m.Label.COURSE, None),
        ("learning_opportunity_profile_3_import.json", m.Label.COURSE, None),
        ("organization_3_import.json", m.Label.INSTITUTION, None),
    ],
)
def test_registry_fixtures(name: str, label: m.Label, owner_name: str | None) -> None:
    batch = parse([REGISTRY / name])
    data = json.loads((REGISTRY / name).read_text())
    top = next(n for n in batch.nodes if n.id == data["@id"])
    assert top.label is label and top.name == data["ceterms:name"]
    if owner_name:
        owners = {lk.to_id for lk in batch.links[RelType.OFFERED_BY] if lk.from_id == top.id}
        names = {n.name for n in batch.nodes if n.id in owners}
        assert names == {owner_name}
