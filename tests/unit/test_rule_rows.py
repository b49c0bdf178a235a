"""A transfer value row taken without its model: the rule the model gives, or left to the model."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import DataInvalid
from graph.planning.transfer import Rule
from graph.repositories.articulation import _modelled_rule, _plain_rule

# stored values of every kind a property can hold, the plain ones and the ones the model converts
# or refuses: numbers out of range, NaN, bools, text that reads as a number or a unit, datetimes
ANY_STORED = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["CREDIT_HOUR", "ECTS", "credit_hour", "3", "", "x" * 10_001, "2024-01-31"]),
    st.text(max_size=5),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=2),
)
IDS = st.one_of(
    st.sampled_from(["tv-1", "tv:a/b#c", "tv 1", "tv-1\n", "-tv", "", "t" * 201, "t" * 200]),
    st.integers(min_value=0, max_value=9),
    st.none(),
)
PROPS = (
    "credits",
    "creditUnit",
    "minGrade",
    "maxAgeYears",
    "effectiveFrom",
    "effectiveTo",
    "allowChaining",
    "conditions",
)


def _row(id_: Any, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": id_,
        "props": props,
        "fromIds": ["b", "a"],
        "forId": "c",
        "forInstitutionId": "inst",
        "continues": True,
    }


# values each property plainly holds: most rows are all plain, and a drawn row then has one
# property (or none) replaced by any stored value, so that both ways are taken often
PLAIN = {
    "credits": st.none() | st.integers(0, 1_000) | st.floats(0, 1e6),
    "creditUnit": st.none() | st.sampled_from(["CREDIT_HOUR", "ECTS", "COURSE_CREDIT"]),
    "minGrade": st.none() | st.integers(0, 100) | st.floats(0, 100),
    "maxAgeYears": st.none() | st.integers(0, 50),
    "effectiveFrom": st.none() | st.dates(),
    "effectiveTo": st.none() | st.dates(),
    "allowChaining": st.none() | st.booleans(),
    "conditions": st.none() | st.text(max_size=5),
}


@st.composite
def stored_props(draw: st.DrawFn) -> dict[str, Any]:
    values = draw(st.fixed_dictionaries(PLAIN))
    replaced = draw(st.none() | st.sampled_from(PROPS))
    if replaced is not None:
        values[replaced] = draw(ANY_STORED)
    return values


@settings(max_examples=800, deadline=None)
@given(id_=st.just("tv-1") | IDS, values=stored_props())
def test_a_plain_rule_is_the_modelled_rule(id_: Any, values: dict[str, Any]) -> None:
    # taken as it is: exactly what the model makes of it; anything else the model decides
    _same(_row(id_, values))


EDGES = [
    *(-1, -0.5, -0.0, 0, 0.0, 100, 100.0, 100.5, 101, 10**20),
    *(True, False, float("nan"), float("inf"), float("-inf")),
    *("3", "CREDIT_HOUR", "", "x" * 10_000, "x" * 10_001),
    *(dt.datetime(2020, 1, 1), dt.date(2020, 1, 1), [1], {"a": 1}),
]


def _same(row: dict[str, Any]) -> None:
    plain = _plain_rule(row, ())
    try:
        modelled: Rule | DataInvalid = _modelled_rule(row, ())
    except DataInvalid as refused:
        modelled = refused
    if plain is not None:
        assert modelled == plain
        assert type(modelled.credits) is type(plain.credits)
        assert type(modelled.min_grade) is type(plain.min_grade)


@pytest.mark.parametrize("prop", PROPS)
def test_every_edge_value_of_every_property(prop: str) -> None:
    for value in EDGES:
        _same(_row("tv-1", {**dict.fromkeys(PROPS), prop: value}))


def test_the_usual_rows_are_taken_as_they_are() -> None:
    usual = _row(
        "tv-nlc-dat101-lsu-cs101",
        {
            "credits": 3,
            "creditUnit": "CREDIT_HOUR",
            "minGrade": 60.0,
            "maxAgeYears": 10,
            "effectiveFrom": dt.date(2020, 1, 1),
            "effectiveTo": None,
            "allowChaining": True,
            "conditions": None,
        },
    )
    plain = _plain_rule(usual, ())
    assert plain is not None
    assert plain == _modelled_rule(usual, ())
    assert plain.credits == 3.0 and isinstance(plain.credits, float)
    assert plain.from_ids == ("a", "b")


def test_what_the_model_refuses_is_left_to_it() -> None:
    for prop, value in [
        ("credits", -1),
        ("credits", float("nan")),
        ("credits", True),
        ("minGrade", 101),
        ("creditUnit", "hours"),
        ("maxAgeYears", 2.0),
        ("allowChaining", "yes"),
        ("effectiveFrom", dt.datetime(2020, 1, 1)),
        ("conditions", "x" * 10_001),
    ]:
        props = dict.fromkeys(PROPS)
        props[prop] = value
        assert _plain_rule(_row("tv-1", props), ()) is None, (prop, value)
    assert _plain_rule(_row("tv 1", dict.fromkeys(PROPS)), ()) is None
    assert _plain_rule(_row("tv-1\n", dict.fromkeys(PROPS)), ()) is None
