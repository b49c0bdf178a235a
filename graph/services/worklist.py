"""The registrar's articulation worklist (DOMAIN.md decision 15): held items with no live rule."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from graph.errors import Invalid, NotFound
from graph.models import Label
from graph.planning.transfer import Rule
from graph.planning.worklist import articulated
from graph.services.equivalence import EquivalenceService, Suggestion

SUGGESTIONS = 3  # the first of articulationSuggestions' answer with its defaults
MIN_COVERAGE = 0.7
BATCH = 50  # candidates read at a time (most are kept: few held items are articulated)
RULES_LIMIT = 5000


@dataclass(frozen=True)
class WorklistEntry:
    """An item some learners hold that no effective rule articulates into the institution."""

    item_id: str
    learners_holding: int
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class WorklistPage:
    """One keyset page of the worklist; the cursor of an entry is (learners holding, item id)."""

    institution_id: str
    as_of: dt.date
    entries: tuple[WorklistEntry, ...]
    has_next_page: bool


async def articulation_worklist(
    equivalence: EquivalenceService,
    institution_id: str,
    as_of: dt.date | None,
    first: int,
    after: tuple[int, str] | None,
    page_cap: int,
) -> WorklistPage:
    """A page of the worklist, most held first, then by id, after the cursor's entry."""
    if not 1 <= first <= page_cap:
        raise Invalid(f"'first' must be between 1 and {page_cap}, got {first}")
    if not await equivalence.nodes.get_many(Label.INSTITUTION, [institution_id]):
        raise NotFound("Institution", institution_id)
    day = as_of or dt.date.today()
    repo = equivalence.repo
    found: list[tuple[str, int]] = []
    cursor = after
    while len(found) <= first:
        batch = await repo.worklist_candidates(institution_id, cursor, max(BATCH, first + 1))
        if not batch:
            break
        rules: dict[str, list[Rule]] = defaultdict(list)
        for rule in await repo.rules_from([item for item, _ in batch], RULES_LIMIT):
            for item in rule.from_ids:
                rules[item].append(rule)
        found += [(i, n) for i, n in batch if not articulated(i, rules[i], institution_id, day)]
        cursor = (batch[-1][1], batch[-1][0])
        if len(batch) < max(BATCH, first + 1):
            break
    page = found[:first]
    suggested = await asyncio.gather(
        *(
            equivalence.articulation_suggestions(item, institution_id, MIN_COVERAGE, SUGGESTIONS)
            for item, _ in page
        )
    )
    return WorklistPage(
        institution_id=institution_id,
        as_of=day,
        entries=tuple(
            WorklistEntry(item, n, tuple(s))
            for (item, n), (s, _) in zip(page, suggested, strict=True)
        ),
        has_next_page=len(found) > first,
    )
