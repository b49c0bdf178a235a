"""Webhook subscribers in the graph: registration, the delivery log, leases and cursors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.changes import ChangeFilter
from graph.db import Database
from graph.errors import NotFound
from graph.webhooks import (
    AttemptMade,
    DeliveryAttempt,
    DeliveryTarget,
    Subscriber,
    SubscriberStatus,
    subscriber_filter,
)

# Attempts kept in each subscriber's delivery log.
LOG_KEPT = 50


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _attempt(row: dict[str, Any]) -> DeliveryAttempt:
    return DeliveryAttempt(
        at=_native(row["at"]),
        seq=int(row["seq"]),
        event_id=str(row["eventId"]),
        attempt=int(row["attempt"]),
        ok=bool(row["ok"]),
        status_code=row.get("statusCode"),
        error=row.get("error"),
    )


def _subscriber(row: dict[str, Any]) -> Subscriber:
    return Subscriber(
        id=str(row["id"]),
        url=str(row["url"]),
        filter=subscriber_filter(row),
        cursor=int(row["cursor"]),
        status=SubscriberStatus(row["status"]),
        attempts=int(row["attempts"]),
        delivered=int(row["delivered"]),
        failed=int(row["failed"]),
        created_at=_native(row["createdAt"]),
        lease_holder=row.get("leaseHolder"),
        lease_expires=_native(row.get("leaseExpires")),
        log=tuple(_attempt(a) for a in row.get("log") or ()),
    )


def _attempt_params(made: AttemptMade) -> dict[str, Any]:
    """What a delivery attempt's statement is given, delivered or failed: the lease and cursor
    it holds, the event and the answer, and the log's length."""
    return {
        "id": made.subscriber_id,
        "holder": made.holder,
        "from": made.cursor,
        "seq": made.seq,
        "eventId": made.event_id,
        "attempt": made.attempt,
        "statusCode": made.status_code,
        "at": dt.datetime.now(dt.UTC),
        "keep": LOG_KEPT,
    }


class WebhookRepository:
    """The `ChangeSubscriber` nodes of one graph and their `WebhookAttempt` logs. Every write is
    one statement (one transaction) of bookkeeping: no change events, no new generation."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def register(self, id: str, url: str, secret: str, change_filter: ChangeFilter) -> int:
        """A new subscriber, delivering from the log's head: that cursor."""
        f = change_filter.params()
        params = {
            "id": id,
            "url": url,
            "secret": secret,
            "labels": f["labels"],
            "ids": f["ids"],
            "kinds": f["kinds"],
            "statuses": f["statuses"],
        }
        rows = await self.db.write_state("webhooks/register", params)
        return int(rows[0]["cursor"])

    async def subscribers(self, id: str | None = None, log: int = LOG_KEPT) -> list[Subscriber]:
        """Subscribers (one, with `id`) and their last `log` attempts, newest first."""
        rows = await self.db.read_all("webhooks/list", {"id": id, "log": log})
        return [_subscriber(row) for row in rows]

    async def get(self, id: str, log: int = LOG_KEPT) -> Subscriber:
        found = await self.subscribers(id, log)
        if not found:
            raise NotFound("webhook", id)
        return found[0]

    async def remove(self, id: str) -> None:
        rows = await self.db.write_state("webhooks/remove", {"id": id})
        if not rows or not rows[0]["removed"]:
            raise NotFound("webhook", id)

    async def redeliver(self, id: str, cursor: int | None) -> None:
        """Set the cursor (None: keep it) and make the subscriber ACTIVE again."""
        rows = await self.db.write_state("webhooks/redeliver", {"id": id, "cursor": cursor})
        if not rows:
            raise NotFound("webhook", id)

    async def pause(self, id: str) -> None:
        rows = await self.db.write_state("webhooks/pause", {"id": id})
        if not rows:
            raise NotFound("webhook", id)

    async def claim(self, holder: str, lease_seconds: float) -> list[str]:
        """Take or renew the lease of every ACTIVE subscriber that is free, expired or ours:
        the ids this holder now delivers."""
        params = {"holder": holder, "leaseMs": int(lease_seconds * 1000)}
        rows = await self.db.write_state("webhooks/claim", params)
        return [str(i) for i in rows[0]["ids"]] if rows else []

    async def release(self, holder: str) -> int:
        rows = await self.db.write_state("webhooks/release", {"holder": holder})
        return int(rows[0]["released"]) if rows else 0

    async def target(self, id: str, holder: str) -> DeliveryTarget | None:
        """The subscriber with its secret, if ACTIVE and its lease is this holder's."""
        rows = await self.db.read("webhooks/target", {"id": id, "holder": holder})
        if not rows:
            return None
        row = rows[0]
        return DeliveryTarget(
            id=str(row["id"]),
            url=str(row["url"]),
            filter=subscriber_filter(row),
            cursor=int(row["cursor"]),
            attempts=int(row["attempts"]),
            secret=str(row["secret"]),
        )

    async def delivered(self, made: AttemptMade) -> bool:
        """Advance the cursor from `made.cursor` to `made.seq` and log the attempt; False
        (nothing written) when the lease is no longer this holder's or the cursor was moved."""
        rows = await self.db.write_state("webhooks/delivered", _attempt_params(made))
        return bool(rows and rows[0]["held"])

    async def failed(
        self, made: AttemptMade, error: str | None, max_attempts: int
    ) -> SubscriberStatus | None:
        """Log a failed attempt: the subscriber's status after it (DEAD_LETTERED at the last
        allowed attempt), None when the lease is no longer this holder's or the cursor was
        moved (nothing written)."""
        params = {**_attempt_params(made), "error": error, "maxAttempts": max_attempts}
        rows = await self.db.write_state("webhooks/failed", params)
        return SubscriberStatus(rows[0]["status"]) if rows else None

    async def skip(self, id: str, holder: str, cursor: int, seq: int) -> bool:
        """Move the cursor from `cursor` forward to `seq`, over events the filter does not
        match."""
        params = {"id": id, "holder": holder, "from": cursor, "seq": seq}
        rows = await self.db.write_state("webhooks/skip", params)
        return bool(rows and rows[0]["held"])
