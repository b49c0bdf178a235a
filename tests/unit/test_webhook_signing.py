"""Webhook pieces without a graph: URL checks, the Standard Webhooks signature against the
spec's reference library, back-off, and secrets blanked in the driver's log."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from standardwebhooks import Webhook as Reference

from graph.changes import ChangeEvent, ChangeKind
from graph.errors import Invalid
from graph.webhooks import (
    HostNotAllowed,
    RedactSecrets,
    check_url,
    cloud_event,
    new_secret,
    retry_delay,
    sign,
    signed_request,
)

EVENT = ChangeEvent(
    seq=7,
    at=dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC),
    kind=ChangeKind.STATUS_CHANGED,
    label="MicroCredential",
    id="mc-1",
    fields=("status",),
    actor="editor",
    request_id="r-1",
    status="PUBLISHED",
)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://hooks.test/x", "http or https"),
        ("http:///x", "no host"),
        ("http://[", "not a URL"),
        ("http://hooks.test:99999/x", "port"),
        ("http://u:p@hooks.test/x", "user or password"),
        ("http://hooks.test/a b", "spaces"),
    ],
)
def test_bad_urls_say_what_is_wrong(url: str, problem: str) -> None:
    with pytest.raises(Invalid) as refused:
        check_url(url, ["hooks.test"])
    assert problem in refused.value.message


def test_hosts_outside_the_allow_list_are_named() -> None:
    assert check_url("https://hooks.test/x", ["hooks.test"]) == "https://hooks.test/x"
    assert check_url("http://HOOKS.test:8080/x", ["hooks.test:8080"])
    with pytest.raises(HostNotAllowed) as refused:
        check_url("http://hooks.test:8081/x", ["hooks.test:8080"])
    assert refused.value.host == "hooks.test:8081"
    with pytest.raises(HostNotAllowed):
        check_url("http://hooks.test/x", [])


def test_the_signature_is_the_reference_librarys() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    at = dt.datetime(2026, 12, 3, 12, 0, 5, tzinfo=dt.UTC)
    body = b'{"a": 1}'
    assert sign(secret, "seq:7", int(at.timestamp()), body) == Reference(secret).sign(
        "seq:7", at, body
    )


def test_a_signed_request_carries_the_envelope() -> None:
    secret = new_secret()
    request = signed_request(EVENT, "urn:credgraph", secret, 1_800_000_000)
    assert request.headers["webhook-id"] == "seq:7"
    assert request.headers["webhook-timestamp"] == "1800000000"
    envelope = cloud_event(EVENT, "urn:credgraph")
    assert envelope["type"] == "org.credgraph.change.status_changed"
    assert envelope["time"] == "2026-12-03T12:00:00Z"
    assert envelope["data"]["status"] == "PUBLISHED"


def test_back_off_doubles_up_to_its_ceiling() -> None:
    assert [retry_delay(n, 1, 10) for n in (1, 2, 3, 4, 5, 60)] == [1, 2, 4, 8, 10, 10]


def test_secrets_are_blanked_in_log_records() -> None:
    secret = new_secret()
    record = logging.LogRecord("neo4j.io", 10, "x", 1, "C: RUN %s", ({"secret": secret},), None)
    assert RedactSecrets().filter(record)
    assert secret not in record.getMessage() and "whsec_<redacted>" in record.getMessage()
