"""What-if inputs (DOMAIN.md section 4, decision 12): holdings to assume for one answer."""

from __future__ import annotations

import datetime as dt

import strawberry

from graph.planning.whatif import AddHolding, Assumption


@strawberry.input(description="A holding to assume: an EARNED edge for this answer only.")
class AddHoldingInput:
    """One holding to assume."""

    item_id: strawberry.ID
    earned_on: dt.date | None = strawberry.field(
        default=None, description="The date earned (default: the question's asOf, else today)."
    )
    grade: float | None = strawberry.field(default=None, description="A percentage 0-100.")


@strawberry.input(
    description=(
        "Answer as if the learner's record were so; nothing is written. Removal applies "
        "before addition; an item both removed and added counts once, as added."
    )
)
class AssumeInput:
    """Holdings to add and to ignore, for one answer."""

    add_holdings: list[AddHoldingInput] = strawberry.field(default_factory=list)
    remove_holding_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="Items whose EARNED edges from the learner are all ignored.",
    )

    def to_domain(self) -> Assumption:
        """The assumption as the services take it."""
        return Assumption(
            add=tuple(AddHolding(str(h.item_id), h.earned_on, h.grade) for h in self.add_holdings),
            remove=tuple(str(i) for i in self.remove_holding_ids),
        )


def assumption(assume: AssumeInput | None) -> Assumption | None:
    """The domain assumption of an optional input."""
    return assume.to_domain() if assume is not None else None
