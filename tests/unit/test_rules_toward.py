"""transferOptions ranks each institution on `RulesToward` instead of every rule: on random rule
graphs (chains, AND-groups, grades, several institutions) the decision must be the same but for
rejections of rules that lead elsewhere."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.models import CreditUnit
from graph.planning.transfer import (
    Holding,
    Institution,
    Rule,
    RuleChecks,
    RulesToward,
    decide,
)

DAY = dt.date(2026, 6, 1)
INSTITUTIONS = ("a", "b", "c")
ITEMS = tuple(f"{i}{n}" for i in INSTITUTIONS for n in range(4))  # item "b2" belongs to "b"


@st.composite
def rule_graphs(draw: st.DrawFn) -> tuple[list[Holding], dict[str, list[Rule]]]:
    holdings = [
        Holding(item, item[0], dt.date(2024, 1, 1), draw(st.sampled_from([None, 60.0, 90.0])), None)
        for item in draw(st.sets(st.sampled_from(ITEMS), min_size=1, max_size=6))
    ]
    rules = []
    for n in range(draw(st.integers(0, 14))):
        from_ids = tuple(sorted(draw(st.sets(st.sampled_from(ITEMS), min_size=1, max_size=2))))
        for_id = draw(st.sampled_from(ITEMS))
        chaining = draw(st.booleans())
        rules.append(
            Rule(
                f"r{n:02d}",
                from_ids,
                for_id,
                for_id[0],
                draw(st.sampled_from([1.0, 3.0, 4.0])),
                CreditUnit.CREDIT_HOUR,
                min_grade=draw(st.sampled_from([None, 70.0])),
                # a rule that ended before the day asked earns nothing (nor does its chain)
                effective_to=draw(st.sampled_from([None, None, None, dt.date(2025, 1, 1)])),
                allow_chaining=chaining,
                continues=chaining,
            )
        )
    rules_from: dict[str, list[Rule]] = {}
    for rule in rules:  # by id, as the service builds it
        for item in rule.from_ids:
            rules_from.setdefault(item, []).append(rule)
    return holdings, rules_from


@settings(max_examples=400, deadline=None, derandomize=True)
@given(rule_graphs(), st.integers(1, 3), st.sampled_from([None, 4.0]))
def test_ranking_on_rules_toward_an_institution_keeps_the_decision(
    graph: tuple[list[Holding], dict[str, list[Rule]]], max_chain: int, cap: float | None
) -> None:
    holdings, rules_from = graph
    toward = RulesToward(rules_from, max_chain)
    for institution_id in INSTITUTIONS:
        receiving = Institution(institution_id, CreditUnit.CREDIT_HOUR, None, cap)
        full = decide(holdings, rules_from, receiving, DAY, max_chain)
        ranked = decide(holdings, toward.toward(institution_id), receiving, DAY, max_chain)
        assert ranked.awards == full.awards
        assert (ranked.total, ranked.uncapped_total, ranked.capped) == (
            full.total,
            full.uncapped_total,
            full.capped,
        )
        assert (ranked.exact, ranked.candidates) == (full.exact, full.candidates)
        assert ranked.unused_holdings == full.unused_holdings
        assert set(ranked.rejections) <= set(full.rejections)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    rule_graphs(),
    st.integers(1, 3),
    st.sampled_from([None, 4.0]),
    st.sampled_from([CreditUnit.CREDIT_HOUR, CreditUnit.COURSE_CREDIT]),
)
def test_no_decision_totals_more_than_the_credit_bound(
    graph: tuple[list[Holding], dict[str, list[Rule]]],
    max_chain: int,
    cap: float | None,
    unit: CreditUnit,
) -> None:
    """transferOptions stops deciding institutions whose bound cannot reach the shown ones: the
    bound must never be below a decision's total (by brute force over the same rules), neither
    with every rule nor with the rules in effect on the day only (as transferOptions bounds)."""
    holdings, rules_from = graph
    toward = RulesToward(rules_from, max_chain)
    for institution_id in INSTITUTIONS:
        receiving = Institution(institution_id, unit, 3.0, cap)
        decided = decide(holdings, rules_from, receiving, DAY, max_chain)
        assert decided.total <= toward.credit_bound(receiving) + 1e-9
        assert decided.total <= toward.credit_bound(receiving, RuleChecks(DAY)) + 1e-9
