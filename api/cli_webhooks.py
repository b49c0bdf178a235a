"""`credgraph webhooks ...` (add, list, remove, pause, redeliver) and `credgraph deliver`:
webhooks on the change log from the command line (docs/changes.md, Webhooks)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer

from graph.changes import ChangeKind, encode_cursor
from graph.connection import resolve_target
from graph.container import Graph, open_graph
from graph.services.webhooks import Webhooks
from graph.settings import Settings
from graph.webhooks import Subscriber

webhooks_app = typer.Typer(
    help="Webhooks on the change log: register, list, remove, pause, redeliver."
)
T = TypeVar("T")


def _with_graph(work: Callable[[Graph, Settings], Awaitable[T]]) -> T:
    settings = Settings()

    async def run() -> T:
        async with open_graph(settings, resolve_target(settings)) as graph:
            await graph.db.migrate()
            return await work(graph, settings)

    return asyncio.run(run())


def _service(graph: Graph, settings: Settings) -> Webhooks:
    return Webhooks(graph.webhooks, settings.webhook_hosts)


def _shown(subscriber: Subscriber) -> dict[str, object]:
    f = subscriber.filter
    return {
        "id": subscriber.id,
        "url": subscriber.url,
        "status": subscriber.status.value,
        "cursor": encode_cursor(subscriber.cursor),
        "filter": {
            "labels": f.labels,
            "ids": f.ids,
            "kinds": [k.value for k in f.kinds] if f.kinds is not None else None,
            "statuses": f.statuses,
        },
        "attempts": subscriber.attempts,
        "delivered": subscriber.delivered,
        "failed": subscriber.failed,
        "leaseHolder": subscriber.lease_holder,
        "lastAttempts": [
            {
                "at": a.at.isoformat(),
                "eventId": a.event_id,
                "attempt": a.attempt,
                "ok": a.ok,
                "statusCode": a.status_code,
                "error": a.error,
            }
            for a in subscriber.log[:5]
        ],
    }


@webhooks_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="where to POST (host in CREDGRAPH_WEBHOOK_HOSTS)")],
    label: Annotated[list[str] | None, typer.Option(help="only events of these labels")] = None,
    id: Annotated[list[str] | None, typer.Option(help="only events about these ids")] = None,
    kind: Annotated[list[ChangeKind] | None, typer.Option(help="only these kinds")] = None,
    status: Annotated[list[str] | None, typer.Option(help="only these statuses")] = None,
) -> None:
    """Register a webhook; prints its id and its signing secret (shown this once)."""

    async def work(graph: Graph, settings: Settings) -> dict[str, object]:
        done = await _service(graph, settings).register(
            url, labels=label or None, ids=id or None, kinds=kind or None, statuses=status or None
        )
        return {"id": done.subscriber.id, "secret": done.secret}

    typer.echo(json.dumps(_with_graph(work), indent=2))


@webhooks_app.command("list")
def list_webhooks() -> None:
    """Print the webhooks (without secrets), each with its last attempts, as JSON."""

    async def work(graph: Graph, settings: Settings) -> list[dict[str, object]]:
        return [_shown(s) for s in await _service(graph, settings).list()]

    typer.echo(json.dumps(_with_graph(work), indent=2))


@webhooks_app.command("remove")
def remove(webhook_id: Annotated[str, typer.Argument(help="the webhook's id")]) -> None:
    """Remove a webhook and its delivery log."""

    async def work(graph: Graph, settings: Settings) -> None:
        await _service(graph, settings).remove(webhook_id)

    _with_graph(work)
    typer.echo(f"removed {webhook_id}")


@webhooks_app.command("redeliver")
def redeliver(
    webhook_id: Annotated[str, typer.Argument(help="the webhook's id")],
    from_cursor: Annotated[
        str | None, typer.Option("--from", help="deliver the events after this cursor (seq:N)")
    ] = None,
) -> None:
    """Deliver again from a cursor (default: its own) and reactivate a dead-lettered webhook."""

    async def work(graph: Graph, settings: Settings) -> dict[str, object]:
        return _shown(await _service(graph, settings).redeliver(webhook_id, from_cursor))

    typer.echo(json.dumps(_with_graph(work), indent=2))


@webhooks_app.command("pause")
def pause(webhook_id: Annotated[str, typer.Argument(help="the webhook's id")]) -> None:
    """Stop delivering a webhook until `redeliver` (it keeps its cursor)."""

    async def work(graph: Graph, settings: Settings) -> dict[str, object]:
        return _shown(await _service(graph, settings).pause(webhook_id))

    typer.echo(json.dumps(_with_graph(work), indent=2))


def deliver() -> None:
    """Deliver webhooks until stopped (SIGTERM or Ctrl-C); run as many as wanted: each webhook
    is delivered by one of them at a time (a lease in Neo4j)."""
    from api.webhook_runner import webhook_delivery

    async def work(graph: Graph, settings: Settings) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        async with webhook_delivery(graph, settings, enabled=True):
            await stop.wait()

    _with_graph(work)
