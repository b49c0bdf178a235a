"""Webhooks on the change log: subscribers, the allow-list of their hosts, the CloudEvents
envelope of an event and its Standard Webhooks signature (docs/changes.md, Webhooks)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
import urllib.parse
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import orjson

from graph.changes import ChangeEvent, ChangeFilter, ChangeKind
from graph.errors import GraphError, Invalid

SECRET_PREFIX = "whsec_"  # noqa: S105 # the format's prefix, not a secret
# Random bytes of a new signing secret (Standard Webhooks: between 24 and 64).
SECRET_BYTES = 32
CONTENT_TYPE = "application/json"
_SECRET_TEXT = re.compile(r"whsec_[A-Za-z0-9+/=]+")
# The driver's logger that prints statement parameters at DEBUG (a secret being registered).
DRIVER_LOGGER = "neo4j.io"
EVENT_TYPE_PREFIX = "org.credgraph.change."


class SubscriberStatus(StrEnum):
    ACTIVE = "ACTIVE"
    DEAD_LETTERED = "DEAD_LETTERED"
    PAUSED = "PAUSED"


class HostNotAllowed(Invalid):
    """A webhook URL whose host the operator did not allow (CREDGRAPH_WEBHOOK_HOSTS)."""

    code = "HOST_NOT_ALLOWED"

    def __init__(self, url: str, host: str) -> None:
        super().__init__(
            f"'{host}' is not an allowed webhook host (add it to CREDGRAPH_WEBHOOK_HOSTS)"
        )
        self.url = url
        self.host = host


def url_host(url: str) -> str:
    """The host (lower case) of an http(s) URL; a clear error for anything else."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as error:  # e.g. an unclosed IPv6 bracket
        raise Invalid(f"'{url[:200]}' is not a URL: {error}") from None
    if parts.scheme not in ("http", "https"):
        raise Invalid(f"'{url[:200]}' is not an http or https URL (webhooks use only those)")
    if not parts.hostname:
        raise Invalid(f"'{url[:200]}' has no host")
    if parts.username is not None or parts.password is not None:
        raise Invalid("a webhook URL may not carry a user or password (deliveries are signed)")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise Invalid("a webhook URL may not contain spaces or control characters")
    return parts.hostname.lower()


def check_url(url: str, allowed_hosts: Collection[str]) -> str:
    """The URL, when it is http(s) on a host (or host:port) the operator allowed; else
    HostNotAllowed naming the host, or Invalid saying what is wrong."""
    if len(url) > 2000:
        raise Invalid("a webhook URL is at most 2000 characters")
    host = url_host(url)
    try:
        port = urllib.parse.urlsplit(url).port
    except ValueError:
        raise Invalid(f"'{url[:200]}' has a port that is not a number from 0 to 65535") from None
    allowed = {h.lower() for h in allowed_hosts}
    if host in allowed or f"{host}:{port}" in allowed:
        return url
    raise HostNotAllowed(url, host if port is None else f"{host}:{port}")


def new_secret() -> str:
    """A new signing secret, `whsec_` and the base64 of random bytes (Standard Webhooks)."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_` secret."""
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


class RedactSecrets(logging.Filter):
    """Blanks webhook secrets in log records: the Neo4j driver's DEBUG log prints statement
    parameters, which for registration include the new secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if SECRET_PREFIX in message:
            record.msg = _SECRET_TEXT.sub(SECRET_PREFIX + "<redacted>", message)
            record.args = None
        return True


def redact_secrets_in_driver_log() -> None:
    """Install RedactSecrets on the driver's logger (once per process)."""
    logger = logging.getLogger(DRIVER_LOGGER)
    if not any(isinstance(f, RedactSecrets) for f in logger.filters):
        logger.addFilter(RedactSecrets())


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header: `v1,` and the base64 HMAC-SHA256 of
    `{id}.{timestamp}.{body}` under the secret's key (Standard Webhooks)."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def event_id(event: ChangeEvent) -> str:
    """The id of an event's message: the same for every attempt and every subscriber (a
    receiver drops a repeat by it)."""
    return event.cursor


def event_data(event: ChangeEvent) -> dict[str, Any]:
    """The event as the `changes` query answers it."""
    return {
        "seq": event.seq,
        "cursor": event.cursor,
        "at": _rfc3339(event.at),
        "kind": event.kind.value,
        "label": event.label,
        "id": event.id,
        "fields": list(event.fields),
        "status": event.status,
        "relationship": event.relationship,
        "targetId": event.target_id,
        "actor": event.actor,
        "requestId": event.request_id,
    }


def cloud_event(event: ChangeEvent, source: str) -> dict[str, Any]:
    """The CloudEvents 1.0 JSON envelope of an event."""
    return {
        "specversion": "1.0",
        "id": event_id(event),
        "source": source,
        "type": EVENT_TYPE_PREFIX + event.kind.value.lower(),
        "time": _rfc3339(event.at),
        "subject": f"{event.label}/{event.id}",
        "datacontenttype": CONTENT_TYPE,
        "data": event_data(event),
    }


@dataclass(frozen=True)
class SignedRequest:
    """The body and headers of one delivery."""

    body: bytes
    headers: dict[str, str]


def signed_request(event: ChangeEvent, source: str, secret: str, now: int) -> SignedRequest:
    """The envelope of an event, signed with the subscriber's secret at `now` (Unix seconds)."""
    body = orjson.dumps(cloud_event(event, source))
    message_id = event_id(event)
    return SignedRequest(
        body,
        {
            "content-type": "application/cloudevents+json",
            "webhook-id": message_id,
            "webhook-timestamp": str(now),
            "webhook-signature": sign(secret, message_id, now, body),
        },
    )


def retry_delay(attempts: int, base: float, ceiling: float) -> float:
    """Seconds to wait after `attempts` failures in a row: base * 2^(attempts-1), capped."""
    return float(min(ceiling, base * 2 ** max(0, min(attempts - 1, 30))))


def _rfc3339(at: Any) -> str:
    value = at.to_native() if hasattr(at, "to_native") else at
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return str(value)


@dataclass(frozen=True)
class AttemptMade:
    """An attempt this holder made to deliver an event, to be logged: the subscriber and the
    lease and cursor it was made under (the write holds only if both are unchanged), the event,
    the attempt's number and the receiver's status code (None: no answer)."""

    subscriber_id: str
    holder: str
    cursor: int
    seq: int
    event_id: str
    attempt: int
    status_code: int | None


@dataclass(frozen=True)
class DeliveryAttempt:
    """One attempt to deliver an event to a subscriber, as its log keeps it."""

    at: dt.datetime
    seq: int
    event_id: str
    attempt: int
    ok: bool
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Subscriber:
    """A registered webhook (its secret is never read into this)."""

    id: str
    url: str
    filter: ChangeFilter
    cursor: int
    status: SubscriberStatus
    attempts: int
    delivered: int
    failed: int
    created_at: dt.datetime
    lease_holder: str | None = None
    lease_expires: dt.datetime | None = None
    log: tuple[DeliveryAttempt, ...] = ()


@dataclass(frozen=True)
class DeliveryTarget:
    """What the delivery loop needs of a subscriber it holds; the secret is left out of its
    repr so that logging a target cannot leak it."""

    id: str
    url: str
    filter: ChangeFilter
    cursor: int
    attempts: int
    secret: str = field(repr=False)


def subscriber_filter(row: dict[str, Any]) -> ChangeFilter:
    """The filter of a stored subscriber (webhooks see learner data: only admins register)."""
    kinds = row.get("kinds")
    return ChangeFilter(
        labels=row.get("labels"),
        ids=row.get("ids"),
        kinds=[ChangeKind(k) for k in kinds] if kinds is not None else None,
        statuses=row.get("statuses"),
    )


class DeliveryFailed(GraphError):
    """An attempt that did not get a 2xx answer: the status code, or what went wrong."""

    code = "DELIVERY_FAILED"

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
