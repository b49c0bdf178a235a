"""Reading stored properties (graph/stored.py, decision 25): lossless conversions are made, the
rest is read as absent and noted with its label, id, property, stored type and expectation."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import models as m
from graph.errors import DataInvalid
from graph.stored import fitting, read, read_fitting, read_node, read_rel, stored_id, stored_ids


def problems(model: m.Model) -> dict[str, tuple[str, str]]:
    return {name: (p.property, p.stored) for name, p in model.problems.items()}


def test_numbers_become_text_where_the_model_has_text() -> None:
    course = read_node(m.Label.COURSE, {"id": "c", "level": 2, "code": 101, "name": 2.5})
    assert (course.level, course.code, course.name) == ("2", "101", "2.5")  # type: ignore[attr-defined]
    assert course.problems == {}


def test_exact_numeric_text_becomes_a_number_and_inexact_does_not() -> None:
    rule = read_node(m.Label.REQUIREMENT, {"id": "r", "op": "ALL", "count": "3"})
    assert rule.count == 3 and rule.problems == {}  # type: ignore[attr-defined]
    rule = read_node(m.Label.REQUIREMENT, {"id": "r", "op": "ALL", "count": "3.5"})
    assert rule.count is None and problems(rule) == {"count": ("count", "a String")}  # type: ignore[attr-defined]
    course = read_node(m.Label.COURSE, {"id": "c", "hours": "4.5", "credits": "three"})
    assert course.hours == 4.5 and course.credits is None  # type: ignore[attr-defined]
    assert problems(course) == {"credits": ("credits", "a String")}


def test_booleans_only_from_booleans_and_numbers_never_from_booleans() -> None:
    for stored in ("yes", 1, "true"):
        teaches = read_rel(m.Teaches, {"assessed": stored, "level": 3}, "TEACHES", "a", "b")
        assert (teaches.assessed, teaches.level) == (None, "3")
        [problem] = teaches.problems.values()
        assert (problem.label, problem.id, problem.property) == ("TEACHES", "a -> b", "assessed")
        assert problem.expected == "a boolean"
    assert read_rel(m.Teaches, {"assessed": False}, "TEACHES", "a", "b").assessed is False
    course = read_node(m.Label.COURSE, {"id": "c", "credits": True})
    assert course.credits is None and problems(course) == {"credits": ("credits", "a Boolean")}  # type: ignore[attr-defined]
    competency = read_node(m.Label.COMPETENCY, {"id": "k", "external": "no"})
    assert competency.external is False and "external" in competency.problems  # type: ignore[attr-defined]


def test_dates_from_dates_or_iso_text_never_from_numbers() -> None:
    earned = read_rel(m.Earned, {"date": "2024-01-31", "grade": "A"}, "EARNED", "l", "i")
    assert earned.date == dt.date(2024, 1, 31) and earned.grade is None
    assert problems(earned) == {"grade": ("grade", "a String")}
    earned = read_rel(m.Earned, {"date": 20240131}, "EARNED", "l", "i")
    assert earned.date is None and problems(earned) == {"date": ("date", "an Integer")}


def test_enums_lists_and_json_lists() -> None:
    mc = read_node(
        m.Label.MICRO_CREDENTIAL,
        {
            "id": "mc",
            "status": "Published",
            "creditUnit": "ECTS",
            "assessmentMethods": [1, "quiz"],
            "uxElements": [True],
            "statusHistory": ["{not json"],
        },
    )
    assert mc.status is m.Status.DRAFT and mc.credit_unit is m.CreditUnit.ECTS  # type: ignore[attr-defined]
    assert mc.assessment_methods == ("1", "quiz") and mc.ux_elements == ()  # type: ignore[attr-defined]
    assert mc.status_history == ()  # type: ignore[attr-defined]
    assert set(mc.problems) == {"status", "ux_elements", "status_history"}
    assert mc.problems["status"].expected == "one of DRAFT, IN_REVIEW, APPROVED, PUBLISHED, RETIRED"


def test_a_required_field_that_does_not_fit_is_none_and_fitting_refuses_it() -> None:
    rule = read_node(m.Label.REQUIREMENT, {"id": "r", "op": "SOME"})
    assert rule.op is None and set(rule.problems) == {"op"}  # type: ignore[attr-defined]
    with pytest.raises(DataInvalid) as raised:
        fitting(rule)
    assert raised.value.code == "DATA_INVALID"
    assert "Requirement 'r'" in raised.value.message and "'op'" in raised.value.message
    fine = read_node(m.Label.REQUIREMENT, {"id": "r", "op": "ANY"})
    assert fitting(fine) is fine


def test_ids_are_served_as_stored() -> None:
    assert read_node(m.Label.COMPETENCY, {"id": 42}).id == "42"
    odd = read_node(m.Label.COMPETENCY, {"id": "has space"})
    assert odd.id == "has space" and set(odd.problems) == {"id"}
    with pytest.raises(DataInvalid):
        read_node(m.Label.COMPETENCY, {"name": "no id"})


def test_fitting_data_is_read_as_before() -> None:
    props = {"id": "c", "credits": 3, "creditUnit": "ECTS", "level": "100"}
    assert read(m.Course, props, "Course", "c") == m.Course.model_validate(props)


def test_fitting_some_fields_refuses_only_those() -> None:
    institution = read_node(
        m.Label.INSTITUTION, {"id": "i", "kind": "college?", "courseCreditInCreditHours": "3"}
    )
    assert fitting(institution, "course_credit_in_credit_hours") is institution
    with pytest.raises(DataInvalid) as raised:
        fitting(institution, "kind", "credit_unit")
    assert (raised.value.label, raised.value.id, raised.value.property) == (
        "Institution",
        "i",
        "kind",
    )


def test_read_fitting_reads_what_a_question_returned() -> None:
    earned = read_fitting(
        m.Earned, {"date": "2024-05-10", "grade": "78", "expires": None}, "EARNED", "l -> i"
    )
    assert (earned.date, earned.grade, earned.expires) == (dt.date(2024, 5, 10), 78.0, None)
    for props in ({"grade": "A+"}, {"date": 5}, {"expires": True}):
        with pytest.raises(DataInvalid) as raised:
            read_fitting(m.Earned, props, "EARNED", "l -> i")
        assert (raised.value.id, raised.value.property) == ("l -> i", next(iter(props)))


def test_stored_ids_are_text() -> None:
    assert stored_ids(["a", 7], "Course") == ["a", "7"]
    for odd in (None, True, 2.5):
        with pytest.raises(DataInvalid) as raised:
            stored_id(odd, "Course")
        assert (raised.value.label, raised.value.id, raised.value.property) == (
            "Course",
            "<no id>",
            "id",
        )
