"""Reads for the articulation questions: a learner's holdings and nearby transfer values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.db import Database
from graph.models import TransferValue
from graph.planning.transfer import Agreement, Holding, Rule


@dataclass(frozen=True)
class HoldingRow:
    holding: Holding
    labels: tuple[str, ...]
    hours: float | None
    cost: float | None
    status: str | None


class ArticulationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def holdings(self, learner_id: str) -> list[HoldingRow]:
        rows = await self.db.read("questions/learner_holdings", {"learnerId": learner_id})
        return [
            HoldingRow(
                holding=Holding(
                    item_id=row["itemId"],
                    institution_id=row["institutionId"],
                    date=row["date"],
                    grade=row["grade"],
                    expires=row["expires"],
                ),
                labels=tuple(row["labels"]),
                hours=row["hours"],
                cost=row["cost"],
                status=row["status"],
            )
            for row in rows
        ]

    async def rules_from(self, item_ids: Sequence[str], limit: int) -> list[Rule]:
        """Transfer values having any of `item_ids` among their FROM items (at most `limit`)."""
        if not item_ids:
            return []
        rows = await self.db.read(
            "questions/transfer_values_from", {"itemIds": list(item_ids), "limit": limit}
        )
        rules = []
        for row in rows:
            tv = TransferValue.model_validate({**row["props"], "id": row["id"]})
            rules.append(
                Rule(
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
                    agreements=tuple(
                        Agreement(
                            id=a["id"],
                            effective_from=a["effectiveFrom"],
                            effective_to=a["effectiveTo"],
                            sending_id=a["sendingId"],
                            receiving_id=a["receivingId"],
                        )
                        for a in sorted(row["agreements"], key=lambda a: a["id"])
                    ),
                )
            )
        return rules
