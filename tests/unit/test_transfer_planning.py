"""Transfer decisions on hand-built facts; each expected value is worked out beside it."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.models import CreditUnit as U
from graph.planning.transfer import (
    Agreement,
    Holding,
    Institution,
    Rule,
    add_years,
    decide,
)
from graph.planning.units import NoConversion, convert

DAY = dt.date(2026, 6, 1)
COLLEGE = "college"
UNI = Institution("uni", U.CREDIT_HOUR, None, None)


def held(
    item: str,
    grade: float | None = 80,
    date: dt.date = dt.date(2024, 1, 1),
    expires: dt.date | None = None,
    institution: str = COLLEGE,
) -> Holding:
    return Holding(item, institution, date, grade, expires)


def rule(
    id_: str,
    from_ids: tuple[str, ...],
    for_id: str,
    credits: float = 3,
    at: str | None = "uni",
    unit: U = U.CREDIT_HOUR,
    **extra: object,
) -> Rule:
    return Rule(id_, tuple(sorted(from_ids)), for_id, at, credits, unit, **extra)  # type: ignore[arg-type]


def index(*rules: Rule) -> dict[str, list[Rule]]:
    found: dict[str, list[Rule]] = {}
    for r in rules:
        for f in r.from_ids:
            found.setdefault(f, []).append(r)
    return found


def test_units_follow_the_domain_table() -> None:
    assert convert(2, U.ECTS, U.CREDIT_HOUR, None) == 1
    assert convert(1, U.CREDIT_HOUR, U.INSTRUCTIONAL_HOUR, None) == 15
    assert convert(1, U.COURSE_CREDIT, U.CREDIT_HOUR, 3) == 3
    assert convert(6, U.CREDIT_HOUR, U.COURSE_CREDIT, 3) == 2
    assert convert(4, None, U.ECTS, None) == 8  # no unit means CREDIT_HOUR
    with pytest.raises(NoConversion):
        convert(1, U.COURSE_CREDIT, U.CREDIT_HOUR, None)


def test_leap_day_plus_years_is_28_february() -> None:
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
    assert add_years(dt.date(2020, 2, 29), 4) == dt.date(2024, 2, 29)


def test_max_age_is_inclusive_of_the_anniversary() -> None:
    r = rule("r", ("a",), "x", max_age_years=5)
    # earned 2021-06-01 + 5 years = 2026-06-01 >= asOf: eligible; one day earlier: not
    assert decide([held("a", date=dt.date(2021, 6, 1))], index(r), UNI, DAY, 2).total == 3
    assert decide([held("a", date=dt.date(2021, 5, 31))], index(r), UNI, DAY, 2).total == 0


def test_min_grade_and_missing_grade() -> None:
    r = rule("r", ("a",), "x", min_grade=70)
    assert decide([held("a", grade=70)], index(r), UNI, DAY, 2).total == 3
    below = decide([held("a", grade=69.5)], index(r), UNI, DAY, 2)
    assert below.total == 0 and "at least 70" in below.rejections[0].reason
    assert decide([held("a", grade=None)], index(r), UNI, DAY, 2).total == 0  # decision 2


def test_windows_of_rule_and_agreements() -> None:
    open_ended = Agreement("ag-1", dt.date(2020, 1, 1), None, COLLEGE, "uni")
    ended = Agreement("ag-0", dt.date(2010, 1, 1), dt.date(2015, 1, 1), COLLEGE, "uni")
    in_both = rule("r", ("a",), "x", agreements=(ended, open_ended))
    decision = decide([held("a")], index(in_both), UNI, DAY, 2)
    assert decision.total == 3
    assert decision.awards[0].steps[0].agreement == open_ended  # any effective agreement will do
    only_ended = rule("r", ("a",), "x", agreements=(ended,))
    assert decide([held("a")], index(only_ended), UNI, DAY, 2).total == 0
    not_yet = rule("r", ("a",), "x", effective_from=dt.date(2027, 1, 1))
    assert decide([held("a")], index(not_yet), UNI, DAY, 2).total == 0
    last_day = rule("r", ("a",), "x", effective_to=DAY)
    assert decide([held("a")], index(last_day), UNI, DAY, 2).total == 3


def test_expired_or_future_holdings_do_not_count() -> None:
    r = rule("r", ("a",), "x")
    assert decide([held("a", expires=dt.date(2026, 5, 31))], index(r), UNI, DAY, 2).total == 0
    assert decide([held("a", expires=DAY)], index(r), UNI, DAY, 2).total == 3
    assert decide([held("a", date=dt.date(2026, 6, 2))], index(r), UNI, DAY, 2).total == 0


def test_and_group_needs_every_from_item() -> None:
    r = rule("r", ("a", "b"), "x", credits=4)
    assert decide([held("a")], index(r), UNI, DAY, 2).total == 0
    both = decide([held("a"), held("b")], index(r), UNI, DAY, 2)
    assert both.total == 4 and both.awards[0].holdings == ("a", "b")


def test_chains_respect_max_chain_and_allow_chaining() -> None:
    first = rule("r1", ("a",), "mid", credits=1, at="middle", unit=U.COURSE_CREDIT)
    second = rule("r2", ("mid",), "x", credits=3, allow_chaining=True)
    rules = index(first, second)
    assert decide([held("a")], rules, UNI, DAY, 2).total == 3  # a -> mid -> x
    one = decide([held("a")], rules, UNI, DAY, 1)
    assert one.total == 0 and "maxChain 1" in one.rejections[0].reason
    closed = index(first, rule("r2", ("mid",), "x", credits=3, allow_chaining=False))
    assert decide([held("a")], closed, UNI, DAY, 2).total == 0


def test_original_grade_is_checked_against_every_rule_of_a_chain() -> None:
    first = rule("r1", ("a",), "mid", at="middle")
    second = rule("r2", ("mid",), "x", allow_chaining=True, min_grade=85)
    assert decide([held("a", grade=80)], index(first, second), UNI, DAY, 2).total == 0
    assert decide([held("a", grade=90)], index(first, second), UNI, DAY, 2).total == 3


def test_receiving_institutions_own_holdings_never_fund_credit() -> None:
    r = rule("r", ("a",), "x")
    own = decide([held("a", institution="uni")], index(r), UNI, DAY, 2)
    assert own.total == 0 and own.unused_holdings == ()


def test_an_item_already_earned_is_not_credited_again() -> None:
    r = rule("r", ("a",), "x")
    decision = decide([held("a"), held("x", institution="uni")], index(r), UNI, DAY, 2)
    assert decision.total == 0


def test_no_double_counting_chooses_the_best_assignment() -> None:
    # a can fund x (3) or y (4); b can fund only y (4). Best: a->x and b->y = 7, not a->y = 4.
    rules = index(
        rule("r1", ("a",), "x", 3), rule("r2", ("a",), "y", 4), rule("r3", ("b",), "y", 4)
    )
    decision = decide([held("a"), held("b")], rules, UNI, DAY, 2)
    assert decision.total == 7
    assert [(a.holdings, a.receiving_id) for a in decision.awards] == [(("a",), "x"), (("b",), "y")]


def test_ties_prefer_fewer_holdings_then_smaller_receiving_ids() -> None:
    # {a,b}->x (3) versus a->y (3): same credit, one holding fewer wins.
    rules = index(rule("r1", ("a", "b"), "x", 3), rule("r2", ("a",), "y", 3))
    decision = decide([held("a"), held("b")], rules, UNI, DAY, 2)
    assert [a.receiving_id for a in decision.awards] == ["y"]
    # a->y (3) versus a->x (3): same credit and holdings, smaller receiving id wins.
    rules = index(rule("r1", ("a",), "y", 3), rule("r2", ("a",), "x", 3))
    assert [a.receiving_id for a in decide([held("a")], rules, UNI, DAY, 2).awards] == ["x"]


def test_cap_applies_only_when_exceeded() -> None:
    capped_uni = Institution("uni", U.CREDIT_HOUR, None, 5)
    rules = index(rule("r1", ("a",), "x", 3), rule("r2", ("b",), "y", 3))
    decision = decide([held("a"), held("b")], rules, capped_uni, DAY, 2)
    assert (decision.total, decision.uncapped_total, decision.capped) == (5, 6, True)
    assert len(decision.awards) == 2  # the best assignment is still listed
    exact_cap = Institution("uni", U.CREDIT_HOUR, None, 6)
    assert decide([held("a"), held("b")], rules, exact_cap, DAY, 2).capped is False


def test_credits_convert_into_the_receiving_unit() -> None:
    college = Institution(COLLEGE, U.COURSE_CREDIT, 3, None)
    r = rule("r", ("a",), "x", credits=6, at=COLLEGE, unit=U.CREDIT_HOUR)
    decision = decide([held("a", institution="other")], index(r), college, DAY, 2)
    assert decision.total == 2  # 6 credit hours / 3 per course credit
    no_factor = Institution(COLLEGE, U.COURSE_CREDIT, None, None)
    assert decide([held("a", institution="other")], index(r), no_factor, DAY, 2).total == 0
