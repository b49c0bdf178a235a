"""The demo graph exercises every label and relationship of DOMAIN.md, and seeding is idempotent."""

from __future__ import annotations

from graph.container import Graph
from graph.models import Label
from graph.relations import RelType
from importers.demo import seed_demo


async def _snapshot(graph: Graph) -> tuple[int, int, dict[str, int], dict[str, int]]:
    nodes, _, _ = await graph.driver.execute_query("MATCH (n) RETURN count(n) AS c")
    rels, _, _ = await graph.driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c")
    labels, _, _ = await graph.driver.execute_query(
        "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c"
    )
    types, _, _ = await graph.driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c"
    )
    return (
        int(nodes[0]["c"]),
        int(rels[0]["c"]),
        {r["l"]: r["c"] for r in labels},
        {r["t"]: r["c"] for r in types},
    )


async def test_every_label_and_relationship_is_present(demo_graph: Graph) -> None:
    _, _, labels, types = await _snapshot(demo_graph)
    assert {label.value for label in Label} <= set(labels)
    assert {rel.value for rel in RelType} <= set(types)
    assert labels["Institution"] >= 3 and labels["Suite"] == 3
    assert labels["MicroCredential"] >= 15 and labels["Course"] >= 20
    assert labels["Learner"] == 4


async def test_seeding_twice_changes_nothing(demo_graph: Graph) -> None:
    before = await _snapshot(demo_graph)
    await seed_demo(demo_graph.nodes)
    assert await _snapshot(demo_graph) == before


async def test_the_story_facts_newcomers_rely_on(demo_graph: Graph) -> None:
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (s:Suite)<-[:OFFERED_BY|IN_SUITE]-() WITH DISTINCT s "
        "RETURN collect(s.approach) AS approaches"
    )
    assert sorted(records[0]["approaches"]) == ["HYBRID", "MODULAR", "PROGRESSIVE"]
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (i:Institution) RETURN collect(DISTINCT i.creditUnit) AS units"
    )
    assert len(records[0]["units"]) == 3
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (r:Requirement) RETURN collect(DISTINCT r.op) AS ops"
    )
    assert sorted(records[0]["ops"]) == ["ALL", "ANY", "AT_LEAST"]
    # The chainable route OnTrain -> Northern Lakes -> Lakeshore exists.
    records, _, _ = await demo_graph.driver.execute_query(
        "MATCH (:MicroCredential {id: 'mc-python-intro'})<-[:FROM]-(:TransferValue)-[:FOR]->(c)"
        "<-[:FROM]-(:TransferValue {allowChaining: true})-[:FOR]->(d) RETURN c.id AS c, d.id AS d"
    )
    assert [(r["c"], r["d"]) for r in records] == [("nlc-dat101", "lsu-cs101")]
