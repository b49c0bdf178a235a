"""Suite conformance (DOMAIN.md decision 10) and facilitator coverage, without I/O.

A suite's standard is the set of element fields it sets: numbers exact (`hours`) or as a range
(`hoursMin`/`hoursMax`), single values (outcome type, pedagogy, design model), allowed assessment
methods (a member may use only those), required learner-experience elements and endorsement kinds (a
member must have all of them). A deviation is allowed when the suite's `allowedDeviations` names the
field for that member (or for every member).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.models import Approach, MicroCredential, Suite

EXACT_NUMBERS = ("modules", "outcomes_per_module", "activities", "facilitated_sessions")
SINGLE_VALUES = ("outcome_type", "pedagogy", "instructional_design")


@dataclass(frozen=True)
class Member:
    """A suite member as the standard checks it: credential, IN_SUITE link, prerequisites."""

    credential: MicroCredential
    core: bool | None
    position: int | None
    requires: frozenset[str]  # ids of what it REQUIRES directly (members or not)
    teaches: frozenset[str]
    endorsement_kinds: frozenset[str]


@dataclass(frozen=True)
class Deviation:
    """One field where a member differs from the suite's standard, allowed or not."""

    item_id: str
    field: str  # the GraphQL / Neo4j name (camelCase)
    expected: str
    actual: str
    allowed: bool
    reason: str | None


@dataclass(frozen=True)
class ShapeViolation:
    """A break of the suite's approach by the members' prerequisites."""

    code: str
    message: str
    item_ids: tuple[str, ...]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _show(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(sorted(str(v) for v in value)) or "none"
    return str(getattr(value, "value", value))


def deviations(
    suite: Suite, members: Sequence[Member], suite_endorsements: frozenset[str]
) -> list[Deviation]:
    """Every difference between each member and the suite's standard."""
    found: list[Deviation] = []

    def allowed_for(field: str, member_id: str) -> tuple[bool, str | None]:
        for rule in suite.allowed_deviations:
            if rule.field == field and (not rule.members or member_id in rule.members):
                return True, rule.reason
        return False, None

    def add(member_id: str, field: str, expected: str, actual: str) -> None:
        ok, why = allowed_for(field, member_id)
        found.append(Deviation(member_id, field, expected, actual, ok, why))

    for member in sorted(members, key=lambda m: m.credential.id):
        mc, mid = member.credential, member.credential.id
        for name in ("hours", "weeks"):
            exact = getattr(suite, name)
            low, high = getattr(suite, f"{name}_min"), getattr(suite, f"{name}_max")
            actual = getattr(mc, name)
            if exact is not None and actual != exact:
                add(mid, name, _show(exact), _show(actual))
            elif exact is None and (low is not None or high is not None):
                inside = (
                    actual is not None
                    and (low is None or actual >= low)
                    and (high is None or actual <= high)
                )
                if not inside:
                    lower = "" if low is None else _show(low)
                    upper = "" if high is None else _show(high)
                    bounds = f"{lower}..{upper}"
                    add(mid, name, bounds, _show(actual))
        for name in (*EXACT_NUMBERS, *SINGLE_VALUES):
            expected = getattr(suite, name)
            if expected is not None and getattr(mc, name) != expected:
                add(mid, _camel(name), _show(expected), _show(getattr(mc, name)))
        if suite.assessment_methods:
            extra = set(mc.assessment_methods) - set(suite.assessment_methods)
            if extra or not mc.assessment_methods:
                add(
                    mid,
                    "assessmentMethods",
                    f"only {_show(suite.assessment_methods)}",
                    _show(mc.assessment_methods),
                )
        if suite.ux_elements:
            missing = set(suite.ux_elements) - set(mc.ux_elements)
            if missing:
                add(mid, "uxElements", f"all of {_show(suite.ux_elements)}", _show(mc.ux_elements))
        if suite.required_endorsement_kinds:
            have = member.endorsement_kinds | suite_endorsements
            missing_kinds = {k.value for k in suite.required_endorsement_kinds} - have
            if missing_kinds:
                add(
                    mid,
                    "requiredEndorsementKinds",
                    f"all of {_show(suite.required_endorsement_kinds)}",
                    _show(have),
                )
    return found


def _path_order(
    ids: Sequence[str], requires: Mapping[str, frozenset[str]]
) -> tuple[list[str] | None, list[str]]:
    """The unique order m1..mn where each m(i+1) requires m(i) directly, or None with the reason."""
    inside = set(ids)
    edges = {m: {r for r in requires[m] if r in inside} for m in ids}
    indegree = {m: len(edges[m]) for m in ids}  # an item comes after what it requires
    dependants: dict[str, set[str]] = {m: set() for m in ids}
    for m, reqs in edges.items():
        for r in reqs:
            dependants[r].add(m)
    ready = [m for m in ids if indegree[m] == 0]
    heapq.heapify(ready)
    order: list[str] = []
    problems: list[str] = []
    while ready:
        if len(ready) > 1:
            problems.append(f"{', '.join(sorted(ready))} can each come next: no single path")
        current = heapq.heappop(ready)
        order.append(current)
        for d in sorted(dependants[current]):
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(ready, d)
    if len(order) < len(ids):
        return None, [f"prerequisite cycle among {', '.join(sorted(inside - set(order)))}"]
    for earlier, later in itertools.pairwise(order):
        if earlier not in edges[later]:
            problems.append(f"{later} does not require {earlier} directly")
    return (order if not problems else None), problems


def shape_violations(suite: Suite, members: Sequence[Member]) -> list[ShapeViolation]:
    """Where the members' prerequisites break the suite's approach."""
    by_id = {m.credential.id: m for m in members}
    ids = sorted(by_id)
    requires = {m: by_id[m].requires for m in ids}
    found: list[ShapeViolation] = []

    def progressive(group: list[str], label: str) -> list[str] | None:
        order, problems = _path_order(group, requires)
        for problem in problems:
            found.append(ShapeViolation("NOT_A_PATH", f"{label}: {problem}", tuple(group)))
        if order is None:
            return None
        positions = [by_id[m].position for m in order]
        if any(p is not None for p in positions):
            known = [(m, p) for m, p in zip(order, positions, strict=True) if p is not None]
            if any(a[1] >= b[1] for a, b in itertools.pairwise(known)):
                found.append(
                    ShapeViolation(
                        "POSITION_ORDER",
                        f"{label}: positions do not increase along the path {' -> '.join(order)}",
                        tuple(order),
                    )
                )
        return order

    if suite.approach is Approach.MODULAR:
        for m in ids:
            for r in sorted(requires[m] & set(ids)):
                found.append(
                    ShapeViolation(
                        "MEMBER_REQUIRES_MEMBER",
                        f"{m} requires {r}; modular members stand alone",
                        (m, r),
                    )
                )
    elif suite.approach is Approach.PROGRESSIVE:
        order = progressive(ids, "progressive suite")
        if order:
            seen: set[str] = set()
            for m in order:
                taught = by_id[m].teaches
                if seen and taught and taught <= seen:
                    found.append(
                        ShapeViolation(
                            "NO_PROGRESSION",
                            f"{m} only repeats competencies of earlier members",
                            (m,),
                        )
                    )
                seen |= taught
    elif suite.approach is Approach.HYBRID:
        core = [m for m in ids if by_id[m].core]
        electives = [m for m in ids if not by_id[m].core]
        if not core:
            found.append(
                ShapeViolation("NO_CORE", "a hybrid suite needs at least one core member", ())
            )
        else:
            progressive(core, "core members")
        for m in core:
            for r in sorted(requires[m] & set(electives)):
                found.append(
                    ShapeViolation(
                        "CORE_REQUIRES_ELECTIVE", f"core {m} requires elective {r}", (m, r)
                    )
                )
        for m in electives:
            for r in sorted(requires[m] & set(electives)):
                found.append(
                    ShapeViolation(
                        "ELECTIVE_REQUIRES_ELECTIVE", f"elective {m} requires elective {r}", (m, r)
                    )
                )
    return found


@dataclass(frozen=True)
class FacilitatorFit:
    """How one facilitator fits a micro-credential's needs."""

    facilitator_id: str
    missing: tuple[str, ...]  # needed competencies it is not qualified in: its training plan
    facilitates: bool


def facilitator_fits(
    needs: frozenset[str],
    qualifications: Mapping[str, frozenset[str]],
    facilitating: frozenset[str],
) -> list[FacilitatorFit]:
    """Qualified first (nothing missing), then fewest missing, then those facilitating, then id."""
    fits = [
        FacilitatorFit(f, tuple(sorted(needs - quals)), f in facilitating)
        for f, quals in qualifications.items()
    ]
    return sorted(fits, key=lambda f: (len(f.missing), not f.facilitates, f.facilitator_id))
