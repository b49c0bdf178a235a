"""The webhook delivery loop: at-least-once, in order per subscriber, one process per
subscriber at a time by a lease in Neo4j (docs/changes.md, Webhooks; decisions 74-79)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid

import httpx

from graph.changes import ChangeEvent
from graph.errors import GraphError
from graph.repositories.changes import ChangeRepository
from graph.repositories.webhooks import WebhookRepository
from graph.settings import Settings
from graph.webhooks import (
    AttemptMade,
    DeliveryFailed,
    DeliveryTarget,
    SubscriberStatus,
    check_url,
    event_id,
    retry_delay,
    signed_request,
)

log = logging.getLogger(__name__)
# Events read from the log per look, for one subscriber.
BATCH = 100
# Characters of an error kept in the delivery log.
ERROR_CHARS = 300


def holder_id() -> str:
    """This process's name in leases: host, pid and a random part (a restarted process with
    the same pid is another holder)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class WebhookDelivery:
    """Claims subscribers (lease renewed every lease/3), and runs one task per subscriber held
    that posts its events one at a time, advancing its cursor after each 2xx."""

    def __init__(
        self,
        webhooks: WebhookRepository,
        changes: ChangeRepository,
        settings: Settings,
        holder: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.webhooks = webhooks
        self.changes = changes
        self.settings = settings
        # the CloudEvents `source` of every delivery
        self.source = settings.webhook_source or settings.public_url or "urn:credgraph"
        self.holder = holder or holder_id()
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self._transport = transport

    async def run(self) -> None:
        """Deliver until cancelled; the leases are let go on the way out."""
        # redirects are not followed: a 3xx is a failed attempt (it could point anywhere)
        async with httpx.AsyncClient(
            timeout=self.settings.webhook_timeout_seconds,
            follow_redirects=False,
            transport=self._transport,
            trust_env=False,  # no proxy from the environment: requests go where allowed
        ) as client:
            try:
                while True:
                    await self._claim_round(client)
                    await asyncio.sleep(self.settings.webhook_lease_seconds / 3)
            finally:
                for task in self.tasks.values():
                    task.cancel()
                await asyncio.gather(*self.tasks.values(), return_exceptions=True)
                with contextlib.suppress(GraphError, OSError):
                    await asyncio.shield(self.webhooks.release(self.holder))

    async def _claim_round(self, client: httpx.AsyncClient) -> None:
        try:
            held = await self.webhooks.claim(self.holder, self.settings.webhook_lease_seconds)
        except GraphError as error:
            log.warning("webhook leases not renewed: %s", error.message)
            return
        except Exception:  # a fault must not end the loop: the next round tries again
            log.exception("webhook leases not renewed")
            return
        for done in [i for i, task in self.tasks.items() if task.done()]:
            del self.tasks[done]
        for subscriber_id in held:
            if subscriber_id not in self.tasks:
                self.tasks[subscriber_id] = asyncio.create_task(
                    self._deliver(client, subscriber_id), name=f"webhook {subscriber_id}"
                )

    async def _deliver(self, client: httpx.AsyncClient, subscriber_id: str) -> None:
        """Deliver one subscriber while its lease is ours; a graph error ends the task (the
        next claim round starts another)."""
        try:
            while await self._deliver_some(client, subscriber_id):
                pass
        except GraphError as error:
            log.warning("webhook %s: delivery paused: %s", subscriber_id, error.message)
        except Exception:  # a fault must not end delivery: the next claim round starts over
            log.exception("webhook %s: delivery failed unexpectedly", subscriber_id)

    async def _deliver_some(self, client: httpx.AsyncClient, subscriber_id: str) -> bool:
        """One look at the log for a subscriber: post what is new, in order, stopping at the
        first failure (retried on the next look, after the back-off). False: stop delivering
        it (lease lost, dead-lettered, removed, its cursor moved by a redelivery)."""
        target = await self.webhooks.target(subscriber_id, self.holder)
        if target is None:
            return False
        page = await self.changes.page(target.filter, target.cursor, BATCH)
        cursor, attempts = target.cursor, target.attempts
        for event in page.events:
            outcome = await self._attempt(client, target, event, cursor, attempts + 1)
            if outcome is None:
                return False
            if not outcome:
                s = self.settings
                await asyncio.sleep(
                    retry_delay(
                        attempts + 1, s.webhook_retry_base_seconds, s.webhook_retry_max_seconds
                    )
                )
                return True  # the state is read again: a redelivery may have moved the cursor
            cursor, attempts = event.seq, 0
        if not page.events and page.end > cursor:
            return await self.webhooks.skip(target.id, self.holder, cursor, page.end)
        if not page.has_next:
            await asyncio.sleep(self.settings.change_poll_seconds)
        return True

    async def _attempt(
        self,
        client: httpx.AsyncClient,
        target: DeliveryTarget,
        event: ChangeEvent,
        cursor: int,
        attempt: int,
    ) -> bool | None:
        """Post one event and record the attempt: True delivered, False failed (retry it),
        None stop (dead-lettered, or the subscriber is no longer this holder's as it was)."""
        message_id = event_id(event)

        def made(status_code: int | None) -> AttemptMade:
            """This attempt as the log records it, with the receiver's status (None: none)."""
            return AttemptMade(
                target.id, self.holder, cursor, event.seq, message_id, attempt, status_code
            )

        try:
            status_code = await self._post(client, target, event)
        except DeliveryFailed as failure:
            why = failure.message[:ERROR_CHARS]
            log.info("webhook %s: %s attempt %d failed: %s", target.id, message_id, attempt, why)
            status = await self.webhooks.failed(
                made(failure.status_code),
                why,
                self.settings.webhook_max_attempts,
            )
            if status is SubscriberStatus.DEAD_LETTERED:
                log.warning("webhook %s: dead-lettered at %s", target.id, message_id)
            return False if status is SubscriberStatus.ACTIVE else None
        held = await self.webhooks.delivered(made(status_code))
        return True if held else None

    async def _post(
        self, client: httpx.AsyncClient, target: DeliveryTarget, event: ChangeEvent
    ) -> int:
        """One POST of the signed envelope: its 2xx status, or DeliveryFailed saying why."""
        try:
            # checked again at each delivery: the allow-list may have shrunk since registration
            check_url(target.url, self.settings.webhook_hosts)
        except GraphError as error:
            raise DeliveryFailed(error.message) from None
        request = signed_request(event, self.source, target.secret, int(time.time()))
        try:
            response = await client.post(target.url, content=request.body, headers=request.headers)
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
            raise DeliveryFailed(f"{type(error).__name__}: {error}".rstrip(": ")) from None
        if 200 <= response.status_code < 300:
            return response.status_code
        if response.is_redirect:
            where = response.headers.get("location", "")[:200]
            raise DeliveryFailed(
                f"answered {response.status_code} (a redirect to {where}, not followed)",
                response.status_code,
            )
        raise DeliveryFailed(f"answered {response.status_code}", response.status_code)
