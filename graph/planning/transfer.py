"""Transfer credit decisions (DOMAIN.md articulation semantics, decisions 1-6 and 11), without I/O.

From a learner's holdings and the transfer values reachable from them, build every applicable award
(a direct rule, or a chain of rules ending at an item of the receiving institution), then choose the
assignment in which each holding funds at most one award and each receiving item is credited at most
once that gives the most credit, with the contract's tie-breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.models import CreditUnit
from graph.planning.units import NoConversion, convert
from graph.planning.verification import verification_text

# Exact search over at most this many candidate awards; a greedy choice beyond (reported).
EXACT_LIMIT = 32
_EPS = 1e-9


@dataclass(frozen=True)
class Holding:
    """One EARNED edge of the learner."""

    item_id: str
    institution_id: str | None
    date: dt.date | None
    grade: float | None
    expires: dt.date | None
    # what verifying its credential found (none: never checked), when, and why
    verification: str | None = None
    verified_on: dt.date | None = None
    verified_issuer: str | None = None
    verification_reason: str | None = None

    @property
    def verification_text(self) -> str:
        """ "verified: issuer X, checked on D", or the state and why."""
        return verification_text(
            self.verification, self.verified_issuer, self.verified_on, self.verification_reason
        )


@dataclass(frozen=True)
class Agreement:
    """A transfer agreement as rules see it: its dates and its two institutions."""

    id: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    sending_id: str | None
    receiving_id: str | None


@dataclass(frozen=True)
class Rule:
    """One TransferValue with what its decision needs."""

    id: str
    from_ids: tuple[str, ...]
    for_id: str
    for_institution_id: str | None
    credits: float
    credit_unit: CreditUnit | None
    min_grade: float | None = None
    max_age_years: int | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    allow_chaining: bool = False
    conditions: str | None = None
    agreements: tuple[Agreement, ...] = ()
    continues: bool = False  # a chainable rule starts from the FOR item


@dataclass(frozen=True)
class Institution:
    """A receiving institution as a decision sees it: its unit, course size and cap."""

    id: str
    credit_unit: CreditUnit | None
    course_credit_hours: float | None
    max_transfer_credits: float | None


@dataclass(frozen=True)
class Step:
    """One rule of an award's chain, with the agreement it applied under (if any)."""

    rule: Rule
    agreement: Agreement | None


@dataclass(frozen=True)
class Award:
    """Credit one set of holdings earns toward one receiving item, through a chain of rules."""

    holdings: tuple[str, ...]  # sorted ids of the learner's holdings that fund it
    receiving_id: str
    credits: float  # in the receiving institution's unit
    steps: tuple[Step, ...]

    @property
    def conditions_pending(self) -> tuple[str, ...]:
        """The conditions of the award's rules, still to be checked by a person."""
        return tuple(s.rule.conditions for s in self.steps if s.rule.conditions)


@dataclass(frozen=True)
class Rejection:
    """A rule that touched the learner's holdings but did not apply, and why."""

    rule_id: str
    reason: str


@dataclass(frozen=True)
class TransferDecision:
    """What a learner's holdings earn at one institution: the awards chosen and why others not."""

    awards: tuple[Award, ...]
    total: float
    uncapped_total: float
    capped: bool
    unused_holdings: tuple[str, ...]
    rejections: tuple[Rejection, ...]
    exact: bool
    candidates: int


@dataclass
class _Search:
    rejections: dict[str, str] = field(default_factory=dict)
    awards: dict[tuple[tuple[str, ...], str], Award] = field(default_factory=dict)

    def reject(self, rule_id: str, reason: str) -> None:
        self.rejections.setdefault(rule_id, reason)


def add_years(day: dt.date, years: int) -> dt.date:
    """Calendar years; 29 February + N years = 28 February when N lands on a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def counts_at(start: dt.date | None, expires: dt.date | None, as_of: dt.date) -> bool:
    """Decision 1: on or before asOf, and not expired before asOf."""
    return (start is None or start <= as_of) and (expires is None or expires >= as_of)


def _in_window(start: dt.date | None, end: dt.date | None, as_of: dt.date) -> bool:
    return (start is None or start <= as_of) and (end is None or as_of <= end)


def effective_agreement(rule: Rule, as_of: dt.date) -> tuple[bool, Agreement | None]:
    """Is the rule effective, and through which agreement (smallest id among the effective ones)."""
    if not _in_window(rule.effective_from, rule.effective_to, as_of):
        return False, None
    if not rule.agreements:
        return True, None
    live = sorted(
        (a for a in rule.agreements if _in_window(a.effective_from, a.effective_to, as_of)),
        key=lambda a: a.id,
    )
    return (True, live[0]) if live else (False, None)


def rule_problem(rule: Rule, originals: Sequence[Holding], as_of: dt.date) -> str | None:
    """Why the rule does not apply to these original holdings at asOf (None: it applies)."""
    effective, _ = effective_agreement(rule, as_of)
    if not effective:
        return f"not effective on {as_of.isoformat()}"
    for holding in originals:
        if rule.min_grade is not None:
            if holding.grade is None:
                return f"needs a grade of at least {rule.min_grade:g}; {holding.item_id} has none"
            if holding.grade < rule.min_grade:
                return (
                    f"needs a grade of at least {rule.min_grade:g}; "
                    f"{holding.item_id} has {holding.grade:g}"
                )
        if rule.max_age_years is not None:
            if holding.date is None:
                return f"needs an earned date within {rule.max_age_years} years; none recorded"
            if add_years(holding.date, rule.max_age_years) < as_of:
                return (
                    f"{holding.item_id} was earned {holding.date.isoformat()}, more than "
                    f"{rule.max_age_years} years before {as_of.isoformat()}"
                )
    return None


class RuleChecks:
    """`rule_problem` and `effective_agreement` for one learner's holdings on one day, each worked
    out once: transferOptions decides the same rules for every institution it ranks."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self._problems: dict[tuple[str, tuple[str, ...]], str | None] = {}
        self._effective: dict[str, tuple[bool, Agreement | None]] = {}

    def problem(self, rule: Rule, originals: Sequence[Holding]) -> str | None:
        """Why `rule` does not apply to these holdings (None: it does), decided once."""
        key = (rule.id, tuple(h.item_id for h in originals))
        if key not in self._problems:
            self._problems[key] = rule_problem(rule, originals, self.as_of)
        return self._problems[key]

    def _effective_agreement(self, rule: Rule) -> tuple[bool, Agreement | None]:
        found = self._effective.get(rule.id)
        if found is None:
            found = self._effective[rule.id] = effective_agreement(rule, self.as_of)
        return found

    def effective(self, rule: Rule) -> bool:
        """Whether `rule` is in effect on the day asked (window and agreements), decided once."""
        return self._effective_agreement(rule)[0]

    def agreement(self, rule: Rule) -> Agreement | None:
        """The agreement under which `rule` is in effect on the day asked, decided once."""
        return self._effective_agreement(rule)[1]


class RulesToward:
    """The rules that can take part in an award at one institution: those ending there, and those
    whose FOR item the chain can follow to it within `max_chain` steps.

    Deciding with `toward(x)` instead of every reachable rule gives the same awards, total and
    cap (an award's every rule is kept); only rejections of rules that lead elsewhere are left
    out. transferOptions ranks every institution this way and decides the shown ones in full.
    """

    def __init__(self, rules_from: Mapping[str, Sequence[Rule]], max_chain: int) -> None:
        self._rules_from = rules_from
        self._max_chain = max_chain
        self._ending_at: dict[str | None, dict[str, Rule]] = {}
        self._ending_with: dict[str, dict[str, Rule]] = {}
        for rules in rules_from.values():
            for rule in rules:
                self._ending_at.setdefault(rule.for_institution_id, {})[rule.id] = rule
                self._ending_with.setdefault(rule.for_id, {})[rule.id] = rule

    def credit_bound(self, receiving: Institution, checks: RuleChecks | None = None) -> float:
        """No decision at `receiving` totals more: an award earns one receiving item once, with
        the credit of the rule ending there, so the most credit of a rule ending at each of its
        items, summed, and capped as the institution caps (transferOptions ranks by it first).
        With `checks`, a rule not in effect on their day is left out: it earns nothing."""
        best: dict[str, float] = {}
        for rule in self._ending_at.get(receiving.id, {}).values():
            if checks is not None and not checks.effective(rule):
                continue
            try:
                credits = convert(
                    rule.credits,
                    rule.credit_unit,
                    receiving.credit_unit,
                    receiving.course_credit_hours,
                )
            except NoConversion:
                continue
            best[rule.for_id] = max(best.get(rule.for_id, 0.0), credits)
        total = sum(best.values())
        cap = receiving.max_transfer_credits
        return min(total, cap) if cap is not None else total

    def toward(self, institution_id: str) -> dict[str, list[Rule]]:
        """The rules that can end at `institution_id`, by FROM item, chains followed back."""
        kept = dict(self._ending_at.get(institution_id, {}))
        frontier = {item for rule in kept.values() for item in rule.from_ids}
        for _ in range(self._max_chain - 1):
            earlier = {
                rule.id: rule
                for item in frontier
                for rule in self._ending_with.get(item, {}).values()
                if rule.id not in kept
            }
            if not earlier:
                break
            kept.update(earlier)
            frontier = {item for rule in earlier.values() for item in rule.from_ids}
        items = {item for rule in kept.values() for item in rule.from_ids}
        return {
            item: [rule for rule in self._rules_from.get(item, ()) if rule.id in kept]
            for item in sorted(items)
        }


def build_awards(
    holdings: Sequence[Holding],
    rules_from: Mapping[str, Sequence[Rule]],
    receiving: Institution,
    as_of: dt.date,
    max_chain: int,
    checks: RuleChecks | None = None,
) -> tuple[list[Award], list[Rejection]]:
    """Every applicable award at the receiving institution, and why other touched rules did not.

    `rules_from[item]` lists the rules that have `item` among their FROM items; `checks` may be
    shared by calls for the same holdings and day.
    """
    checks = checks if checks is not None and checks.as_of == as_of else RuleChecks(as_of)
    search = _Search()
    valid = {h.item_id: h for h in holdings if counts_at(h.date, h.expires, as_of)}
    earned = set(valid)
    transferable = {i: h for i, h in valid.items() if h.institution_id != receiving.id}
    first_rules: dict[str, Rule] = {}
    for item_id in sorted(transferable):
        for rule in rules_from.get(item_id, ()):
            first_rules[rule.id] = rule
    for rule in (first_rules[k] for k in sorted(first_rules)):
        missing = [f for f in rule.from_ids if f not in transferable]
        if missing:
            own = [f for f in missing if f in valid]
            reason = (
                f"needs {', '.join(own)}, offered by the receiving institution itself"
                if own
                else f"also needs {', '.join(sorted(missing))}"
            )
            search.reject(rule.id, reason)
            continue
        originals = [transferable[f] for f in sorted(rule.from_ids)]
        _extend(
            search, rule, (), originals, rules_from, receiving, earned, checks, max_chain, set()
        )
    awards = sorted(search.awards.values(), key=lambda a: (a.receiving_id, a.holdings))
    rejections = [Rejection(r, why) for r, why in sorted(search.rejections.items())]
    return awards, rejections


def _extend(
    search: _Search,
    rule: Rule,
    before: tuple[Step, ...],
    originals: Sequence[Holding],
    rules_from: Mapping[str, Sequence[Rule]],
    receiving: Institution,
    earned: set[str],
    checks: RuleChecks,
    max_chain: int,
    seen_items: set[str],
) -> None:
    problem = checks.problem(rule, originals)
    if problem is not None:
        search.reject(rule.id, problem)
        return
    steps = (*before, Step(rule, checks.agreement(rule)))
    if rule.for_institution_id == receiving.id:
        if rule.for_id in earned:
            search.reject(rule.id, f"{rule.for_id} is already earned")
            return
        try:
            credits = convert(
                rule.credits, rule.credit_unit, receiving.credit_unit, receiving.course_credit_hours
            )
        except NoConversion:
            search.reject(rule.id, f"no conversion from {rule.credit_unit} for {receiving.id}")
            return
        award = Award(
            holdings=tuple(sorted(h.item_id for h in originals)),
            receiving_id=rule.for_id,
            credits=round(credits, 9),
            steps=steps,
        )
        key = (award.holdings, award.receiving_id)
        current = search.awards.get(key)
        if current is None or _award_order(award) < _award_order(current):
            search.awards[key] = award
        return
    # Not at the receiving institution yet: continue through chainable rules (decision 4).
    if len(steps) >= max_chain:
        if rule.continues or rules_from.get(rule.for_id):
            search.reject(
                rule.id,
                f"leads to {rule.for_id}, not offered by {receiving.id}; "
                f"maxChain {max_chain} stops the chain there",
            )
        return
    if rule.for_id in seen_items:
        return
    for following in sorted(rules_from.get(rule.for_id, ()), key=lambda r: r.id):
        if following.from_ids != (rule.for_id,):
            continue  # later rules of a chain have exactly one FROM: the previous FOR item
        if not following.allow_chaining:
            search.reject(following.id, "does not allow chaining")
            continue
        _extend(
            search,
            following,
            steps,
            originals,
            rules_from,
            receiving,
            earned,
            checks,
            max_chain,
            seen_items | {rule.for_id},
        )


def _award_order(award: Award) -> tuple[float, int, tuple[str, ...]]:
    """Between two ways to the same award: more credit, then shorter chain, then rule ids."""
    return (-award.credits, len(award.steps), tuple(s.rule.id for s in award.steps))


def assignment_key(awards: Iterable[Award]) -> tuple[float, int, list[str], list[str]]:
    """Decisions 6, 11: most credit; fewest holdings; smallest receiving ids; then holding ids."""
    chosen = list(awards)
    total = round(sum(a.credits for a in chosen), 6)
    holdings = sorted(h for a in chosen for h in a.holdings)
    return (-total, len(holdings), sorted(a.receiving_id for a in chosen), holdings)


def choose(awards: Sequence[Award]) -> tuple[tuple[Award, ...], bool]:
    """The best assignment without double counting; exact up to EXACT_LIMIT candidates."""
    order = sorted(awards, key=lambda a: (-a.credits, len(a.holdings), a.receiving_id, a.holdings))
    if len(order) > EXACT_LIMIT:
        return _greedy(order), False
    suffix = [0.0] * (len(order) + 1)
    for i in range(len(order) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + order[i].credits
    best: list[Award] = []
    best_key = assignment_key(best)

    def search(
        i: int, chosen: list[Award], used: set[str], credited: set[str], total: float
    ) -> None:
        nonlocal best, best_key
        if total + suffix[i] < -best_key[0] - _EPS:
            return  # even every remaining award cannot reach the best total
        if i == len(order):
            key = assignment_key(chosen)
            if key < best_key:
                best, best_key = list(chosen), key
            return
        award = order[i]
        if award.receiving_id not in credited and used.isdisjoint(award.holdings):
            chosen.append(award)
            search(
                i + 1,
                chosen,
                used | set(award.holdings),
                credited | {award.receiving_id},
                total + award.credits,
            )
            chosen.pop()
        search(i + 1, chosen, used, credited, total)

    search(0, [], set(), set(), 0.0)
    return tuple(sorted(best, key=lambda a: a.receiving_id)), True


def _greedy(order: Sequence[Award]) -> tuple[Award, ...]:
    used: set[str] = set()
    credited: set[str] = set()
    chosen = []
    for award in order:
        if award.receiving_id not in credited and used.isdisjoint(award.holdings):
            chosen.append(award)
            used.update(award.holdings)
            credited.add(award.receiving_id)
    return tuple(sorted(chosen, key=lambda a: a.receiving_id))


def decide(
    holdings: Sequence[Holding],
    rules_from: Mapping[str, Sequence[Rule]],
    receiving: Institution,
    as_of: dt.date,
    max_chain: int,
    checks: RuleChecks | None = None,
) -> TransferDecision:
    """The transfer decision for `holdings` at `receiving` on `as_of` (decision 4 and after)."""
    candidates, rejections = build_awards(holdings, rules_from, receiving, as_of, max_chain, checks)
    awards, exact = choose(candidates)
    uncapped = round(sum(a.credits for a in awards), 6)
    cap = receiving.max_transfer_credits
    capped = cap is not None and uncapped > cap + _EPS
    used = {h for a in awards for h in a.holdings}
    unused = sorted(
        h.item_id for h in holdings if h.item_id not in used and h.institution_id != receiving.id
    )
    return TransferDecision(
        awards=awards,
        total=cap if capped and cap is not None else uncapped,
        uncapped_total=uncapped,
        capped=capped,
        unused_holdings=tuple(unused),
        rejections=tuple(rejections),
        exact=exact,
        candidates=len(candidates),
    )
