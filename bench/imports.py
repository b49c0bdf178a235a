"""The importer against plain UNWIND batches on the same rows, in one run, on one Neo4j.

`python -m bench import-esco PATH... --wipe` parses the ESCO files once, then (on an emptied
database each time) writes them through the importer (`apply`: compare with the graph, MERGE, one
transaction, dangling links checked) and through plain `UNWIND ... CREATE` batches of 10,000 rows
in their own transactions (no comparison, no MERGE, no checks: the floor). It prints rows, seconds,
rows per second and the ratio, as Markdown.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.container import Graph
from graph.models import Label, Node, NoProps
from importers.base import ImportBatch, apply
from importers.esco import parse

BATCH = 10_000


@dataclass(frozen=True)
class Figure:
    path: str
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


async def wipe(graph: Graph) -> None:
    async with graph.driver.session(database=graph.db.database) as session:
        result = await session.run(graph.db.queries["bench/wipe"])
        await result.consume()


async def plain(graph: Graph, batch: ImportBatch) -> int:
    unique: dict[str, Node] = {n.id: n for n in batch.nodes}
    by_label: dict[Label, list[Node]] = {}
    for node in unique.values():
        by_label.setdefault(node.label, []).append(node)
    rows = 0
    for label, nodes in by_label.items():
        for start in range(0, len(nodes), BATCH):
            chunk = [{"id": n.id, "props": n.to_props()} for n in nodes[start : start + BATCH]]
            found = await graph.db.write(
                "bench/plain_create_nodes", {"label": label.value, "rows": chunk}
            )
            rows += int(found[0]["created"])
    for rel, links in batch.links.items():
        for start in range(0, len(links), BATCH):
            chunk = [
                {"from": lk.from_id, "to": lk.to_id, "props": (lk.props or NoProps()).to_props()}
                for lk in links[start : start + BATCH]
            ]
            found = await graph.db.write(
                "bench/plain_create_links", {"type": rel.value, "rows": chunk}
            )
            rows += int(found[0]["created"])
    return rows


async def measure(graph: Graph, paths: Sequence[Path], say: Callable[[str], None]) -> list[Figure]:
    started = time.perf_counter()
    batch = parse(list(paths))
    parsed = time.perf_counter() - started
    node_rows = len({n.id for n in batch.nodes})
    link_rows = sum(len(v) for v in batch.links.values())
    say(f"parsed {node_rows:,} nodes and {link_rows:,} links in {parsed:.1f}s")
    figures = [Figure("parse the CSVs", node_rows + link_rows, parsed)]

    await wipe(graph)
    started = time.perf_counter()
    summary = await apply(graph.nodes, batch)
    took = time.perf_counter() - started
    written = summary.created + summary.links
    say(f"importer: {summary.created:,} nodes, {summary.links:,} links in {took:.1f}s")
    figures.append(Figure("importer (compare, MERGE, one transaction)", written, took))

    await wipe(graph)
    started = time.perf_counter()
    # the same rows the importer wrote: dangling links (no end node) are skipped by both
    rows = await plain(graph, batch)
    took = time.perf_counter() - started
    say(f"plain UNWIND: {rows:,} rows in {took:.1f}s")
    figures.append(Figure("plain UNWIND CREATE, 10k-row transactions", rows, took))
    figures.append(Figure("importer again (re-import: no change)", 0, 0.0))
    await wipe(graph)
    await apply(graph.nodes, batch)
    started = time.perf_counter()
    again = await apply(graph.nodes, parse(list(paths)))
    figures[-1] = Figure(
        f"importer again (re-import: {again.created} created, {again.updated} updated)",
        again.unchanged + again.links,
        time.perf_counter() - started,
    )
    return figures


def markdown(figures: Sequence[Figure]) -> str:
    importer, floor = figures[1], figures[2]
    lines = ["| path | rows | seconds | rows/s |", "|---|---:|---:|---:|"]
    for f in figures:
        lines.append(f"| {f.path} | {f.rows:,} | {f.seconds:.1f} | {f.rows_per_second:,.0f} |")
    ratio = importer.seconds / floor.seconds if floor.seconds else float("nan")
    lines.append("")
    lines.append(f"importer time / plain UNWIND time: {ratio:.2f}x")
    return "\n".join(lines)
