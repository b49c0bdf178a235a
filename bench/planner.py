"""How the exact plan solver and transfer assignment scale with problem size (pure Python, no I/O).

`python -m bench.planner` prints, for rule trees and candidate-award sets of growing size, the
solve time and whether the answer was exact: the figures behind the limits in docs/questions.md.
"""

from __future__ import annotations

import random
import time

from graph.models import RuleOp
from graph.planning.plans import Item, Problem, Requirement, solve
from graph.planning.transfer import Award, choose


def rule_tree(options: int, groups: int, seed: int) -> Problem:
    """ALL of `groups` AT_LEAST-2 groups (minCredits 9) of `options` courses, some prerequisites."""
    rnd = random.Random(seed)
    items: dict[str, Item] = {}
    requirements = {}
    roots = []
    for g in range(groups):
        ids = [f"g{g}-c{i}" for i in range(options)]
        for n, item_id in enumerate(ids):
            requires = tuple(rnd.sample(ids[:n], min(n, rnd.randint(0, 1))))
            items[item_id] = Item(
                item_id, "Course", hours=rnd.randint(20, 60), credits=3, requires=requires
            )
        rid = f"req-{g}"
        requirements[rid] = Requirement(rid, RuleOp.AT_LEAST, tuple(ids), count=2, min_credits=9)
        roots.append(rid)
    requirements["root"] = Requirement("root", RuleOp.ALL, tuple(roots))
    return Problem(
        target_id="target",
        roots=("root",),
        requirements=requirements,
        items=items,
        satisfied={},
        satisfied_requirements=frozenset(),
        covered=frozenset(),
        candidates=frozenset(items),
        teachers={},
    )


def awards(count: int, seed: int) -> list[Award]:
    rnd = random.Random(seed)
    holdings = [f"h{i}" for i in range(max(3, count // 2))]
    receiving = [f"r{i}" for i in range(max(3, count // 2))]
    found: dict[tuple[tuple[str, ...], str], Award] = {}
    while len(found) < count:
        used = tuple(sorted(rnd.sample(holdings, rnd.choice([1, 1, 2]))))
        target = rnd.choice(receiving)
        found[(used, target)] = Award(used, target, float(rnd.choice([1, 2, 3, 4])), ())
    return list(found.values())


def main() -> None:
    print("| plan: options per group x groups | ms | exact |")
    print("|---|---:|---|")
    for options, groups in (
        (4, 2),
        (6, 2),
        (8, 2),
        (10, 2),
        (12, 2),
        (14, 2),
        (8, 3),
        (10, 3),
        (16, 2),
    ):
        problem = rule_tree(options, groups, seed=options * 10 + groups)
        started = time.perf_counter()
        plan = solve(problem)
        print(
            f"| {options} x {groups} | {(time.perf_counter() - started) * 1000:.1f} "
            f"| {plan.exact} |"
        )
    print()
    print("| transfer: candidate awards | ms | exact |")
    print("|---|---:|---|")
    for count in (5, 10, 20, 30, 40, 60):
        candidates = awards(count, seed=count)
        started = time.perf_counter()
        _, exact = choose(candidates)
        print(f"| {count} | {(time.perf_counter() - started) * 1000:.1f} | {exact} |")


if __name__ == "__main__":
    main()
