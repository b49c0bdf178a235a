"""GraphQL types of webhooks: subscribers, their delivery log, and the results of managing them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from api.errors import Forbidden, InvalidInput, NotFoundError, Problem
from api.types.node import fields_as
from graph import webhooks as w
from graph.changes import ChangeKind
from graph.webhooks import SubscriberStatus

strawberry.enum(
    SubscriberStatus,
    description="ACTIVE: delivered; DEAD_LETTERED: stopped after the last allowed attempt "
    "(redeliverWebhook resumes it); PAUSED: not delivered.",
)


@strawberry.type(description="One attempt to deliver an event, as the subscriber's log keeps it.")
class WebhookDelivery:
    at: dt.datetime
    seq: int = strawberry.field(description="The event's place in the change log.")
    event_id: str = strawberry.field(description="The `webhook-id` and CloudEvents `id` sent.")
    attempt: int = strawberry.field(description="1 for the first attempt at this event.")
    ok: bool = strawberry.field(description="Answered 2xx: delivered.")
    status_code: int | None = strawberry.field(description="The receiver's answer, if any.")
    error: str | None = strawberry.field(description="What went wrong, when not delivered.")


@strawberry.type(description="Which events a webhook receives; an unset list matches any.")
class WebhookFilter:
    labels: list[str] | None
    ids: list[strawberry.ID] | None
    kinds: list[ChangeKind] | None
    statuses: list[str] | None


@strawberry.type(description="A registered webhook (its secret is only answered on creation).")
class Webhook:
    id: strawberry.ID
    url: str
    filter: WebhookFilter
    status: SubscriberStatus
    cursor: str = strawberry.field(description="The last event delivered (or skipped).")
    attempts: int = strawberry.field(description="Failed attempts in a row at the next event.")
    delivered: int = strawberry.field(description="Deliveries answered 2xx, in all.")
    failed: int = strawberry.field(description="Failed attempts, in all.")
    created_at: dt.datetime
    lease_holder: str | None = strawberry.field(description="The process delivering it now.")
    lease_expires: dt.datetime | None
    deliveries: list[WebhookDelivery] = strawberry.field(
        description="The last attempts, newest first."
    )


def to_gql_webhook(subscriber: w.Subscriber) -> Webhook:
    """The GraphQL view of a subscriber."""
    f = subscriber.filter
    return fields_as(
        subscriber,
        Webhook,
        filter=WebhookFilter(
            labels=list(f.labels) if f.labels is not None else None,
            ids=[strawberry.ID(i) for i in f.ids] if f.ids is not None else None,
            kinds=list(f.kinds) if f.kinds is not None else None,
            statuses=list(f.statuses) if f.statuses is not None else None,
        ),
        cursor=f"seq:{subscriber.cursor}",
        deliveries=[fields_as(a, WebhookDelivery) for a in subscriber.log],
    )


@strawberry.type(
    description="The webhook was registered. `secret` (whsec_...) signs its deliveries: keep "
    "it, it is never answered again."
)
class RegisteredWebhook:
    webhook: Webhook
    secret: str


@strawberry.type(
    description="The URL's host is not in CREDGRAPH_WEBHOOK_HOSTS. Nothing was written."
)
class HostNotAllowed(Problem):
    host: str


@strawberry.type(description="The webhook and its delivery log were removed.")
class RemovedWebhook:
    id: strawberry.ID


RegisterWebhookResult = Annotated[
    RegisteredWebhook | HostNotAllowed | InvalidInput | Forbidden,
    strawberry.union("RegisterWebhookResult"),
]
RemoveWebhookResult = Annotated[
    RemovedWebhook | NotFoundError | Forbidden, strawberry.union("RemoveWebhookResult")
]
RedeliverWebhookResult = Annotated[
    Webhook | NotFoundError | InvalidInput | Forbidden, strawberry.union("RedeliverWebhookResult")
]
