"""The entity repository against a real Neo4j: batch reads, pages, atomic batched writes."""

from __future__ import annotations

import pytest

from graph import models as m
from graph.container import Graph
from graph.errors import Invalid
from graph.relations import RelType, in_, out
from graph.repositories.nodes import Link, NodeFilter


async def _count(graph: Graph, cypher: str = "MATCH (n) RETURN count(n) AS c") -> int:
    records, _, _ = await graph.driver.execute_query(cypher)
    return int(records[0]["c"])


async def test_get_many_returns_only_the_asked_label(demo_graph: Graph) -> None:
    found = await demo_graph.nodes.get_many(
        m.Label.MICRO_CREDENTIAL, ["mc-data-1", "nlc-dat101", "nope"]
    )
    assert list(found) == ["mc-data-1"]
    mc = found["mc-data-1"]
    assert isinstance(mc, m.MicroCredential)
    assert mc.hours == 35 and mc.status is m.Status.PUBLISHED
    assert mc.ux_elements == ("overview", "discussion", "exploration")


async def test_neighbours_batch_many_ids_in_one_query(demo_graph: Graph) -> None:
    before = demo_graph.db.executed["entities/neighbours_out"]
    edges = await demo_graph.nodes.neighbours(
        out(RelType.TEACHES), ["mc-data-1", "mc-data-2", "nlc-dat102", "nope"], limit=10
    )
    assert demo_graph.db.executed["entities/neighbours_out"] == before + 1
    assert [e.node.id for e in edges["mc-data-1"]] == ["c-data", "c-stats", "c-viz"]
    assert [e.node.id for e in edges["nlc-dat102"]] == ["c-sql"]
    assert edges["nope"] == []
    teaches = edges["mc-data-1"][0].props
    assert isinstance(teaches, m.Teaches) and teaches.assessed is True


async def test_neighbours_in_with_properties_and_limit(demo_graph: Graph) -> None:
    edges = await demo_graph.nodes.neighbours(in_(RelType.IN_SUITE), ["suite-cyber"], limit=2)
    assert [e.node.id for e in edges["suite-cyber"]] == ["mc-cyber-1", "mc-cyber-2"]


async def test_keyset_pages_cover_the_list_once(demo_graph: Graph) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        page = await demo_graph.nodes.page(m.Label.COURSE, NodeFilter(), 6, after)
        seen += [n.id for n in page.items]
        if not page.has_next:
            break
        after = page.items[-1].id
    assert len(seen) == 20 == len(set(seen))
    assert seen == sorted(seen)
    assert await demo_graph.nodes.count(m.Label.COURSE, NodeFilter()) == 20


async def test_filters(demo_graph: Graph) -> None:
    lsu = NodeFilter(institution_id="inst-lsu")
    assert await demo_graph.nodes.count(m.Label.COURSE, lsu) == 10
    published = NodeFilter(status="PUBLISHED", name_contains="DATA")
    page = await demo_graph.nodes.page(m.Label.MICRO_CREDENTIAL, published, 10, None)
    assert [n.id for n in page.items] == ["mc-data-1", "mc-data-2"]


async def test_a_write_with_a_missing_end_writes_nothing(empty_graph: Graph) -> None:
    with pytest.raises(Invalid) as caught:
        async with empty_graph.nodes.writer() as writer:
            await writer.upsert_nodes(
                [m.Competency(id="c-1", name="one"), m.Course(id="course-1", name="c")]
            )
            await writer.upsert_links(RelType.TEACHES, [Link("course-1", "c-missing")])
    assert caught.value.problems[0].field == "to"
    assert "c-missing" in caught.value.message
    assert await _count(empty_graph) == 0


async def test_a_link_to_the_wrong_label_is_refused(empty_graph: Graph) -> None:
    with pytest.raises(Invalid, match="TEACHES"):
        async with empty_graph.nodes.writer() as writer:
            await writer.upsert_nodes([m.Course(id="a"), m.Course(id="b")])
            await writer.upsert_links(RelType.TEACHES, [Link("a", "b")])
    assert await _count(empty_graph) == 0


async def test_an_id_of_another_label_is_refused(empty_graph: Graph) -> None:
    async with empty_graph.nodes.writer() as writer:
        await writer.upsert_nodes([m.Course(id="shared-id")])
    with pytest.raises(Invalid, match="already used"):
        async with empty_graph.nodes.writer() as writer:
            await writer.upsert_nodes([m.Competency(id="shared-id")])
    found = await empty_graph.nodes.get_any(["shared-id"])
    assert isinstance(found["shared-id"], m.Course)


async def test_batches_beyond_one_unwind(empty_graph: Graph) -> None:
    comps = [m.Competency(id=f"c-{i:05d}", name=f"competency {i}") for i in range(12_000)]
    async with empty_graph.nodes.writer() as writer:
        await writer.upsert_nodes(comps)
        await writer.upsert_links(RelType.BROADER, [Link(c.id, "c-00000") for c in comps[1:]])
    assert writer.counts.created == 12_000
    assert await _count(empty_graph, "MATCH ()-[r:BROADER]->() RETURN count(r) AS c") == 11_999


async def test_full_text_search(demo_graph: Graph) -> None:
    hits = await demo_graph.nodes.search("visualisation", 5)
    ids = [n.id for n, _ in hits]
    assert "nlc-dat202" in ids and "lsu-cs240" in ids
    assert await demo_graph.nodes.search('") OR *:* //', 5) == []
