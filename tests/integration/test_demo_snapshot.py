"""The demo graph is exactly the one recorded in tests/fixtures/demo/graph.json: every node's labels
and properties, every relationship's ends and properties (write timestamps and the change log
aside). Refactoring how the demo is written must not change it; a change to the story updates
the snapshot on purpose (`CREDGRAPH_WRITE_DEMO_SNAPSHOT=1 pytest this file`)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from graph.container import Graph

SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "graph.json"
BOOKKEEPING = ("CacheGeneration", "ChangeEvent", "ChangeCounter")
VOLATILE = {"createdAt", "updatedAt"}


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)  # dates, durations: their ISO text


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in sorted(props.items()) if k not in VOLATILE}


async def dump(graph: Graph) -> dict[str, Any]:
    """Every content node and relationship, sorted, as JSON-ready values."""
    nodes, _, _ = await graph.driver.execute_query(
        "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $bookkeeping)"
        " RETURN labels(n) AS labels, properties(n) AS props",
        bookkeeping=list(BOOKKEEPING),
    )
    rels, _, _ = await graph.driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE none(l IN labels(a) + labels(b) WHERE l IN $bookkeeping)"
        " RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS props",
        bookkeeping=list(BOOKKEEPING),
    )
    node_rows = [{"labels": sorted(r["labels"]), **_props(r["props"])} for r in nodes]
    rel_rows = [
        {"type": r["type"], "from": r["start"], "to": r["end"], **_props(r["props"])} for r in rels
    ]
    return {
        "nodes": sorted(node_rows, key=lambda n: json.dumps(n, sort_keys=True)),
        "relationships": sorted(rel_rows, key=lambda r: json.dumps(r, sort_keys=True)),
    }


async def test_the_demo_graph_is_the_recorded_one(demo_graph: Graph) -> None:
    found = await dump(demo_graph)
    if os.environ.get("CREDGRAPH_WRITE_DEMO_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(SNAPSHOT.read_text())
    assert len(found["nodes"]) == len(recorded["nodes"])
    assert len(found["relationships"]) == len(recorded["relationships"])
    assert found == recorded
