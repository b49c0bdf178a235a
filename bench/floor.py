"""credgraph over HTTP against the floor: the same Cypher statements run straight through the
Python driver, for the core questions.

`python -m bench.floor --samples 100` (a Neo4j with the province: NEO4J_URI or the local server
of CREDGRAPH_HOME) starts `credgraph serve` as its own process. For each sampled request it
first runs the question in this process with a tracer that records every Cypher statement and its
parameters; then it times (a) the request over HTTP and (b) the recorded statements replayed one
after another through the bare driver on uvloop, as the service reads (one auto-commit statement
in a READ session each; the floor: no GraphQL, no planning, no HTTP). credgraph overlaps some
statements, so the floor can be slower than the service.

Both sides are timed in blocks of `--block` samples: the block's requests over HTTP one after
another, then the same block's statements replayed one after another (which side goes first
alternates by block). Each side then runs as a service under steady use does, its process busy
from one request to the next. Timed one by one instead (a request, then its replay, then the next
request), the server's process sleeps through everything the bench does between its requests and
wakes to cold caches each time, while the floor runs in the bench's own busy process: that costs
the HTTP side about 0.4 ms a request that is no work of the service (bench/README.md, decision
112). The one-by-one figures are printed beside: the ratios as before, with the same request
through httpx (which spends about 1.4 ms of its own per request) and the floor replayed through
`driver.execute_query` (managed transactions: the floor as it was until decision 30).

The timed HTTP client is a bare keep-alive HTTP/1.1 connection (`BareHttp`), as the floor's client
is the bare driver. Prints p50 / p95 of both and the ratios as Markdown (goal: HTTP / floor <= 1.3).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import neo4j
import orjson
import uvloop

from bench.latency import QUESTIONS, WARM_UP

PORT = 8821
Statements = list[tuple[str, dict[str, Any]]]


@dataclass
class Times:
    """One question's timings in ms, a list per way of timing it."""

    http: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    one_http: list[float] = field(default_factory=list)
    one_floor: list[float] = field(default_factory=list)
    httpx: list[float] = field(default_factory=list)
    managed: list[float] = field(default_factory=list)


class BareHttp:
    """One keep-alive HTTP/1.1 connection: a request written whole, the response read by its
    Content-Length (credgraph always sends one)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post_json(
        self, path: str, body: object, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        payload = orjson.dumps(body)
        head = (
            f"POST {path} HTTP/1.1\r\nhost: {self.host}:{self.port}\r\n"
            f"content-type: application/json\r\ncontent-length: {len(payload)}\r\n"
            + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
            + "\r\n"
        )
        writer.write(head.encode() + payload)
        lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        lengths = [line for line in lines if line.lower().startswith(b"content-length:")]
        if not lengths:
            raise SystemExit(f"HTTP {status} without a Content-Length: {lines!r}")
        return status, await reader.readexactly(int(lengths[0].split(b":", 1)[1]))

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _replay(graph: Any, statements: Statements) -> float:
    """The statements one after another as the service reads (one auto-commit statement in a
    READ session each), in ms."""
    started = time.perf_counter()
    for name, params in statements:
        async with graph.driver.session(
            database=graph.db.database,
            default_access_mode=neo4j.READ_ACCESS,
            bookmark_manager=None,
        ) as session:
            result = await session.run(graph.db.queries[name], params)
            [record async for record in result]
    return (time.perf_counter() - started) * 1000


async def _replay_managed(graph: Any, statements: Statements) -> float:
    """The statements through `execute_query` (the floor as it was until decision 30), in ms."""
    started = time.perf_counter()
    for name, params in statements:
        await graph.driver.execute_query(
            graph.db.queries[name],
            params,
            routing_=neo4j.RoutingControl.READ,
            database_=graph.db.database,
        )
    return (time.perf_counter() - started) * 1000


async def _over(bare: BareHttp, query: str, used: dict[str, str], headers: dict[str, str]) -> float:
    """One request over the bare HTTP connection, in ms (an error answer stops the bench)."""
    started = time.perf_counter()
    status, body = await bare.post_json("/graphql", {"query": query, "variables": used}, headers)
    took = (time.perf_counter() - started) * 1000
    if status != 200 or b'"errors"' in body:
        raise SystemExit(f"HTTP {status} {body[:300]!r}")
    return took


async def measure(samples: int, seed: int, block: int) -> dict[str, Times]:
    from api.auth import ADMIN, Role, mint
    from api.context import Context
    from api.dev_secret import load_settings
    from api.schema import build_schema
    from bench.servers import serve_env
    from graph.connection import resolve_target
    from graph.container import open_graph

    settings = load_settings()
    target = resolve_target(settings)
    env = serve_env(settings, target)
    server = subprocess.Popen(  # noqa: S603, ASYNC220 - our own CLI, started once
        [sys.executable, "-m", "api.cli", "serve", "--port", str(PORT)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{PORT}/graphql"
    headers = {"authorization": f"Bearer {mint(settings, 'floor', [Role.ADMIN])}"}
    timings: dict[str, Times] = {}
    bare = BareHttp("127.0.0.1", PORT)
    try:
        async with open_graph(settings, target) as graph, httpx.AsyncClient(timeout=60) as http:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    await http.get(url.replace("/graphql", "/readyz"))
                    break
                except httpx.HTTPError:
                    await asyncio.sleep(0.3)
            for name in ("bench/warm_nodes", "bench/warm_relationships"):
                await graph.db.read(name)
            counts = {}
            for label in ("learners", "institutions", "occupations"):
                counts[label] = int((await graph.db.read(f"bench/count_{label}"))[0]["c"])
            schema = build_schema(settings)
            recorded: Statements = []
            graph.db.tracers.append(lambda name, params: recorded.append((name, dict(params))))
            rnd = random.Random(seed)
            for question, query in QUESTIONS.items():
                times = timings[question] = Times()
                planned: list[tuple[dict[str, str], Statements]] = []
                for _ in range(samples + WARM_UP):
                    institution = f"inst-{rnd.randrange(counts['institutions']):03d}"
                    variables = {
                        "learner": f"learner-{rnd.randrange(counts['learners']):05d}",
                        "institution": institution,
                        "program": f"prog-{institution}-{rnd.randrange(2)}",
                        "occupation": f"occ-{rnd.randrange(max(1, counts['occupations'])):04d}",
                    }
                    used = {k: v for k, v in variables.items() if f"${k}" in query}
                    recorded.clear()
                    context = Context(
                        graph=graph, settings=settings, request_id="floor", principal=ADMIN
                    )
                    await schema.execute(query, variable_values=used, context_value=context)
                    planned.append((used, list(recorded)))
                # the server closes a connection idle for 5 s (uvicorn's keep-alive), as long as
                # recording may take: a new one for the timed requests (the first are warm-up)
                bare.close()
                # in blocks: each side busy from one request to the next; who goes first alternates
                for start in range(0, len(planned), block):
                    part = list(enumerate(planned[start : start + block], start))
                    sides = ["http", "floor"] if (start // block) % 2 == 0 else ["floor", "http"]
                    for side in sides:
                        for n, (used, statements) in part:
                            if side == "http":
                                took = await _over(bare, query, used, headers)
                            else:
                                took = await _replay(graph, statements)
                            if n >= WARM_UP:
                                getattr(times, side).append(took)
                # one by one: a request, its replays, the next request
                for n, (used, statements) in enumerate(planned):
                    over_http = await _over(bare, query, used, headers)
                    started = time.perf_counter()
                    response = await http.post(
                        url, json={"query": query, "variables": used}, headers=headers
                    )
                    over_httpx = (time.perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise SystemExit(f"{question}: HTTP {response.status_code}")
                    replayed = await _replay(graph, statements)
                    replayed_managed = await _replay_managed(graph, statements)
                    if n >= WARM_UP:
                        times.one_http.append(over_http)
                        times.one_floor.append(replayed)
                        times.httpx.append(over_httpx)
                        times.managed.append(replayed_managed)
                print(f"{question}: done", file=sys.stderr)
    finally:
        bare.close()
        server.terminate()
        server.wait(timeout=30)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--block", type=int, default=10, help="samples per timed block")
    args = parser.parse_args()
    # uvloop, as `credgraph serve` runs: the floor's client must be no slower than the service's
    timings = uvloop.run(measure(args.samples, args.seed, args.block))
    print(
        f"| question | in blocks of {args.block}: HTTP p50 / p95 ms | floor p50 / p95 ms "
        "| ratio p50 / p95 (goal <= 1.3) | one by one: HTTP p50 / p95 ms | floor p50 / p95 ms "
        "| ratio p50 / p95 | httpx as client: p50 ms, ratio | floor through execute_query "
        "p50 / p95 ms, ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for question, t in timings.items():
        s50, s95, f50, f95 = (
            statistics.median(t.http),
            _p(t.http, 0.95),
            statistics.median(t.floor),
            _p(t.floor, 0.95),
        )
        o50, o95 = statistics.median(t.one_http), _p(t.one_http, 0.95)
        g50, g95 = statistics.median(t.one_floor), _p(t.one_floor, 0.95)
        x50, m50, m95 = (
            statistics.median(t.httpx),
            statistics.median(t.managed),
            _p(t.managed, 0.95),
        )
        print(
            f"| {question} | {s50:.1f} / {s95:.1f} | {f50:.1f} / {f95:.1f} | "
            f"{s50 / f50:.2f} / {s95 / f95:.2f} | {o50:.1f} / {o95:.1f} | {g50:.1f} / {g95:.1f} | "
            f"{o50 / g50:.2f} / {o95 / g95:.2f} | {x50:.1f}, {x50 / g50:.2f} | "
            f"{m50:.1f} / {m95:.1f}, {o50 / m50:.2f} / {o95 / m95:.2f} |"
        )


if __name__ == "__main__":
    main()
