"""credgraph against @neo4j/graphql 7 on the same Neo4j, same data, equivalent nested reads.

`python -m bench.peer.compare --seconds 15 --workers 2` (a running Neo4j with data: NEO4J_URI or
the local server of CREDGRAPH_HOME, e.g. the province of `python -m bench generate`) starts three
servers as separate processes: credgraph (`credgraph serve --workers N`) with its response cache
and without it (CREDGRAPH_RESPONSE_CACHE_MB=0), and the peer (`node bench/peer/server.mjs`,
Apollo Server standalone). It checks that they answer each query with the same data, warms each up
(`--warmup` seconds at 8 connections, not measured), then loads each at 1, 8 and 32 connections
with autocannon (`bench/peer/load.mjs`) and prints throughput, p50 / p95 and the ratios as
Markdown. `npm ci --prefix bench/peer` first."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
MC_CREDGRAPH = """{ microCredentials(first: 50) { nodes { id name
  competencies { competency { id name } } institution { id name }
  endorsements { employer { id name } } } } }"""
MC_PEER = """{ microCredentials(limit: 50, sort: [{ id: ASC }]) { id name
  competencies { id name } institution { id name } endorsers { id name } } }"""
COURSE_CREDGRAPH = """query ($id: ID!) { course(id: $id) { id name
  transferValuesFrom { id credits for { ... on Course { id name } } } } }"""
COURSE_PEER = """query ($id: ID!) { courses(where: { id: { eq: $id } }) { id name
  transferValuesFrom { id credits for { id name } } } }"""


def _normal_mc(data: Any, peer: bool) -> Any:
    items = data["microCredentials"] if peer else data["microCredentials"]["nodes"]
    out = []
    for item in items:
        if peer:
            competencies = sorted(c["id"] for c in item["competencies"])
            institution = [i["id"] for i in item["institution"]]
            endorsers = sorted(e["id"] for e in item["endorsers"])
        else:
            competencies = sorted(c["competency"]["id"] for c in item["competencies"])
            institution = [item["institution"]["id"]] if item["institution"] else []
            endorsers = sorted(e["employer"]["id"] for e in item["endorsements"])
        out.append((item["id"], item["name"], competencies, institution, endorsers))
    return sorted(out)


def _normal_course(data: Any, peer: bool) -> Any:
    course = data["courses"][0] if peer else data["course"]
    values = sorted(
        (tv["id"], tv["credits"], sorted(f["id"] for f in tv["for"] if f))
        for tv in course["transferValuesFrom"]
    )
    return course["id"], course["name"], values


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"a server exited: {process.args!r}")
        try:
            httpx.post(url, json={"query": "{ __typename }"}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"no answer from {url}")


def _load(
    url: str, body: Any, connections: int, seconds: float, start: int = 0
) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(body, file)
    try:
        args = [url, f"@{file.name}", str(connections), str(seconds), str(start)]
        done = subprocess.run(  # noqa: S603 - our own script, node from PATH
            ["node", str(HERE / "load.mjs"), *args],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(file.name).unlink()
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _serve(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _same(name: str, normal: Any, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    if "errors" in ours or "errors" in theirs:
        raise SystemExit(f"{name}: {ours.get('errors')} {theirs.get('errors')}")
    if normal(ours["data"], False) != normal(theirs["data"], True):
        raise SystemExit(f"{name}: the two servers answer different data")


def main() -> None:
    from api.dev_secret import load_settings
    from bench.servers import serve_env
    from graph.connection import resolve_target
    from graph.container import open_graph

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--connections", default="1,8,32")
    parser.add_argument("--workers", type=int, default=1, help="credgraph worker processes")
    parser.add_argument("--seed", type=int, default=7, help="order of the rotating courses")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds per server")
    args = parser.parse_args()
    settings = load_settings()
    target = resolve_target(settings)

    async def pick_courses() -> tuple[str, list[str]]:
        async with open_graph(settings, target) as graph:
            records, _, _ = await graph.driver.execute_query(
                "MATCH (c:Course)<-[:FROM]-(tv:TransferValue)-[:FOR]->(:Course) "
                "WITH c, count(tv) AS n ORDER BY n DESC, c.id RETURN c.id AS id"
            )
            ids = [str(r["id"]) for r in records]
            return ids[0], ids

    course, courses = asyncio.run(pick_courses())
    random.Random(args.seed).shuffle(courses)
    typedefs = subprocess.run(
        [sys.executable, "-m", "bench.peer.typedefs"], capture_output=True, text=True, check=True
    ).stdout
    (HERE / "typeDefs.graphql").write_text(typedefs)
    env = serve_env(settings, target)
    cached = _serve(8801, args.workers, env)
    uncached = _serve(8803, args.workers, {**env, "CREDGRAPH_RESPONSE_CACHE_MB": "0"})
    peer = subprocess.Popen(  # noqa: S603
        ["node", str(HERE / "server.mjs")],  # noqa: S607 - node from PATH
        env={**env, "PORT": "8802", "PEER_WORKERS": str(args.workers)},  # the same cores
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    urls = {
        "cached": "http://127.0.0.1:8801/graphql",
        "uncached": "http://127.0.0.1:8803/graphql",
        "peer": "http://127.0.0.1:8802/",
    }
    rows = []
    try:
        _wait(urls["cached"], cached)
        _wait(urls["uncached"], uncached)
        _wait(urls["peer"], peer)

        def course_bodies(query: str) -> list[dict[str, Any]]:
            return [{"query": query, "variables": {"id": id_}} for id_ in courses]

        cases: list[tuple[str, Any, Any, Any]] = [
            (
                "50 micro-credentials + competencies, institution, endorsers",
                {"query": MC_CREDGRAPH},
                {"query": MC_PEER},
                _normal_mc,
            ),
            (
                "a course + transfer values + receiving courses (the same course)",
                {"query": COURSE_CREDGRAPH, "variables": {"id": course}},
                {"query": COURSE_PEER, "variables": {"id": course}},
                _normal_course,
            ),
            (
                f"a course + transfer values + receiving courses ({len(courses):,} in turn)",
                course_bodies(COURSE_CREDGRAPH),
                course_bodies(COURSE_PEER),
                _normal_course,
            ),
        ]
        for name, ours_body, peer_body, normal in cases:
            samples: list[tuple[Any, Any]] = (
                list(zip(ours_body, peer_body, strict=True))[:25]
                if isinstance(ours_body, list)
                else [(ours_body, peer_body)]
            )
            for a, b in samples:
                for url in (urls["cached"], urls["uncached"]):
                    _same(
                        name,
                        normal,
                        httpx.post(url, json=a).json(),
                        httpx.post(urls["peer"], json=b).json(),
                    )
            bodies = {"cached": ours_body, "uncached": ours_body, "peer": peer_body}
            # A list is sent in disjoint slices, run after run (warm-up included): in the
            # non-repeating workload no request repeats an earlier one of the same server.
            sent = dict.fromkeys(bodies, 0)
            for who, body in bodies.items():  # JITs and page caches warm, not measured
                sent[who] += int(_load(urls[who], body, 8, args.warmup, sent[who])["requests"])
            for connections in [int(c) for c in args.connections.split(",")]:
                result = {}
                for who, body in bodies.items():
                    result[who] = _load(urls[who], body, connections, args.seconds, sent[who])
                    sent[who] += int(result[who]["requests"])
                rows.append((name, connections, result))
            if isinstance(ours_body, list) and max(sent.values()) > len(ours_body):
                print(f"warning: {name}: more requests than bodies; some repeated", file=sys.stderr)
    finally:
        for process in (cached, uncached, peer):
            process.terminate()
            process.wait(timeout=30)
    print(
        f"credgraph: {args.workers} worker(s), response cache on (default) and off "
        "(CREDGRAPH_RESPONSE_CACHE_MB=0); ratios are credgraph / @neo4j/graphql throughput, "
        "goal >= 1.5\n"
    )
    print(
        "| query | conn. | credgraph req/s | cache off req/s | @neo4j/graphql req/s | ratio | "
        "ratio, cache off | p50 / p95 ms | cache off p50 / p95 | peer p50 / p95 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, connections, r in rows:
        c, u, p = r["cached"], r["uncached"], r["peer"]

        def ratio(x: dict[str, float], p: dict[str, float] = p) -> str:
            return f"{x['rps'] / p['rps']:.2f}x" if p["rps"] else "n/a"

        print(
            f"| {name} | {connections} | {c['rps']:.0f} | {u['rps']:.0f} | {p['rps']:.0f} | "
            f"{ratio(c)} | {ratio(u)} | {c['p50']:.0f} / {c['p95']:.0f} | "
            f"{u['p50']:.0f} / {u['p95']:.0f} | {p['p50']:.0f} / {p['p95']:.0f} |"
        )
    bad = [
        (name, connections, who)
        for name, connections, r in rows
        for who, x in r.items()
        if x["non2xx"] or x["errors"]
    ]
    print(f"\nruns with errors or non-2xx answers: {bad or 'none'}")


if __name__ == "__main__":
    main()
