"""Webhook delivery latency (docs/changes.md, Webhooks), in one run on one Neo4j.

`python -m bench.webhooks [--writes 200] [--poll 0.5]` (a local Neo4j under
.credgraph/bench-webhooks, or NEO4J_URI) registers one webhook pointing at a receiver thread on
127.0.0.1, runs the delivery loop in this process, writes `createCompetency` mutations one at a
time, and prints the p50 and p95 of the time from each event's `at` (stamped in the write's
transaction, just before its commit) to its arrival at the receiver. Figures only: no
assertion on time anywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from api.auth import ADMIN
from api.context import Context
from api.schema import build_schema
from api.webhook_runner import webhook_delivery
from bench.imports import wipe
from graph.changes import ChangeFilter
from graph.connection import Neo4jTarget
from graph.container import open_graph
from graph.services.webhooks import Webhooks
from graph.settings import Settings

CREATE = """mutation ($id: ID!) { createCompetency(input: {id: $id, name: "bench"}) {
  __typename } }"""


@contextmanager
def receiver(arrivals: dict[str, float]) -> Iterator[str]:
    """A receiver on a free loopback port recording when each event id first arrived."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            arrivals.setdefault(json.loads(body)["data"]["id"], time.time())
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


async def measure(settings: Settings, target: Neo4jTarget, writes: int) -> str:
    arrivals: dict[str, float] = {}
    schema = build_schema(settings)
    async with open_graph(settings, target) as graph:
        await wipe(graph)
        await graph.db.migrate()
        with receiver(arrivals) as url:
            await Webhooks(graph.webhooks, ("127.0.0.1",)).register(url, labels=["Competency"])
            async with webhook_delivery(graph, settings, enabled=True):
                for i in range(writes):
                    context = Context(
                        graph=graph, settings=settings, principal=ADMIN, request_id="bench"
                    )
                    result = await schema.execute(
                        CREATE, variable_values={"id": f"hook-{i}"}, context_value=context
                    )
                    assert result.errors is None, result.errors  # noqa: S101 - no figure else
                    await asyncio.sleep(0.01)  # writes arrive spread out, as clients send them
                for _ in range(6000):  # up to 5 minutes for the last deliveries
                    if len(arrivals) >= writes:
                        break
                    await asyncio.sleep(0.05)
        page = await graph.changes.page(ChangeFilter(labels=["Competency"]), 0, writes)
        committed = {e.id: e.at for e in page.events}
        await wipe(graph)
    latencies = [arrivals[i] - committed[i].timestamp() for i in committed if i in arrivals]
    if len(latencies) < 2:
        return f"{writes} writes, {len(latencies)} delivered: no figure"
    p50 = statistics.median(latencies) * 1000
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return "\n".join(
        [
            f"{writes} writes one at a time, {len(latencies)} delivered; "
            f"CREDGRAPH_CHANGE_POLL_SECONDS={settings.change_poll_seconds}",
            "",
            "| commit to receiver | p50 ms | p95 ms |",
            "| --- | ---: | ---: |",
            f"| webhook delivery | {p50:.1f} | {p95:.1f} |",
        ]
    )


def main() -> None:
    from api.dev_secret import load_settings
    from bench.servers import configured_or_local

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--poll", type=float, default=None, help="change poll seconds")
    args = parser.parse_args()
    # the receiver is on 127.0.0.1: the only host this run allows
    settings = load_settings().model_copy(update={"webhook_hosts": ("127.0.0.1",)})
    if args.poll is not None:
        settings = settings.model_copy(update={"change_poll_seconds": args.poll})
    with configured_or_local(settings, Path(".credgraph/bench-webhooks").resolve()) as target:
        print(asyncio.run(measure(settings, target, args.writes)))


if __name__ == "__main__":
    main()
