"""Credit articulation: a learner's transfer credit at an institution; where credits go."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from graph.errors import Invalid, NotFound
from graph.models import Institution as InstitutionNode
from graph.models import Label, Node
from graph.planning.transfer import (
    Institution,
    Rule,
    RuleChecks,
    RulesToward,
    TransferDecision,
    decide,
)
from graph.planning.units import NoConversion, convert
from graph.planning.verification import DEFAULT_COUNTED, counts
from graph.planning.whatif import Assumption, WhatIf
from graph.repositories.articulation import ArticulationRepository, HoldingRow
from graph.repositories.nodes import NodeRepository
from graph.services.whatif import resolve
from graph.stored import fitting

MAX_CHAIN = 5
RULES_PER_ROUND = 2000


@dataclass(frozen=True)
class TransferCreditAnswer:
    """transferCredit's answer: the decision, and the holdings and institution it used."""

    learner_id: str
    institution: InstitutionNode
    as_of: dt.date
    max_chain: int
    decision: TransferDecision
    holdings: tuple[HoldingRow, ...]
    truncated: bool
    # holdings the verification policy leaves out (REVOKED and INVALID by default)
    not_counted: tuple[HoldingRow, ...] = ()
    assumed: frozenset[str] = frozenset()  # item ids held by assumption (what-if)


@dataclass(frozen=True)
class TransferOption:
    """One ranked institution. `answer` is decided with the rules that can reach it (the same
    awards, total and cap as with every rule); `full` decides it with every reachable rule, which
    adds the rejections of rules that lead elsewhere, only when an answer asks for them."""

    answer: TransferCreditAnswer
    credit_hours: float | None  # the total in credit hours, for ranking across units
    share_of_holdings: float
    full: Callable[[], TransferCreditAnswer]


@dataclass(frozen=True)
class HeldRules:
    """Rules read from a learner's recorded holdings beside the holdings themselves: the first
    round (from the EARNED items) and the chainable second (from the first's FOR items)."""

    first: Sequence[Rule]
    second: Sequence[Rule] | None


def institution_facts(node: InstitutionNode) -> Institution:
    """What a transfer decision needs of an institution: its units and cap, all fitting."""
    fitting(node, "credit_unit", "course_credit_in_credit_hours", "max_transfer_credits")
    return Institution(
        id=node.id,
        credit_unit=node.credit_unit,
        course_credit_hours=node.course_credit_in_credit_hours,
        max_transfer_credits=node.max_transfer_credits,
    )


def _decide(
    holdings: Sequence[HoldingRow],
    rules_from: dict[str, list[Rule]],
    institution: InstitutionNode,
    day: dt.date,
    max_chain: int,
    checks: RuleChecks | None = None,
) -> TransferDecision:
    facts = [h.holding for h in holdings]
    return decide(facts, rules_from, institution_facts(institution), day, max_chain, checks)


def _hours(total: float, institution: InstitutionNode) -> float | None:
    """A total of the institution's credit unit in credit hours (None: it has no conversion)."""
    try:
        return convert(
            total, institution.credit_unit, None, institution.course_credit_in_credit_hours
        )
    except NoConversion:
        return None


def _in_full(
    answer: TransferCreditAnswer, rules_from: dict[str, list[Rule]], checks: RuleChecks
) -> Callable[[], TransferCreditAnswer]:
    """The answer decided with every reachable rule, worked out once, when first asked for."""
    decided: list[TransferCreditAnswer] = []

    def full() -> TransferCreditAnswer:
        if not decided:
            decision = _decide(
                answer.holdings,
                rules_from,
                answer.institution,
                answer.as_of,
                answer.max_chain,
                checks,
            )
            decided.append(replace(answer, decision=decision))
        return decided[0]

    return full


class ArticulationService:
    """The articulation questions: transfer credit, transfer options and what-ifs of them."""

    def __init__(
        self,
        nodes: NodeRepository,
        repo: ArticulationRepository,
        counted: Collection[str] = DEFAULT_COUNTED,
    ) -> None:
        self.nodes = nodes
        self.repo = repo
        self.counted = counted

    async def _all_holdings(self, learner_id: str) -> list[HoldingRow]:
        holdings = await self.repo.holdings(learner_id)
        if holdings is None:
            raise NotFound("Learner", learner_id)
        return holdings

    def counted_at(self, institution: InstitutionNode | None) -> Collection[str]:
        """The verification states that count at this institution: its own policy, else the
        setting's (decision 50)."""
        if institution is None:
            return self.counted
        fitting(institution, "counted_verification_states")
        own = institution.counted_verification_states
        return self.counted if own is None else frozenset(own)

    async def counted_for(self, institution_id: str | None) -> Collection[str]:
        """The verification states that count at the institution with this id (an unknown one,
        or none: the setting's)."""
        if institution_id is None:
            return self.counted
        found = (await self.nodes.get_many(Label.INSTITUTION, [institution_id])).get(institution_id)
        return self.counted_at(found if isinstance(found, InstitutionNode) else None)

    async def _institution(self, institution_id: str) -> InstitutionNode:
        found = (await self.nodes.get_many(Label.INSTITUTION, [institution_id])).get(institution_id)
        if not isinstance(found, InstitutionNode):
            raise NotFound("Institution", institution_id)
        return found

    async def _held_rules(self, learner_id: str, max_chain: int) -> HeldRules:
        """The first two rounds of rules from the learner's recorded holdings, read at once."""
        if max_chain < 2:
            return HeldRules(await self.repo.rules_from_held(learner_id, RULES_PER_ROUND), None)
        first, second = await asyncio.gather(
            self.repo.rules_from_held(learner_id, RULES_PER_ROUND),
            self.repo.rules_after_held(learner_id, RULES_PER_ROUND),
        )
        return HeldRules(first, second)

    async def _held_rules_and_receiving(
        self, learner_id: str, max_chain: int
    ) -> tuple[HeldRules, set[str], dict[str, Node]]:
        """`_held_rules` and the institutions those rules end at (the ids asked, and the nodes
        found), each round's institutions read in the statement of its rules, while the holdings
        may still be on their way: the rules of a chain of up to two steps from the recorded
        holdings are among them, so their receiving institutions are too (decision 115: no round
        trip after the rules')."""
        if max_chain < 2:
            first = await self.repo.held_round(learner_id, RULES_PER_ROUND, after_held=False)
            rules, receiving = HeldRules(first.rules, None), first.receiving
        else:
            first, second = await asyncio.gather(
                self.repo.held_round(learner_id, RULES_PER_ROUND, after_held=False),
                self.repo.held_round(learner_id, RULES_PER_ROUND, after_held=True),
            )
            rules = HeldRules(first.rules, second.rules)
            receiving = {**first.receiving, **second.receiving}
        ends = {
            r.for_institution_id
            for r in (*rules.first, *(rules.second or ()))
            if r.for_institution_id is not None
        }
        return rules, ends, receiving

    async def _reachable_rules(
        self,
        holdings: Sequence[HoldingRow],
        max_chain: int,
        receiving_id: str | None = None,
        held: tuple[Collection[str], HeldRules] | None = None,
    ) -> tuple[dict[str, list[Rule]], bool]:
        """Rules reachable from the holdings in at most `max_chain` steps, indexed by FROM item.

        After the first step only chainable rules are fetched, and a chain does not go on from an
        item of the receiving institution (decision 4): each round costs one query. `held` is
        the learner's recorded item ids and the first two rounds already read from them (beside
        the holdings): a round then reads only the rules of items those did not start from
        (assumed holdings, decision 40).
        """
        by_id: dict[str, Rule] = {}
        frontier = sorted({h.holding.item_id for h in holdings})
        truncated = False
        read_rounds: list[tuple[Sequence[Rule], Collection[str]]] = []
        if held is not None:
            held_ids, rules = held
            read_rounds.append((rules.first, held_ids))
            if rules.second is not None:
                read_rounds.append((rules.second, {r.for_id for r in rules.first}))
        for step in range(max_chain):
            if step < len(read_rounds):
                read, covered = read_rounds[step]
                truncated = truncated or len(read) >= RULES_PER_ROUND
                found = await self._round(frontier, read, covered, step > 0)
            else:
                found = await self.repo.rules_from(
                    frontier, RULES_PER_ROUND, chainable_only=step > 0
                )
            truncated = truncated or len(found) >= RULES_PER_ROUND
            fresh = [r for r in found if r.id not in by_id]
            by_id.update((r.id, r) for r in fresh)
            frontier = sorted(
                {
                    r.for_id
                    for r in fresh
                    if r.continues
                    and (receiving_id is None or r.for_institution_id != receiving_id)
                }
            )
            if not frontier:
                break
        rules_from: dict[str, list[Rule]] = defaultdict(list)
        for rule in sorted(by_id.values(), key=lambda r: r.id):
            for item_id in rule.from_ids:
                rules_from[item_id].append(rule)
        return rules_from, truncated

    async def _round(
        self,
        frontier: Sequence[str],
        read: Sequence[Rule],
        covered: Collection[str],
        chainable_only: bool,
    ) -> list[Rule]:
        """One round from the frontier: the rules already read that start from a frontier item,
        and those of the frontier items the read round did not start from."""
        wanted = set(frontier)
        found = [r for r in read if wanted.intersection(r.from_ids)]
        unread = sorted(wanted.difference(covered))
        if unread:
            known = {r.id for r in found}
            more = await self.repo.rules_from(unread, RULES_PER_ROUND, chainable_only)
            found += [r for r in more if r.id not in known]
        return sorted(found, key=lambda r: r.id)

    async def what_if(self, assume: Assumption | None, day: dt.date) -> WhatIf:
        """The assumption checked against the graph (INVALID naming what cannot be held)."""
        return await resolve(self.repo, assume, day)

    def assumed_holdings(
        self,
        recorded: Sequence[HoldingRow],
        what_if: WhatIf,
        counted: Collection[str] | None = None,
    ) -> list[HoldingRow]:
        """The holdings that count under the verification policy (`counted`, default the
        setting's), as assumed."""
        states = self.counted if counted is None else counted
        kept = [h.holding for h in recorded if counts(h.holding.verification, states)]
        return [HoldingRow(h) for h in what_if.holdings(kept)]

    async def transfer_credit(
        self,
        learner_id: str,
        institution_id: str,
        as_of: dt.date | None,
        max_chain: int,
        assume: Assumption | None = None,
    ) -> TransferCreditAnswer:
        """What the learner's holdings earn at `institution_id` on `as_of` (decision 4)."""
        if not 1 <= max_chain <= MAX_CHAIN:
            raise Invalid(f"maxChain must be between 1 and {MAX_CHAIN}, got {max_chain}")
        day = as_of or dt.date.today()
        # the rules from the learner's recorded holdings are read beside the holdings
        every, institution, from_held = await asyncio.gather(
            self._all_holdings(learner_id),
            self._institution(institution_id),
            self._held_rules(learner_id, max_chain),
        )
        counted = self.counted_at(institution)
        what_if = await self.what_if(assume, day)
        holdings = self.assumed_holdings(every, what_if, counted)
        left_out = tuple(
            h
            for h in every
            if not counts(h.holding.verification, counted)
            and h.holding.item_id not in what_if.replaced
        )
        held = ({h.holding.item_id for h in every}, from_held)
        rules_from, truncated = await self._reachable_rules(
            holdings, max_chain, institution.id, held
        )
        decision = _decide(holdings, rules_from, institution, day, max_chain)
        return TransferCreditAnswer(
            learner_id,
            institution,
            day,
            max_chain,
            decision,
            tuple(holdings),
            truncated,
            left_out,
            what_if.added_ids,
        )

    async def transfer_options(
        self, learner_id: str, limit: int, as_of: dt.date | None = None, max_chain: int = 2
    ) -> tuple[list[TransferOption], bool]:
        """Institutions ranked by the credit they accept (in credit hours), then by id."""
        if not 1 <= limit <= 100:
            raise Invalid(f"limit must be between 1 and 100, got {limit}")
        day = as_of or dt.date.today()
        # rules from every holding: each institution then decides with the holdings its own
        # verification policy counts
        every, (from_held, asked, receiving) = await asyncio.gather(
            self._all_holdings(learner_id), self._held_rules_and_receiving(learner_id, max_chain)
        )
        held = ({h.holding.item_id for h in every}, from_held)
        rules_from, truncated = await self._reachable_rules(every, max_chain, None, held)
        receiving_ids = {
            r.for_institution_id
            for rules in rules_from.values()
            for r in rules
            if r.for_institution_id is not None
        }
        if receiving_ids - asked:  # chains longer than the two rounds read beside the holdings
            later = await self.nodes.get_many(Label.INSTITUTION, sorted(receiving_ids - asked))
            receiving = {**receiving, **later}
        found = {i: node for i, node in receiving.items() if i in receiving_ids}
        ranked: list[
            tuple[tuple[float, float, str], InstitutionNode, float | None, float, TransferDecision]
        ] = []
        checks = RuleChecks(day)  # the same rules at every institution
        toward = RulesToward(rules_from, max_chain)
        counted_here: dict[str, list[HoldingRow]] = {}
        # Institutions in order of the most credit hours they could accept: once more than
        # `limit` accept something and the next could not reach the limit-th, none further can
        # be shown, so they are not decided (every institution's stored facts are still read).
        bounded = []
        for institution in found.values():
            assert isinstance(institution, InstitutionNode)  # noqa: S101 - asked by label
            counted = self.counted_at(institution)
            counted_here[institution.id] = [
                h for h in every if counts(h.holding.verification, counted)
            ]
            bound = _hours(toward.credit_bound(institution_facts(institution), checks), institution)
            bounded.append((-(bound or 0.0), institution.id, institution))
        bounded.sort(key=lambda b: b[:2])
        for negative_bound, _, institution in bounded:
            if len(ranked) > limit:
                shown_last = sorted(r[0] for r in ranked)[limit - 1]
                if -negative_bound < -shown_last[0] - 1e-9:
                    break
            holdings = counted_here[institution.id]
            # ranked on the rules that can reach it (same awards and total, fewer rejections
            # to word); only the options shown are decided with every rule, when asked
            decision = _decide(
                holdings, toward.toward(institution.id), institution, day, max_chain, checks
            )
            if not decision.awards:
                continue
            hours = _hours(decision.total, institution)
            used = {h for a in decision.awards for h in a.holdings}
            share = len(used) / len(holdings) if holdings else 0.0
            ranked.append(
                ((-(hours or 0.0), -share, institution.id), institution, hours, share, decision)
            )
        ranked.sort(key=lambda r: r[0])
        options = []
        for _, institution, hours, share, decision in ranked[:limit]:
            answer = TransferCreditAnswer(
                learner_id,
                institution,
                day,
                max_chain,
                decision,
                tuple(counted_here[institution.id]),
                truncated,
            )
            options.append(
                TransferOption(answer, hours, share, _in_full(answer, rules_from, checks))
            )
        return options, truncated or len(ranked) > limit
