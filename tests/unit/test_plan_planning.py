"""Plan decisions on small hand-built rule trees; expected plans are worked out in the comments."""

from __future__ import annotations

from graph.models import RuleOp
from graph.planning.plans import Item, Objective, Problem, Requirement, solve


def problem(
    roots: tuple[str, ...],
    requirements: list[Requirement],
    items: list[Item],
    satisfied: dict[str, str] | None = None,
    covered: frozenset[str] = frozenset(),
    teachers: dict[str, tuple[str, ...]] | None = None,
    objective: Objective = Objective.HOURS,
    candidates: frozenset[str] | None = None,
    target: str = "target",
) -> Problem:
    return Problem(
        target_id=target,
        roots=roots,
        requirements={r.id: r for r in requirements},
        items={i.id: i for i in items},
        satisfied=satisfied or {},
        satisfied_requirements=frozenset(),
        covered=covered,
        candidates=candidates if candidates is not None else frozenset(i.id for i in items),
        teachers=teachers or {},
        objective=objective,
    )


A, B, C, D = (
    Item("a", "Course", hours=10, cost=100, credits=3),
    Item("b", "Course", hours=20, cost=50, credits=3),
    Item("c", "Course", hours=15, cost=80, credits=4),
    Item("d", "MicroCredential", hours=5, cost=500),
)


def test_any_picks_the_cheapest_for_the_objective() -> None:
    rule = Requirement("r", RuleOp.ANY, ("a", "b", "c"))
    by_hours = solve(problem(("r",), [rule], [A, B, C]))
    assert [s.item_id for s in by_hours.steps] == ["a"]  # 10 hours
    by_cost = solve(problem(("r",), [rule], [A, B, C], objective=Objective.COST))
    assert [s.item_id for s in by_cost.steps] == ["b"]  # 50
    assert by_cost.objective_value == 50


def test_at_least_with_min_credits_needs_more_than_the_count() -> None:
    # AT_LEAST 1 with minCredits 7: a (3) + c (4) = 7 for 25 hours; b + c = 7 for 35;
    # a + b = 6 is too few.
    rule = Requirement("r", RuleOp.AT_LEAST, ("a", "b", "c"), count=1, min_credits=7)
    plan = solve(problem(("r",), [rule], [A, B, C]))
    assert sorted(s.item_id for s in plan.steps) == ["a", "c"]
    assert plan.objective_value == 25


def test_earned_options_count_toward_the_rule_and_credits() -> None:
    # ALL(a, AT_LEAST 2 of (b, c, d)); a and c are earned, so one more of b (20 h) or d (5 h): d.
    inner = Requirement("inner", RuleOp.AT_LEAST, ("b", "c", "d"), count=2)
    root = Requirement("root", RuleOp.ALL, ("a", "inner"))
    plan = solve(
        problem(("root",), [root, inner], [A, B, C, D], satisfied={"a": "EARNED", "c": "EARNED"})
    )
    assert [(s.item_id, s.fills) for s in plan.steps] == [("d", "inner")]


def test_prerequisites_are_planned_and_ordered_first() -> None:
    # ANY(c) where c requires b and b requires a: order a, b, c.
    a, b = Item("a", "Course", hours=1), Item("b", "Course", hours=1, requires=("a",))
    c = Item("c", "Course", hours=1, requires=("b",))
    plan = solve(problem(("r",), [Requirement("r", RuleOp.ANY, ("c",))], [a, b, c]))
    assert [(s.order, s.item_id, s.prerequisite_of) for s in plan.steps] == [
        (1, "a", ("b",)),
        (2, "b", ("c",)),
        (3, "c", ()),
    ]
    assert plan.steps[0].fills is None and plan.steps[2].fills == "r"


def test_prerequisites_change_which_option_is_cheapest() -> None:
    # ANY(x, y): x is 10 h but needs p (30 h); y is 25 h alone. Best: y.
    x = Item("x", "Course", hours=10, requires=("p",))
    p, y = Item("p", "Course", hours=30), Item("y", "Course", hours=25)
    plan = solve(problem(("r",), [Requirement("r", RuleOp.ANY, ("x", "y"))], [x, p, y]))
    assert [s.item_id for s in plan.steps] == ["y"]


def test_a_competency_option_is_met_by_coverage_or_by_a_teacher() -> None:
    rule = Requirement("r", RuleOp.ALL, ("k",))
    t1, t2 = (
        Item("t1", "Course", hours=8, teaches=("k",)),
        Item("t2", "Course", hours=3, teaches=("k",)),
    )
    covered = solve(
        problem(("r",), [rule], [t1, t2], covered=frozenset({"k"}), teachers={"k": ("t1", "t2")})
    )
    assert covered.satisfied and covered.steps == ()
    taught = solve(problem(("r",), [rule], [t1, t2], teachers={"k": ("t1", "t2")}))
    assert [(s.item_id, s.fills) for s in taught.steps] == [("t2", "r")]


def test_unsatisfiable_rules_say_what_cannot_be_met() -> None:
    # ALL(a, z) where z is no candidate (a DRAFT micro-credential, say).
    z = Item("z", "MicroCredential", hours=1)
    plan = solve(
        problem(
            ("r",), [Requirement("r", RuleOp.ALL, ("a", "z"))], [A, z], candidates=frozenset({"a"})
        )
    )
    assert (plan.reachable, plan.steps, plan.objective_value) == (False, (), None)
    assert "z" in plan.unreachable


def test_prerequisite_cycles_are_reported_not_followed() -> None:
    x = Item("x", "Course", hours=1, requires=("y",))
    y = Item("y", "Course", hours=1, requires=("x",))
    plan = solve(problem(("r",), [Requirement("r", RuleOp.ANY, ("x",))], [x, y]))
    assert plan.reachable is False
    assert plan.cycles == (("x", "y"),)


def test_a_cycle_on_one_branch_does_not_block_another() -> None:
    x = Item("x", "Course", hours=1, requires=("y",))
    y = Item("y", "Course", hours=1, requires=("x",))
    plan = solve(problem(("r",), [Requirement("r", RuleOp.ANY, ("x", "b"))], [x, y, B]))
    assert [s.item_id for s in plan.steps] == ["b"] and plan.cycles == (("x", "y"),)


def test_ties_prefer_fewer_items_then_smaller_ids() -> None:
    # ANY(ALL(p, q), s, t): p+q = 10 h in 2 items; s = 10 h and t = 10 h in one: s (smaller id).
    p, q = Item("p", "Course", hours=5), Item("q", "Course", hours=5)
    s, t = Item("s", "Course", hours=10), Item("t", "Course", hours=10)
    rules = [
        Requirement("r", RuleOp.ANY, ("both", "s", "t")),
        Requirement("both", RuleOp.ALL, ("p", "q")),
    ]
    plan = solve(problem(("r",), rules, [p, q, s, t]))
    assert [step.item_id for step in plan.steps] == ["s"]


def test_a_target_without_rules_is_the_item_and_its_prerequisites() -> None:
    target = Item("target", "MicroCredential", hours=4, requires=("a",))
    plan = solve(problem((), [], [target, A]))
    assert [s.item_id for s in plan.steps] == ["a", "target"]
    done = solve(problem((), [], [target, A], satisfied={"target": "EARNED"}))
    assert done.satisfied and done.steps == ()


def test_the_target_is_never_a_step_toward_itself() -> None:
    # The target (a micro-credential, 1 h) teaches k, and its own rule asks for k or for the
    # option "target" itself. Decision 7: the target is not a step, so k is met by t (5 h), the
    # option "target" cannot be met, and ANY(k, target) is t alone.
    me = Item("target", "MicroCredential", hours=1, teaches=("k",))
    t = Item("t", "Course", hours=5, teaches=("k",))
    teachers: dict[str, tuple[str, ...]] = {"k": ("t", "target")}
    rule = Requirement("r", RuleOp.ANY, ("k", "target"))
    plan = solve(problem(("r",), [rule], [me, t], teachers=teachers))
    assert [(s.item_id, s.fills) for s in plan.steps] == [("t", "r")]
    assert plan.objective_value == 5
    # With no other teacher, k cannot be met: unreachable, not "take the target".
    alone = solve(
        problem(("r",), [Requirement("r", RuleOp.ALL, ("k",))], [me], teachers={"k": ("target",)})
    )
    assert (alone.reachable, alone.steps, alone.unreachable) == (False, (), ("k", "r"))


def test_the_target_is_no_teacher_of_its_own_prerequisites() -> None:
    # Rule ANY(a) where a requires competency k, taught by the target (1 h) and by t (5 h): t, a.
    me = Item("target", "MicroCredential", hours=1, teaches=("k",))
    a = Item("a", "Course", hours=2, requires=("k",))
    t = Item("t", "Course", hours=5, teaches=("k",))
    plan = solve(
        problem(
            ("r",),
            [Requirement("r", RuleOp.ANY, ("a",))],
            [me, a, t],
            teachers={"k": ("t", "target")},
        )
    )
    assert [s.item_id for s in plan.steps] == ["t", "a"]
    # Without rules the target is the plan, and it does not teach its own prerequisite k to
    # itself (no self-cycle): t, then the target.
    bare = Item("target", "MicroCredential", hours=1, teaches=("k",), requires=("k",))
    plain = solve(problem((), [], [bare, t], teachers={"k": ("t", "target")}))
    assert [s.item_id for s in plain.steps] == ["t", "target"] and plain.cycles == ()
