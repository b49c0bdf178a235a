"""A plan item's row taken without its model: the facts the model gives, or left to the model."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import DataInvalid
from graph.repositories.pathways import ItemFacts, _modelled_item, _plain_item

LABELS = ["MicroCredential", "Course", "Program"]
VALUES = ("hours", "cost", "credits", "creditUnit", "status", "institutionId", "courseCreditHours")
EDGES = [
    *(None, -1, -0.5, -0.0, 0, 0.0, 3, 2.5, 10**20, True, False),
    *(float("nan"), float("inf"), float("-inf"), "3", "", "CREDIT_HOUR", "ACTIVE", "active"),
    *("inst-1", "inst 1", "inst-1\n", [1], {"a": 1}),
]
PLAIN = {
    "hours": st.none() | st.integers(0, 500) | st.floats(0, 1e4),
    "cost": st.none() | st.integers(0, 500) | st.floats(0, 1e4),
    "credits": st.none() | st.integers(0, 20) | st.floats(0, 20),
    "creditUnit": st.none() | st.sampled_from(["CREDIT_HOUR", "ECTS"]),
    "status": st.none() | st.sampled_from(["ACTIVE", "DRAFT", "RETIRED"]),
    "institutionId": st.none() | st.sampled_from(["inst-1", "inst-2"]),
    "courseCreditHours": st.none() | st.integers(0, 6) | st.floats(0, 6),
}


def _row(label: str, id_: Any, values: dict[str, Any]) -> dict[str, Any]:
    return {"id": id_, "labels": ["Entity", label], **values, "teaches": ["b", "a"], "requires": []}


def _same(row: dict[str, Any], label: str) -> None:
    plain = _plain_item(row, label)
    try:
        modelled: ItemFacts | DataInvalid = _modelled_item(row, label)
    except DataInvalid as refused:
        modelled = refused
    if plain is not None:  # taken as it is: exactly what the model makes of it
        assert modelled == plain
        for name in ("hours", "cost", "credits", "course_credit_hours"):
            assert type(getattr(modelled, name)) is type(getattr(plain, name)), name


@st.composite
def stored_values(draw: st.DrawFn) -> dict[str, Any]:
    values: dict[str, Any] = draw(st.fixed_dictionaries(PLAIN))
    replaced = draw(st.none() | st.sampled_from(VALUES))
    if replaced is not None:
        values[replaced] = draw(st.sampled_from(EDGES) | st.text(max_size=3) | st.floats())
    return values


@settings(max_examples=800, deadline=None)
@given(
    label=st.sampled_from(LABELS),
    id_=st.just("mc-1") | st.sampled_from(["mc 1", "", 7, None]),
    values=stored_values(),
)
def test_a_plain_item_is_the_modelled_item(label: str, id_: Any, values: dict[str, Any]) -> None:
    _same(_row(label, id_, values), label)


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("name", VALUES)
def test_every_edge_value_of_every_property(label: str, name: str) -> None:
    for value in EDGES:
        for others in (dict.fromkeys(VALUES), {**dict.fromkeys(VALUES), "institutionId": "i-1"}):
            _same(_row(label, "mc-1", {**others, name: value}), label)


def test_the_usual_rows_are_taken_as_they_are() -> None:
    values = {
        "hours": 40,
        "cost": 250.0,
        "credits": None,
        "creditUnit": None,
        "status": None,
        "institutionId": "inst-1",
        "courseCreditHours": 3,
    }
    plain = _plain_item(_row("MicroCredential", "mc-1", values), "MicroCredential")
    assert plain is not None
    assert plain == _modelled_item(_row("MicroCredential", "mc-1", values), "MicroCredential")
    assert (plain.hours, plain.status, plain.course_credit_hours) == (40.0, "DRAFT", 3.0)
    assert plain.teaches == ("a", "b")
    course = _plain_item(_row("Course", "c-1", {**values, "status": "bogus"}), "Course")
    assert course is not None and course.status is None  # a Course holds no status
