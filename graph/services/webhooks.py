"""Registering, removing, pausing and redelivering webhooks (admin only, checked by the caller)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from graph.changes import ChangeFilter, ChangeKind, decode_cursor, encode_cursor
from graph.errors import FieldProblem, Invalid
from graph.repositories.changes import ChangeRepository
from graph.repositories.webhooks import WebhookRepository
from graph.webhooks import Subscriber, check_url, new_secret

# Values one filter list may hold.
MAX_FILTER_VALUES = 100


@dataclass(frozen=True)
class Registered:
    """A new subscriber and its signing secret: the only time the secret is answered."""

    subscriber: Subscriber
    secret: str


def _checked_list(name: str, values: Sequence[str] | None) -> list[str] | None:
    if values is None:
        return None
    if len(values) > MAX_FILTER_VALUES:
        raise Invalid(
            f"filter.{name} holds {len(values)} values; at most {MAX_FILTER_VALUES}",
            [FieldProblem(f"filter.{name}", f"at most {MAX_FILTER_VALUES} values")],
        )
    for value in values:
        if not value or len(value) > 200:
            raise Invalid(
                f"filter.{name}: '{value[:40]}' must be 1 to 200 characters",
                [FieldProblem(f"filter.{name}", "each value is 1 to 200 characters")],
            )
    return list(values)


class Webhooks:
    """Webhook subscribers as an admin manages them; delivery is WebhookDelivery's."""

    def __init__(
        self,
        repo: WebhookRepository,
        allowed_hosts: Collection[str],
        changes: ChangeRepository | None = None,
    ) -> None:
        self.repo = repo
        self.allowed_hosts = allowed_hosts
        self.changes = changes or ChangeRepository(repo.db)

    async def register(
        self,
        url: str,
        labels: Sequence[str] | None = None,
        ids: Sequence[str] | None = None,
        kinds: Sequence[ChangeKind] | None = None,
        statuses: Sequence[str] | None = None,
    ) -> Registered:
        """A subscriber delivering every event committed from now on that matches the filter
        to `url` (http/https on an allowed host); refused with HostNotAllowed otherwise."""
        check_url(url, self.allowed_hosts)
        change_filter = ChangeFilter(
            labels=_checked_list("labels", labels),
            ids=_checked_list("ids", ids),
            kinds=list(kinds) if kinds is not None else None,
            statuses=_checked_list("statuses", statuses),
        )
        secret = new_secret()
        subscriber_id = f"wh-{uuid.uuid4().hex[:16]}"
        await self.repo.register(subscriber_id, url, secret, change_filter)
        return Registered(await self.repo.get(subscriber_id), secret)

    async def list(self) -> list[Subscriber]:
        return await self.repo.subscribers()

    async def remove(self, id: str) -> None:
        await self.repo.remove(id)

    async def redeliver(self, id: str, from_cursor: str | None) -> Subscriber:
        """Deliver again from `from_cursor` (unset: from the subscriber's own cursor), making a
        dead-lettered or paused subscriber ACTIVE."""
        cursor = decode_cursor(from_cursor) if from_cursor else None
        if cursor is not None:
            head = await self.changes.head()
            if cursor > head.last:
                raise Invalid(
                    f"fromCursor {encode_cursor(cursor)} is past the log's last event "
                    f"({encode_cursor(head.last)})",
                    [FieldProblem("fromCursor", "past the last event")],
                )
            if 0 < cursor < head.compacted:
                raise Invalid(
                    f"fromCursor {encode_cursor(cursor)} is older than the change log keeps "
                    f"(compacted through {encode_cursor(head.compacted)})",
                    [FieldProblem("fromCursor", "older than the log keeps")],
                )
        await self.repo.redeliver(id, cursor)
        return await self.repo.get(id)

    async def pause(self, id: str) -> Subscriber:
        """Stop delivering a webhook until it is redelivered."""
        await self.repo.pause(id)
        return await self.repo.get(id)
