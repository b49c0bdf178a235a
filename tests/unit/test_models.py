"""Domain models: validation, the Neo4j property shape, and the relationship whitelist."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from graph import models as m
from graph.errors import Invalid
from graph.relations import REL_SCHEMAS, RelType, in_, out
from graph.services.editing import validate


def test_every_label_of_domain_has_a_model() -> None:
    assert set(m.MODEL_BY_LABEL) == set(m.Label)
    assert len(m.Label) == 16


def test_props_are_camel_case_and_complete() -> None:
    mc = m.MicroCredential(id="mc-1", name="X", hours=10, credit_bearing=True)
    props = mc.to_props()
    assert props["hours"] == 10
    assert props["creditBearing"] is True
    assert "outcomesPerModule" in props and props["outcomesPerModule"] is None  # cleared on write
    assert "id" not in props and "updatedAt" not in props


def test_suite_allowed_deviations_round_trip_through_json_strings() -> None:
    suite = m.Suite(
        id="s",
        allowed_deviations=(m.AllowedDeviation(field="weeks", members=("a",), reason="capstone"),),
    )
    stored = suite.to_props()["allowedDeviations"]
    assert isinstance(stored[0], str)
    again = m.Suite.model_validate({"id": "s", "allowedDeviations": stored})
    assert again.allowed_deviations == suite.allowed_deviations


def test_feedback_from_uses_the_contract_name() -> None:
    fb = m.Feedback.model_validate({"id": "f", "from": "LEARNER", "rating": 5})
    assert fb.from_ is m.FeedbackFrom.LEARNER
    assert fb.to_props()["from"] == "LEARNER"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"id": "x", "hours": -1}, "hours"),
        ({"id": "x", "status": "ALMOST"}, "status"),
        ({"id": "bad id with spaces"}, "id"),
        ({"name": "no id"}, "id"),
        ({"id": "x", "rating": 9}, None),
    ],
)
def test_validation_names_the_field(values: dict[str, object], field: str | None) -> None:
    if field is None:  # rating belongs to Feedback, not MicroCredential: ignored there
        validate(m.Label.MICRO_CREDENTIAL, values)
        with pytest.raises(Invalid) as caught:
            validate(m.Label.FEEDBACK, values)
        assert caught.value.problems[0].field == "rating"
        return
    with pytest.raises(Invalid) as caught:
        validate(m.Label.MICRO_CREDENTIAL, values)
    assert [p.field for p in caught.value.problems] == [field]


def test_dates_are_dates() -> None:
    tv = m.TransferValue.model_validate({"id": "tv", "effectiveFrom": "2024-01-31"})
    assert tv.effective_from == dt.date(2024, 1, 31)
    with pytest.raises(ValidationError):
        m.TransferValue.model_validate({"id": "tv", "effectiveFrom": "31/01/2024"})


@pytest.mark.parametrize(
    "hostile",
    ["TEACHES]->() DETACH DELETE (n)//", "Course`) MATCH (x", "teaches", "", "OPTION|FROM"],
)
def test_relationship_types_are_a_whitelist(hostile: str) -> None:
    with pytest.raises(ValueError, match="is not a valid RelType"):
        RelType(hostile)


@pytest.mark.parametrize("hostile", ["Course) DETACH DELETE n //", "course", "Entity"])
def test_labels_are_a_whitelist(hostile: str) -> None:
    with pytest.raises(ValueError, match="is not a valid Label"):
        m.Label(hostile)


def test_relation_catalogue_covers_domain() -> None:
    assert set(REL_SCHEMAS) == set(RelType)
    assert out(RelType.TEACHES).far_labels == {m.Label.COMPETENCY}
    assert in_(RelType.TEACHES).far_labels == {m.Label.MICRO_CREDENTIAL, m.Label.COURSE}
