"""Webhooks on the change log against a real Neo4j and a real HTTP receiver: registration
(admin, allow-listed hosts, secret shown once), signed in-order delivery, retries, dead letter
and redelivery, and the lease that gives each subscriber one delivering process."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
import strawberry
from standardwebhooks import Webhook as ReferenceVerifier

from api.auth import ADMIN, Principal, Role
from api.context import Context
from api.schema import build_schema
from api.webhook_runner import webhook_delivery
from graph.changes import Origin, origin_var
from graph.container import Graph
from graph.settings import Settings
from graph.webhooks import AttemptMade, new_secret
from tests.conftest import make_settings
from tests.webhook_receiver import eventually, receiver, verify

CREATE = """mutation ($input: MicroCredentialInput!) {
  createMicroCredential(input: $input) { __typename } }"""
REGISTER = """mutation ($url: String!, $filter: ChangeFilterInput) {
  registerWebhook(url: $url, filter: $filter) {
    __typename
    ... on RegisteredWebhook { secret webhook { id status cursor } }
    ... on HostNotAllowed { message host }
    ... on Problem { message } } }"""
WEBHOOKS = """{ webhooks { id url status cursor attempts delivered failed leaseHolder
  filter { labels kinds }
  deliveries { seq eventId attempt ok statusCode error at } } }"""
REDELIVER = """mutation ($id: ID!, $fromCursor: String) {
  redeliverWebhook(id: $id, fromCursor: $fromCursor) {
    __typename ... on Webhook { status cursor } ... on Problem { message } } }"""
REMOVE = """mutation ($id: ID!) { removeWebhook(id: $id) {
  __typename ... on Problem { message } } }"""
EDITOR = Principal("editor", frozenset({Role.IMPORTER}))


def settings(**more: Any) -> Settings:
    values: dict[str, Any] = {
        "webhook_hosts": ("127.0.0.1",),
        "webhook_retry_base_seconds": 0.01,
        "webhook_retry_max_seconds": 0.05,
        "webhook_lease_seconds": 2,
        "change_poll_seconds": 0.05,
        "public_url": "https://credgraph.test",
        **more,
    }
    return make_settings(**values)


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema(make_settings())


@pytest.fixture(autouse=True)
def origin() -> Iterator[None]:
    token = origin_var.set(Origin("editor-1", "req-1"))
    yield
    origin_var.reset(token)


async def run(
    schema: strawberry.Schema,
    graph: Graph,
    query: str,
    principal: Principal = ADMIN,
    config: Settings | None = None,
    **v: Any,
) -> dict[str, Any]:
    context = Context(
        graph=graph, settings=config or settings(), principal=principal, request_id="t"
    )
    result = await schema.execute(query, variable_values=v, context_value=context)
    assert result.errors is None and result.data is not None, result.errors
    return result.data


async def create(schema: strawberry.Schema, graph: Graph, id_: str) -> None:
    data = await run(schema, graph, CREATE, input={"id": id_, "name": f"Hook {id_}"})
    assert data["createMicroCredential"]["__typename"] == "MicroCredential"


async def register(schema: strawberry.Schema, graph: Graph, url: str) -> tuple[str, str]:
    data = await run(schema, graph, REGISTER, url=url, filter={"labels": ["MicroCredential"]})
    found = data["registerWebhook"]
    assert found["__typename"] == "RegisteredWebhook", found
    return found["webhook"]["id"], found["secret"]


async def hooks(schema: strawberry.Schema, graph: Graph) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = (await run(schema, graph, WEBHOOKS))["webhooks"]
    return found


def attempts_recorded(
    schema: strawberry.Schema, graph: Graph, n: int
) -> Callable[[], Awaitable[bool]]:
    """A condition: the delivery log shows `n` attempts (a receiver sees a delivery before the
    deliverer records its answer, so a test reading the log waits for this as well)."""

    async def condition() -> bool:
        [row] = await hooks(schema, graph)
        return len(row["deliveries"]) >= n

    return condition


async def test_registration_is_for_admins_on_allowed_hosts(
    schema: strawberry.Schema, empty_graph: Graph
) -> None:
    refused = await run(schema, empty_graph, REGISTER, url="https://evil.example:8443/x")
    assert refused["registerWebhook"] == {
        "__typename": "HostNotAllowed",
        "host": "evil.example:8443",
        "message": refused["registerWebhook"]["message"],
    }
    assert "evil.example:8443" in refused["registerWebhook"]["message"]
    # nothing allowed by default
    closed = await run(
        schema, empty_graph, REGISTER, config=make_settings(), url="http://127.0.0.1:9/h"
    )
    assert closed["registerWebhook"]["__typename"] == "HostNotAllowed"
    scheme = await run(schema, empty_graph, REGISTER, url="ftp://127.0.0.1/h")
    assert scheme["registerWebhook"]["__typename"] == "InvalidInput"
    assert "http or https" in scheme["registerWebhook"]["message"]
    denied = await run(schema, empty_graph, REGISTER, principal=EDITOR, url="http://127.0.0.1/h")
    assert denied["registerWebhook"]["__typename"] == "Forbidden"
    context = Context(graph=empty_graph, settings=settings(), principal=EDITOR, request_id="t")
    listed = await schema.execute(WEBHOOKS, context_value=context)
    assert listed.errors and "webhooks" in listed.errors[0].message
    assert await hooks(schema, empty_graph) == []
    # removal
    webhook_id, _ = await register(schema, empty_graph, "http://127.0.0.1:9/h")
    removed = await run(schema, empty_graph, REMOVE, id=webhook_id)
    assert removed["removeWebhook"] == {"__typename": "RemovedWebhook"}
    again = await run(schema, empty_graph, REMOVE, id=webhook_id)
    assert again["removeWebhook"]["__typename"] == "NotFoundError"


async def test_writes_are_delivered_in_order_signed_and_the_secret_never_shown(
    schema: strawberry.Schema, empty_graph: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    config = settings()
    with receiver() as hook:
        webhook_id, secret = await register(schema, empty_graph, hook.url)
        assert secret.startswith("whsec_")
        async with webhook_delivery(empty_graph, config, enabled=True):
            for i in range(6):
                await create(schema, empty_graph, f"mc-hook-{i}")
            await eventually(lambda: len(hook.delivered()) >= 6, "six deliveries")
            await eventually(attempts_recorded(schema, empty_graph, 6), "six recorded")
            listed = await hooks(schema, empty_graph)
        got = hook.delivered()
    assert [r.envelope["data"]["id"] for r in got] == [f"mc-hook-{i}" for i in range(6)]
    seqs = [r.envelope["data"]["seq"] for r in got]
    assert seqs == sorted(seqs) and len(set(seqs)) == 6
    first = got[0]
    assert first.envelope == {
        "specversion": "1.0",
        "id": f"seq:{seqs[0]}",
        "source": "https://credgraph.test",
        "type": "org.credgraph.change.created",
        "time": first.envelope["data"]["at"],
        "subject": "MicroCredential/mc-hook-0",
        "datacontenttype": "application/json",
        "data": {
            "seq": seqs[0],
            "cursor": f"seq:{seqs[0]}",
            "at": first.envelope["data"]["at"],
            "kind": "CREATED",
            "label": "MicroCredential",
            "id": "mc-hook-0",
            "fields": first.envelope["data"]["fields"],
            "status": first.envelope["data"]["status"],
            "relationship": None,
            "targetId": None,
            "actor": "editor-1",
            "requestId": "req-1",
        },
    }
    assert first.envelope["time"].endswith("Z")
    for request in got:
        assert request.headers["webhook-id"] == request.envelope["id"]
        assert verify(secret, request.headers, request.body)
        ReferenceVerifier(secret).verify(request.body, request.headers)  # the spec's library
    # forged: another secret, or an altered body, fails the documented check
    assert not verify(new_secret(), first.headers, first.body)
    altered = first.body.replace(b"mc-hook-0", b"mc-hook-X")
    assert not verify(secret, first.headers, altered)
    # the list shows the delivery log and never the secret; neither do the logs
    [shown] = listed
    assert shown["id"] == webhook_id and shown["status"] == "ACTIVE"
    assert shown["cursor"] == f"seq:{seqs[-1]}"
    assert [d["seq"] for d in shown["deliveries"]] == seqs[::-1]
    assert all(
        d["ok"] and d["statusCode"] == 200 and d["attempt"] == 1 for d in shown["deliveries"]
    )
    assert secret not in json.dumps(listed)
    assert secret.removeprefix("whsec_") not in caplog.text
    assert any("webhook" in r.getMessage() for r in caplog.records)


async def test_failures_are_retried_then_dead_lettered_and_redelivery_resumes(
    schema: strawberry.Schema, empty_graph: Graph
) -> None:
    failing = {"until": 3}  # the first three requests fail

    def answer(n: int) -> int:
        return 500 if n <= failing["until"] else 200

    config = settings(webhook_max_attempts=5)
    with receiver(answer=answer) as hook:
        webhook_id, _ = await register(schema, empty_graph, hook.url)
        async with webhook_delivery(empty_graph, config, enabled=True):
            await create(schema, empty_graph, "mc-retry-0")
            await create(schema, empty_graph, "mc-retry-1")
            await eventually(lambda: len(hook.delivered()) >= 2, "delivered after recovery")
            await eventually(attempts_recorded(schema, empty_graph, 5), "five attempts recorded")
            [shown] = await hooks(schema, empty_graph)
            attempts = [(d["attempt"], d["ok"], d["statusCode"]) for d in shown["deliveries"]]
            assert attempts[::-1] == [
                (1, False, 500),
                (2, False, 500),
                (3, False, 500),
                (4, True, 200),
                (1, True, 200),
            ]
            assert (shown["status"], shown["attempts"], shown["failed"]) == ("ACTIVE", 0, 3)
            assert [r.envelope["data"]["id"] for r in hook.delivered()] == [
                "mc-retry-0",
                "mc-retry-1",
            ]
            # now it never recovers: five attempts, then dead-lettered
            failing["until"] = 10**9
            await create(schema, empty_graph, "mc-retry-2")

            async def dead() -> bool:
                return bool((await hooks(schema, empty_graph))[0]["status"] == "DEAD_LETTERED")

            await eventually(dead, "dead-lettered")
            [shown] = await hooks(schema, empty_graph)
            assert shown["deliveries"][0]["attempt"] == 5
            assert shown["leaseHolder"] is None
            stopped_at = len(hook.requests)
            await create(schema, empty_graph, "mc-retry-3")
            await asyncio.sleep(0.5)
            assert len(hook.requests) == stopped_at  # a dead letter is not delivered
            # the receiver is fixed; redelivery resumes where it stopped
            failing["until"] = 0
            resumed = await run(schema, empty_graph, REDELIVER, id=webhook_id)
            assert resumed["redeliverWebhook"]["status"] == "ACTIVE"
            await eventually(lambda: len(hook.delivered()) >= 4, "redelivered")
            # and from an older cursor: everything after it again
            first_seq = hook.delivered()[0].envelope["data"]["seq"]
            back = await run(
                schema, empty_graph, REDELIVER, id=webhook_id, fromCursor=f"seq:{first_seq}"
            )
            assert back["redeliverWebhook"]["cursor"] == f"seq:{first_seq}"
            await eventually(lambda: len(hook.delivered()) >= 7, "delivered again")
    ids = [r.envelope["data"]["id"] for r in hook.delivered()]
    assert ids == [f"mc-retry-{i}" for i in (0, 1, 2, 3, 1, 2, 3)]
    bad = await run(schema, empty_graph, REDELIVER, id=webhook_id, fromCursor="yesterday")
    assert bad["redeliverWebhook"]["__typename"] == "InvalidInput"
    missing = await run(schema, empty_graph, REDELIVER, id="wh-nope")
    assert missing["redeliverWebhook"]["__typename"] == "NotFoundError"


async def test_a_redirect_is_not_followed(schema: strawberry.Schema, empty_graph: Graph) -> None:
    config = settings(webhook_max_attempts=2)
    with receiver(answer=lambda n: 307) as hook:
        await register(schema, empty_graph, hook.url)
        async with webhook_delivery(empty_graph, config, enabled=True):
            await create(schema, empty_graph, "mc-redirect")

            async def dead() -> bool:
                return bool((await hooks(schema, empty_graph))[0]["status"] == "DEAD_LETTERED")

            await eventually(dead, "dead-lettered")
    [shown] = await hooks(schema, empty_graph)
    assert shown["deliveries"][0]["statusCode"] == 307
    assert "not followed" in shown["deliveries"][0]["error"]
    assert len(hook.requests) == 2


async def test_one_lease_holder_at_a_time(schema: strawberry.Schema, empty_graph: Graph) -> None:
    webhook_id, _ = await register(schema, empty_graph, "http://127.0.0.1:9/h")
    repo = empty_graph.webhooks
    for _ in range(5):
        won = await asyncio.gather(*(repo.claim(f"holder-{i}", 60) for i in range(4)))
        assert sum(webhook_id in ids for ids in won) == 1
    [holder] = [s.lease_holder for s in await repo.subscribers()]
    assert holder is not None
    # the holder renews its own lease; nobody else takes it before it expires
    assert await repo.claim(holder, 1) == [webhook_id]
    assert await repo.claim("another", 60) == []
    # the holder stops renewing: after the lease time another takes over
    await eventually(lambda: repo.claim("another", 60), "the lease taken over")
    cursor = (await repo.subscribers())[0].cursor
    assert not await repo.delivered(AttemptMade(webhook_id, holder, cursor, 10**6, "seq:1", 1, 200))
    [shown] = await repo.subscribers()
    assert shown.lease_holder == "another" and shown.cursor < 10**6


async def test_a_paused_webhook_waits_for_redelivery(
    schema: strawberry.Schema, empty_graph: Graph
) -> None:
    pause = """mutation ($id: ID!) { pauseWebhook(id: $id) {
      __typename ... on Webhook { status } } }"""
    with receiver() as hook:
        webhook_id, _ = await register(schema, empty_graph, hook.url)
        paused = await run(schema, empty_graph, pause, id=webhook_id)
        assert paused["pauseWebhook"] == {"__typename": "Webhook", "status": "PAUSED"}
        async with webhook_delivery(empty_graph, settings(), enabled=True):
            await create(schema, empty_graph, "mc-paused")
            await asyncio.sleep(0.5)
            assert hook.requests == []
            past = await run(schema, empty_graph, REDELIVER, id=webhook_id, fromCursor="seq:99999")
            assert past["redeliverWebhook"]["__typename"] == "InvalidInput"
            assert "past the log's last event" in past["redeliverWebhook"]["message"]
            await run(schema, empty_graph, REDELIVER, id=webhook_id)
            await eventually(lambda: len(hook.delivered()) == 1, "delivered once resumed")
    assert hook.delivered()[0].envelope["subject"] == "MicroCredential/mc-paused"
