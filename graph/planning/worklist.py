"""The registrar's worklist (DOMAIN.md decision 15): is an item articulated here, without I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from graph.planning.transfer import Rule, effective_agreement


def articulated(item_id: str, rules: Iterable[Rule], institution_id: str, day: dt.date) -> bool:
    """Whether a rule with the item among its FROM items, FOR an item of the institution (a course
    or program it offers, or a requirement of its credentials), is effective on `day` (its own
    window and, when it is in agreements, one effective agreement's)."""
    return any(
        item_id in rule.from_ids
        and rule.for_institution_id == institution_id
        and effective_agreement(rule, day)[0]
        for rule in rules
    )
