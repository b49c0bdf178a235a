"""A large schema-driven fuzzing run against a live server (the suite runs a small one).

`python -m bench.fuzz --examples 1000` serves the API (uvicorn, in this process) against the
configured Neo4j with the demo graph loaded, then sends hypothesis-graphql documents: valid and
invalid queries, valid mutations, anonymous and admin. It prints HTTP statuses, error codes and
the slowest answer as Markdown. A 500 or a masked (unexpected) error fails the run.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable

import graphql
import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from api.app import create_app
from api.auth import Role, mint
from api.dev_secret import load_settings
from api.errors import MASKED_MESSAGE
from api.schema import sdl
from bench.servers import api_thread
from graph.connection import resolve_target
from graph.container import open_graph
from importers.demo import seed_demo

SCALARS = {
    "Date": st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)).map(
        lambda d: graphql.StringValueNode(value=d.isoformat())
    ),
    "DateTime": st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 1, 1)).map(
        lambda d: graphql.StringValueNode(value=d.isoformat())
    ),
    "JSON": st.text(max_size=10).map(lambda s: graphql.StringValueNode(value=s)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=1000, help="documents per kind")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    config = load_settings()
    target = resolve_target(config)

    async def seed() -> None:
        async with open_graph(config, target) as graph:
            await graph.db.migrate()
            await seed_demo(graph.nodes)

    asyncio.run(seed())
    admin = {"authorization": f"Bearer {mint(config, 'fuzz', [Role.ADMIN])}"}
    statuses: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    failures: list[str] = []
    slowest = (0.0, "")
    schema = sdl()
    kinds = {
        "valid queries": queries(schema, custom_scalars=SCALARS),
        "invalid queries": queries(schema, custom_scalars=SCALARS, mode=Mode.NEGATIVE),
        "valid mutations": mutations(schema, custom_scalars=SCALARS),
    }
    with (
        api_thread(create_app(config, target), args.port) as base_url,
        httpx.Client(timeout=60) as client,
    ):
        url = f"{base_url}/graphql"

        def runner(kind: str, who: str, headers: dict[str, str]) -> Callable[[], None]:
            @settings(
                max_examples=args.examples,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            @given(document=kinds[kind])
            def send(document: str) -> None:
                nonlocal slowest
                started = time.perf_counter()
                response = client.post(url, json={"query": document}, headers=headers)
                took = time.perf_counter() - started
                slowest = max(slowest, (took, f"{kind}, {who}"))
                statuses[f"{kind}, {who}: HTTP {response.status_code}"] += 1
                errors = response.json().get("errors") or []
                for error in errors:
                    codes[str((error.get("extensions") or {}).get("code", "none"))] += 1
                if response.status_code >= 500 or any(
                    e.get("message") == MASKED_MESSAGE for e in errors
                ):
                    failures.append(document)

            return send

        for kind in kinds:
            for who, headers in (("anonymous", {}), ("admin", admin)):
                runner(kind, who, headers)()
    print("| documents | count |\n|---|---:|")
    for key, count in sorted(statuses.items()):
        print(f"| {key} | {count} |")
    print("\n| error code | count |\n|---|---:|")
    for key, count in codes.most_common():
        print(f"| {key} | {count} |")
    print(f"\nslowest answer: {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    print(f"HTTP 5xx or unexpected errors: {len(failures)}")
    for document in failures[:5]:
        print("---\n" + document)
    if failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
