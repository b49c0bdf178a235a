"""Reads for the articulation questions: a learner's holdings and nearby transfer values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.db import Database, Row
from graph.models import Earned, Label, Node, TransferAgreement, TransferValue
from graph.planning.transfer import Agreement, Holding, Rule
from graph.stored import (
    CREDIT_UNITS,
    plain_amount,
    plain_id,
    plain_unit,
    read_fitting,
    read_node,
    stored_id,
)


def _transfer_value(props: dict[str, Any], id_: str) -> TransferValue:
    """A rule as stored; one whose values do not fit is refused (DATA_INVALID), never guessed."""
    return read_fitting(TransferValue, {**props, "id": id_}, "TransferValue", id_)


def _agreement(row: Row) -> TransferAgreement:
    """An agreement's dates decide whether its rules apply: they must fit."""
    id_ = stored_id(row["id"], "TransferAgreement")
    props = {"id": id_, "effectiveFrom": row["effectiveFrom"], "effectiveTo": row["effectiveTo"]}
    return read_fitting(TransferAgreement, props, "TransferAgreement", id_)


_TEXT_MAX = 10_000


def _is_day(value: Any) -> bool:
    """A stored day as a question reads it: a date (not a datetime) or nothing."""
    return value is None or type(value) is dt.date


class _AgreementTerms:
    """Agreements as rules see them, each read once per statement: one agreement includes many
    of the transfer values a question reads."""

    def __init__(self) -> None:
        self._read: dict[tuple[Any, ...], Agreement] = {}

    def of(self, row: Row) -> Agreement:
        """The agreement of one row (the same row again: the same agreement, not read again)."""
        key = (
            row["id"],
            row["effectiveFrom"],
            row["effectiveTo"],
            row["sendingId"],
            row["receivingId"],
        )
        try:
            return self._read[key]
        except KeyError:
            pass
        except TypeError:  # a stored value no key can hold (a list): read, and refused, below
            return self._agreement(row)
        found = self._read[key] = self._agreement(row)
        return found

    @staticmethod
    def _agreement(row: Row) -> Agreement:
        id_, start, end = row["id"], row["effectiveFrom"], row["effectiveTo"]
        if plain_id(id_) and _is_day(start) and _is_day(end):
            # what the model would make of it, without one: a third of a transferOptions
            # answer's model reads are its rules' agreements (anything else is read below)
            return Agreement(
                id=id_,
                effective_from=start,
                effective_to=end,
                sending_id=row["sendingId"],
                receiving_id=row["receivingId"],
            )
        ag = _agreement(row)
        return Agreement(
            id=ag.id,
            effective_from=ag.effective_from,
            effective_to=ag.effective_to,
            sending_id=row["sendingId"],
            receiving_id=row["receivingId"],
        )


def _holding(learner_id: str, row: Row) -> Holding:
    """A holding as earned: its date, grade and expiry decide what it earns, so they must fit."""
    item_id = row["itemId"]
    props = {"date": row["date"], "grade": row["grade"], "expires": row["expires"]}
    earned = read_fitting(Earned, props, "EARNED", f"{learner_id} -> {item_id}")
    return Holding(
        item_id=item_id,
        institution_id=row["institutionId"],
        date=earned.date,
        grade=earned.grade,
        expires=earned.expires,
        verification=row["verification"],
        verified_on=row["verifiedOn"],
        verified_issuer=row["verifiedIssuer"],
        verification_reason=row["verificationReason"],
    )


@dataclass(frozen=True)
class HoldingRow:
    """One row of a learner's holdings as the articulation questions read it."""

    holding: Holding


@dataclass(frozen=True)
class NamedItem:
    """What a what-if needs of an item it names: its labels, institution and teaching."""

    id: str
    labels: tuple[str, ...]
    institution_id: str | None
    teaches: tuple[str, ...]


@dataclass(frozen=True)
class HeldRound:
    """A round of rules read from a learner's holdings, and the institutions they end at by id
    (those read with it: empty unless asked)."""

    rules: list[Rule]
    receiving: dict[str, Node]


class ArticulationRepository:
    """Reads of the articulation questions: holdings, transfer values, teaching."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def holdings(self, learner_id: str) -> list[HoldingRow] | None:
        """The learner's holdings; None when there is no such learner (one round trip for both)."""
        rows = await self.db.read_all("questions/learner_holdings", {"learnerId": learner_id})
        if not rows:
            return None
        return [HoldingRow(_holding(learner_id, row)) for row in rows if row["itemId"] is not None]

    async def named_items(self, ids: Sequence[str]) -> dict[str, NamedItem]:
        """The nodes with these ids (any label), with institution and teaching."""
        if not ids:
            return {}
        rows = await self.db.read_all("questions/holdable_items", {"ids": sorted(set(ids))})
        return {
            row["id"]: NamedItem(
                id=row["id"],
                labels=tuple(row["labels"]),
                institution_id=row["institutionId"],
                teaches=tuple(sorted(row["teaches"])),
            )
            for row in rows
        }

    async def worklist_candidates(
        self, institution_id: str, after: tuple[int, str] | None, limit: int
    ) -> list[tuple[str, int]]:
        """(item id, learners holding it) of other institutions' held items, most held first."""
        rows = await self.db.read_all(
            "questions/worklist_candidates",
            {
                "institutionId": institution_id,
                "afterCount": after[0] if after else None,
                "afterId": after[1] if after else None,
                "limit": limit,
            },
        )
        return [(row["id"], int(row["learners"])) for row in rows]

    async def rules_for(self, item_ids: Sequence[str], limit: int) -> list[EarningRule]:
        """Transfer values that earn any of `item_ids` (their FOR item), at most `limit`."""
        return await _rules_for(self.db, item_ids, limit)

    async def courses_teaching(
        self, competency_ids: Sequence[str], institution_id: str, limit: int
    ) -> dict[str, tuple[str, ...]]:
        """The courses of `institution_id` teaching each competency, at most `limit` each."""
        return await _courses_teaching(self.db, competency_ids, institution_id, limit)

    async def rules_from(
        self, item_ids: Sequence[str], limit: int, chainable_only: bool = False
    ) -> list[Rule]:
        """Transfer values having any of `item_ids` among their FROM items (at most `limit`);
        with `chainable_only`, only those that can continue a chain."""
        if not item_ids:
            return []
        return await self._rules(list(item_ids), None, limit, chainable_only)

    async def rules_from_held(self, learner_id: str, limit: int) -> list[Rule]:
        """`rules_from` the items the learner has EARNED (read beside the learner's holdings)."""
        return await self._rules(None, learner_id, limit, False)

    async def rules_after_held(self, learner_id: str, limit: int) -> list[Rule]:
        """The chainable `rules_from` the FOR items of the rules from the items the learner has
        EARNED: the second round of a chain, read beside the first."""
        return await self._rules(None, learner_id, limit, True, after_held=True)

    async def held_round(self, learner_id: str, limit: int, after_held: bool) -> HeldRound:
        """`rules_from_held` (with `after_held`, `rules_after_held`) and the institutions its
        rules end at, by id, read in the same statement: transferOptions ranks those
        institutions with no round trip after the rules'."""
        return await self._rules_and_receiving(
            None, learner_id, limit, after_held, after_held, with_receiving=True
        )

    async def _rules(
        self,
        item_ids: list[str] | None,
        learner_id: str | None,
        limit: int,
        chainable_only: bool,
        after_held: bool = False,
    ) -> list[Rule]:
        return (
            await self._rules_and_receiving(item_ids, learner_id, limit, chainable_only, after_held)
        ).rules

    async def _rules_and_receiving(
        self,
        item_ids: list[str] | None,
        learner_id: str | None,
        limit: int,
        chainable_only: bool,
        after_held: bool,
        with_receiving: bool = False,
    ) -> HeldRound:
        found = await self.db.read(
            "questions/transfer_values_from",
            {
                "itemIds": item_ids,
                "learnerId": learner_id,
                "afterHeld": after_held,
                "limit": limit,
                "chainableOnly": chainable_only,
                "withReceiving": with_receiving,
            },
        )
        record = found[0] if found else {"rows": [], "receiving": []}
        rules = []
        terms = _AgreementTerms()
        for row in record["rows"]:
            agreements = tuple(
                terms.of(a) for a in sorted(row["agreements"], key=lambda a: str(a["id"]))
            )
            rules.append(_plain_rule(row, agreements) or _modelled_rule(row, agreements))
        receiving = (read_node(Label.INSTITUTION, r["props"]) for r in record["receiving"])
        return HeldRound(rules, {node.id: node for node in receiving})


def _plain_rule(row: Row, agreements: tuple[Agreement, ...]) -> Rule | None:
    """A rule without a model read when every property the statement reads is already what the
    model would make of it (the usual case: most of a transferOptions answer's model reads);
    None when anything needs converting or does not fit: then the model reads it."""
    id_, props = row["id"], row["props"]
    credits, grade, age = props["credits"], props["minGrade"], props["maxAgeYears"]
    unit, chaining, conditions = props["creditUnit"], props["allowChaining"], props["conditions"]
    if (
        not plain_id(id_)
        or not plain_amount(credits)
        or not plain_amount(grade, 100)
        or (age is not None and (type(age) is not int or age < 0))
        or not plain_unit(unit)
        or (chaining is not None and chaining is not True and chaining is not False)
        or (conditions is not None and (type(conditions) is not str or len(conditions) > _TEXT_MAX))
        or not _is_day(props["effectiveFrom"])
        or not _is_day(props["effectiveTo"])
    ):
        return None
    return Rule(
        id=id_,
        from_ids=tuple(sorted(row["fromIds"])),
        for_id=row["forId"],
        for_institution_id=row["forInstitutionId"],
        credits=0.0 if credits is None else float(credits),
        credit_unit=None if unit is None else CREDIT_UNITS[unit],
        min_grade=None if grade is None else float(grade),
        max_age_years=age,
        effective_from=props["effectiveFrom"],
        effective_to=props["effectiveTo"],
        allow_chaining=chaining is True,
        conditions=conditions,
        agreements=agreements,
        continues=bool(row["continues"]),
    )


def _modelled_rule(row: Row, agreements: tuple[Agreement, ...]) -> Rule:
    """A rule read through its model: converted where lossless, else refused (DATA_INVALID)."""
    tv = _transfer_value(row["props"], row["id"])
    return Rule(
        id=tv.id,
        from_ids=tuple(sorted(row["fromIds"])),
        for_id=row["forId"],
        for_institution_id=row["forInstitutionId"],
        credits=tv.credits or 0.0,
        credit_unit=tv.credit_unit,
        min_grade=tv.min_grade,
        max_age_years=tv.max_age_years,
        effective_from=tv.effective_from,
        effective_to=tv.effective_to,
        allow_chaining=tv.allow_chaining,
        conditions=tv.conditions,
        agreements=agreements,
        continues=bool(row["continues"]),
    )


@dataclass(frozen=True)
class EarningRule:
    """A transfer value seen from what it earns: its FROM items and their institutions."""

    id: str
    for_id: str
    from_ids: tuple[str, ...]
    from_institution_ids: tuple[str | None, ...]
    credits: float | None
    credit_unit: str | None
    allow_chaining: bool
    effective_from: dt.date | None
    effective_to: dt.date | None
    agreements: tuple[tuple[str, dt.date | None, dt.date | None], ...]


async def _rules_for(db: Database, item_ids: Sequence[str], limit: int) -> list[EarningRule]:
    """Transfer values that earn any of `item_ids` (FOR), at most `limit`."""
    if not item_ids:
        return []
    rows = await db.read(
        "questions/transfer_values_for", {"itemIds": sorted(set(item_ids)), "limit": limit}
    )
    found = []
    for row in rows:
        tv = _transfer_value(row["props"], row["id"])
        pairs = sorted(zip(row["fromIds"], row["fromInstitutionIds"], strict=True))
        found.append(
            EarningRule(
                id=tv.id,
                for_id=row["forId"],
                from_ids=tuple(p[0] for p in pairs),
                from_institution_ids=tuple(p[1] for p in pairs),
                credits=tv.credits,
                credit_unit=tv.credit_unit.value if tv.credit_unit else None,
                allow_chaining=tv.allow_chaining,
                effective_from=tv.effective_from,
                effective_to=tv.effective_to,
                agreements=tuple(
                    sorted(
                        (ag.id, ag.effective_from, ag.effective_to)
                        for ag in map(_agreement, row["agreements"])
                    )
                ),
            )
        )
    return found


async def _courses_teaching(
    db: Database, competency_ids: Sequence[str], institution_id: str, limit: int
) -> dict[str, tuple[str, ...]]:
    """Courses of the institution teaching any of the competencies, with all they teach."""
    if not competency_ids:
        return {}
    rows = await db.read(
        "questions/courses_teaching",
        {
            "competencyIds": sorted(set(competency_ids)),
            "institutionId": institution_id,
            "limit": limit,
        },
    )
    return {row["courseId"]: tuple(sorted(row["teaches"])) for row in rows}
