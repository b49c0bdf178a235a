"""What-if holdings (DOMAIN.md decision 12): a learner's record as assumed, without I/O.

An added holding is, for one answer only, an EARNED edge to the item dated `earned_on` with
`grade`; removed item ids drop every EARNED edge to them. Removal applies before addition, and an
item both removed and added (or already held and added) counts once, as added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from graph.planning.transfer import Holding


@dataclass(frozen=True)
class AddHolding:
    """One holding to assume, as the caller gave it (item id, date and grade may be absent)."""

    item_id: str
    earned_on: dt.date | None = None
    grade: float | None = None


@dataclass(frozen=True)
class Assumption:
    """What the caller asks to assume: holdings added and item ids whose holdings are removed."""

    add: tuple[AddHolding, ...] = ()
    remove: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether it changes nothing (no additions, no removals)."""
        return not self.add and not self.remove


@dataclass(frozen=True)
class AssumedHolding:
    """An added holding with what the questions need of its item."""

    item_id: str
    institution_id: str | None
    earned_on: dt.date
    grade: float | None
    teaches: tuple[str, ...]


@dataclass(frozen=True)
class WhatIf:
    """A checked assumption: the holdings it adds and the item ids it replaces."""

    added: tuple[AssumedHolding, ...] = ()
    removed: frozenset[str] = frozenset()

    @property
    def added_ids(self) -> frozenset[str]:
        """The items held by assumption (their explanations say so)."""
        return frozenset(h.item_id for h in self.added)

    @property
    def replaced(self) -> frozenset[str]:
        """Items whose recorded EARNED edges the answer ignores (removed, or added anew)."""
        return self.removed | self.added_ids

    def holdings(self, recorded: Sequence[Holding]) -> list[Holding]:
        """The learner's holdings as assumed, in item id order."""
        kept = [h for h in recorded if h.item_id not in self.replaced]
        added = [
            Holding(
                item_id=h.item_id,
                institution_id=h.institution_id,
                date=h.earned_on,
                grade=h.grade,
                expires=None,
            )
            for h in self.added
        ]
        return sorted(kept + added, key=lambda h: h.item_id)


NO_ASSUMPTION = WhatIf()


def check_grade(holding: AddHolding) -> None:
    """A grade is a percentage 0-100 (DOMAIN.md values)."""
    if holding.grade is not None and not 0 <= holding.grade <= 100:
        raise ValueError(
            f"grade of '{holding.item_id}' must be between 0 and 100, got {holding.grade:g}"
        )


def assumed_holding(
    holding: AddHolding, institution_id: str | None, teaches: Sequence[str], day: dt.date
) -> AssumedHolding:
    """An added holding, dated `day` (the question's date) unless the caller gave a date."""
    check_grade(holding)
    return AssumedHolding(
        item_id=holding.item_id,
        institution_id=institution_id,
        earned_on=holding.earned_on or day,
        grade=holding.grade,
        teaches=tuple(sorted(set(teaches))),
    )
