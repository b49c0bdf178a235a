"""Runs webhook delivery beside the service (CREDGRAPH_WEBHOOKS=on) or alone (`credgraph
deliver`): the loop is graph/services/webhook_delivery.py."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from graph.container import Graph
from graph.services.webhook_delivery import WebhookDelivery
from graph.settings import Settings

log = logging.getLogger(__name__)


def delivery_of(graph: Graph, settings: Settings) -> WebhookDelivery:
    """The delivery loop of this process."""
    return WebhookDelivery(graph.webhooks, graph.changes, settings)


@asynccontextmanager
async def webhook_delivery(
    graph: Graph, settings: Settings, enabled: bool | None = None
) -> AsyncIterator[WebhookDelivery | None]:
    """Delivery in a background task while the block runs (when CREDGRAPH_WEBHOOKS is on, or
    `enabled`); stopped, its leases let go, when it ends. Writes never wait on it."""
    if not (settings.webhooks if enabled is None else enabled):
        yield None
        return
    delivery = delivery_of(graph, settings)
    task = asyncio.create_task(delivery.run(), name="webhook delivery")
    log.info("webhook delivery started as %s", delivery.holder)
    try:
        yield delivery
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
