"""What-if (decision 12): check an assumption's item ids and apply it to what the questions read."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from graph.errors import FieldProblem, Invalid
from graph.models import LEARNER_DATA_LABELS
from graph.planning.whatif import NO_ASSUMPTION, Assumption, WhatIf, assumed_holding
from graph.repositories.articulation import ArticulationRepository
from graph.repositories.pathways import SourceFact

HOLDABLE = frozenset({"MicroCredential", "Course", "Program"})
MAX_ITEMS = 100  # per list of an assumption: a what-if is about a few items, not a record


async def resolve(repo: ArticulationRepository, assume: Assumption | None, day: dt.date) -> WhatIf:
    """The assumption with its items looked up; INVALID naming every id that cannot be held."""
    if assume is None or assume.empty:
        return NO_ASSUMPTION
    sizes = (("addHoldings", len(assume.add)), ("removeHoldingIds", len(assume.remove)))
    for field, count in sizes:
        if count > MAX_ITEMS:
            raise Invalid(f"assume.{field}: at most {MAX_ITEMS} items, got {count}")
    problems: list[FieldProblem] = []
    twice = [i for i, n in Counter(h.item_id for h in assume.add).items() if n > 1]
    problems += [
        FieldProblem("assume.addHoldings", f"'{i}' is added more than once") for i in sorted(twice)
    ]
    named = await repo.named_items([h.item_id for h in assume.add] + list(assume.remove))
    fields = [(f"assume.addHoldings[{k}].itemId", h.item_id) for k, h in enumerate(assume.add)]
    fields += [(f"assume.removeHoldingIds[{k}]", i) for k, i in enumerate(assume.remove)]
    for field, item_id in fields:
        found = named.get(item_id)
        # a learner or evidence id answers as an unknown one (decision 27)
        if found is None or LEARNER_DATA_LABELS & set(found.labels):
            problems.append(FieldProblem(field, f"no item '{item_id}'"))
        elif not HOLDABLE & set(found.labels):
            kind = next((x for x in found.labels if x != "Entity"), "node")
            problems.append(
                FieldProblem(
                    field,
                    f"'{item_id}' is a {kind}; only a Course, MicroCredential or Program is held",
                )
            )
    added = []
    for k, holding in enumerate(assume.add):
        found = named.get(holding.item_id)
        try:
            added.append(
                assumed_holding(
                    holding,
                    found.institution_id if found else None,
                    found.teaches if found else (),
                    day,
                )
            )
        except ValueError as error:
            problems.append(FieldProblem(f"assume.addHoldings[{k}].grade", str(error)))
    if problems:
        raise Invalid("assume: " + "; ".join(f"{p.field}: {p.message}" for p in problems), problems)
    return WhatIf(tuple(sorted(added, key=lambda h: h.item_id)), frozenset(assume.remove))


def assumed_sources(recorded: Sequence[SourceFact], what_if: WhatIf) -> list[SourceFact]:
    """What the learner's holdings teach and evidence demonstrates, as assumed."""
    kept = [f for f in recorded if not (f.kind == "EARNED" and f.source_id in what_if.replaced)]
    added = [
        SourceFact(
            competency_id=c,
            kind="EARNED",
            source_id=h.item_id,
            date=h.earned_on,
            expires=None,
            verified_by="EARNED",
        )
        for h in what_if.added
        for c in h.teaches
    ]
    return kept + added
