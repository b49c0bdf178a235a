"""Webhooks over GraphQL (admin only): register, list with the delivery log, remove, pause,
redeliver."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.errors import Forbidden, InvalidInput, NotFoundError, declared_problem
from api.types.changes import ChangeFilterInput
from api.types.webhooks import (
    HostNotAllowed,
    RedeliverWebhookResult,
    RegisteredWebhook,
    RegisterWebhookResult,
    RemovedWebhook,
    RemoveWebhookResult,
    Webhook,
    to_gql_webhook,
)
from graph import webhooks as w
from graph.errors import GraphError
from graph.services.webhooks import Webhooks


def _service(info: Info) -> Webhooks:
    return Webhooks(info.context.graph.webhooks, info.context.settings.webhook_hosts)


async def webhooks(info: Info) -> list[Webhook]:
    """The registered webhooks, each with its last delivery attempts (admin only; secrets are
    never answered here)."""
    info.context.require("webhooks")
    return [to_gql_webhook(s) for s in await _service(info).list()]


async def register_webhook(
    info: Info, url: str, filter: ChangeFilterInput | None = None
) -> RegisterWebhookResult:
    """Deliver every change event committed from now on that matches `filter` to `url`, as a
    signed CloudEvent (admin only; the host must be in CREDGRAPH_WEBHOOK_HOSTS). The answer
    holds the signing secret: the only time it is shown."""
    given = filter or ChangeFilterInput()
    try:
        info.context.require("registerWebhook")
        registered = await _service(info).register(
            url,
            labels=given.labels,
            ids=[str(i) for i in given.ids] if given.ids is not None else None,
            kinds=given.kinds,
            statuses=given.statuses,
        )
    except w.HostNotAllowed as refused:
        return HostNotAllowed(message=refused.message, host=refused.host)
    except GraphError as error:
        return declared_problem(error, InvalidInput, Forbidden)
    return RegisteredWebhook(
        webhook=to_gql_webhook(registered.subscriber), secret=registered.secret
    )


async def remove_webhook(info: Info, id: strawberry.ID) -> RemoveWebhookResult:
    """Stop and remove a webhook, with its delivery log (admin only)."""
    try:
        info.context.require("removeWebhook")
        await _service(info).remove(str(id))
    except GraphError as error:
        return declared_problem(error, NotFoundError, Forbidden)
    return RemovedWebhook(id=id)


async def redeliver_webhook(
    info: Info, id: strawberry.ID, from_cursor: str | None = None
) -> RedeliverWebhookResult:
    """Deliver again from the event after `fromCursor` (unset: the webhook's own cursor), and
    make a dead-lettered or paused webhook ACTIVE (admin only)."""
    try:
        info.context.require("redeliverWebhook")
        subscriber = await _service(info).redeliver(str(id), from_cursor)
    except GraphError as error:
        return declared_problem(error, NotFoundError, InvalidInput, Forbidden)
    return to_gql_webhook(subscriber)


async def pause_webhook(info: Info, id: strawberry.ID) -> RedeliverWebhookResult:
    """Stop delivering a webhook (it keeps its cursor; redeliverWebhook resumes it; admin
    only)."""
    try:
        info.context.require("pauseWebhook")
        subscriber = await _service(info).pause(str(id))
    except GraphError as error:
        return declared_problem(error, NotFoundError, InvalidInput, Forbidden)
    return to_gql_webhook(subscriber)
