"""Bulk load of one graph three ways, in one run, on one Neo4j home: the importer, plain UNWIND
batches, and `neo4j-admin database import full` (offline, from CSV, the same jars).

`python -m bench.bulk PATH...` (ESCO files, folders or the official zips) uses the local Neo4j
of `.credgraph/bulk` (deleted and made afresh on every run). The importer and the plain path run as
in `bench/imports.py`; then the server is stopped, the same nodes and relationships are written
as neo4j-admin CSV files (one per label and per relationship type, typed headers) and imported,
the server is started again and the counts are checked. Prints rows, seconds, rows/s and ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.imports import Figure, measure
from importers.base import ImportBatch
from importers.esco import parse


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list | tuple):
        return "string[]"
    return "string"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value) if not isinstance(value, dict) else json.dumps(value)


def write_csv(batch: ImportBatch, folder: Path) -> tuple[list[str], int, int]:
    """neo4j-admin arguments for the batch's nodes and its links whose ends exist."""
    nodes = {n.id: n for n in batch.nodes}
    by_label: dict[str, list[dict[str, Any]]] = {}
    for node in nodes.values():
        props = {k: v for k, v in node.to_props().items() if v is not None and v != [] and v != ()}
        by_label.setdefault(node.label.value, []).append({"id": node.id, **props})
    args: list[str] = []
    for label, rows in by_label.items():
        keys = sorted({k for row in rows for k in row} - {"id"})
        kinds = {k: _kind(next(r[k] for r in rows if k in r)) for k in keys}
        path = folder / f"nodes-{label}.csv"
        with path.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["id:ID", ":LABEL", *[f"{k}:{kinds[k]}" for k in keys]])
            for row in rows:
                writer.writerow([row["id"], f"Entity;{label}", *[_cell(row.get(k)) for k in keys]])
        args.append(f"--nodes={path}")
    link_count = 0
    for rel, links in batch.links.items():
        kept = [lk for lk in links if lk.from_id in nodes and lk.to_id in nodes]
        kept = list({(lk.from_id, lk.to_id): lk for lk in kept}.values())
        if not kept:
            continue
        link_props: list[dict[str, Any]] = [lk.props.to_props() if lk.props else {} for lk in kept]
        keys = sorted({k for p in link_props for k, v in p.items() if v is not None})
        kinds = {k: _kind(next(p[k] for p in link_props if p.get(k) is not None)) for k in keys}
        path = folder / f"rels-{rel.value}.csv"
        with path.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([":START_ID", ":END_ID", ":TYPE", *[f"{k}:{kinds[k]}" for k in keys]])
            for link, p in zip(kept, link_props, strict=True):
                writer.writerow(
                    [link.from_id, link.to_id, rel.value, *[_cell(p.get(k)) for k in keys]]
                )
        args.append(f"--relationships={path}")
        link_count += len(kept)
    return args, len(nodes), link_count


def main() -> None:
    from api.dev_secret import load_settings
    from bench.servers import start_local
    from graph.connection import local_server
    from graph.container import open_graph

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--home", type=Path, default=Path(".credgraph/bulk"))
    args = parser.parse_args()
    settings = load_settings().model_copy(update={"home": args.home.resolve()})
    local = local_server(settings)
    local.stop()
    shutil.rmtree(settings.home, ignore_errors=True)  # the bench's own home: start afresh

    async def online() -> list[Figure]:
        _, target = start_local(settings, settings.home)
        async with open_graph(settings, target) as graph:
            await graph.db.migrate()
            return await measure(graph, args.paths, lambda line: None)

    figures = asyncio.run(online())
    local.stop()
    batch = parse(list(args.paths))
    with tempfile.TemporaryDirectory(prefix="credgraph-bulk-") as folder:
        started = time.perf_counter()
        files, node_count, link_count = write_csv(batch, Path(folder))
        written = time.perf_counter() - started
        started = time.perf_counter()
        done = local.admin(
            "database",
            "import",
            "full",
            "neo4j",
            "--overwrite-destination=true",
            "--multiline-fields=true",  # ESCO descriptions hold new lines
            "--array-delimiter=;",
            *files,
        )
        took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"neo4j-admin import failed: {done.stderr[-2000:]}{done.stdout[-2000:]}")

    async def check() -> tuple[int, int]:
        _, target = start_local(settings, settings.home)
        async with open_graph(settings, target) as graph:
            nodes, _, _ = await graph.driver.execute_query("MATCH (n) RETURN count(n) AS c")
            rels, _, _ = await graph.driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c")
            return int(nodes[0]["c"]), int(rels[0]["c"])

    counts = asyncio.run(check())
    local.stop()
    if counts != (node_count, link_count):
        raise SystemExit(f"neo4j-admin loaded {counts}, expected {(node_count, link_count)}")
    importer, plain = figures[1], figures[2]
    admin = Figure("neo4j-admin database import full (offline, CSV)", node_count + link_count, took)
    print("| path | rows | seconds | rows/s | time vs neo4j-admin |")
    print("|---|---:|---:|---:|---:|")
    for figure in (importer, plain, admin):
        print(
            f"| {figure.path} | {figure.rows:,} | {figure.seconds:.1f} | "
            f"{figure.rows_per_second:,.0f} | {figure.seconds / admin.seconds:.2f}x |"
        )
    print(f"\n(writing the CSV files for neo4j-admin took {written:.1f} s more; counts checked)")


if __name__ == "__main__":
    main()
