"""The response cache's parts that need no server: the byte-bounded store, the query-only check,
and the rule that a request never trusts a generation read that began before it arrived."""

from __future__ import annotations

import asyncio

from api.response_cache import CachedResponse, GenerationWatch, ResponseStore, only_queries


def entry(body: bytes) -> CachedResponse:
    return CachedResponse(generation="g", status=200, headers=(), body=body)


def test_the_store_keeps_the_most_recently_used_within_its_budget() -> None:
    store = ResponseStore(budget_bytes=8 * 1000)
    for key in (b"a", b"b", b"c", b"d", b"e", b"f"):
        store.put(key, entry(b"x" * 800))  # 1,000 bytes each with the overhead
    assert store.get(b"a") is not None  # a is now the most recent
    for key in (b"g", b"h", b"i"):
        store.put(key, entry(b"x" * 800))
    assert store.used <= store.budget
    assert store.get(b"a") is not None
    assert store.get(b"b") is None  # the least recently used went first
    assert len(store) == 8


def test_an_answer_over_an_eighth_of_the_budget_is_not_stored() -> None:
    store = ResponseStore(budget_bytes=8 * 1000)
    store.put(b"big", entry(b"x" * 1000))
    assert store.get(b"big") is None and store.used == 0


def test_only_query_documents_may_be_stored() -> None:
    assert only_queries("{ institutions { nodes { id } } }")
    assert only_queries("query A { a: node(id: 1) { id } } query B { search(text: 1) }")
    assert not only_queries('mutation { deleteNode(id: "x") }')
    assert not only_queries("query A { x } mutation B { y }")
    assert not only_queries("{ unclosed")
    assert not only_queries("fragment F on Node { id }")
    assert not only_queries(None)


async def settle() -> None:
    for _ in range(5):  # let the tasks just made run up to their next wait
        await asyncio.sleep(0)


async def test_a_request_waits_for_a_read_that_starts_after_it_arrived() -> None:
    started: list[int] = []
    release = [asyncio.Event(), asyncio.Event()]
    state = {"generation": "g1"}

    async def read() -> str | None:
        n = len(started)
        started.append(n)
        value = state["generation"]  # what the database holds when the read starts
        await release[n].wait()
        return value

    watch = GenerationWatch(read)
    early = asyncio.create_task(watch.current())
    await settle()
    assert started == [0]  # the first read is in flight
    state["generation"] = "g2"  # a write commits; then two more requests arrive
    late = [asyncio.create_task(watch.current()) for _ in range(2)]
    await settle()
    release[0].set()
    assert await early == "g1"
    await settle()
    assert started == [0, 1]  # the late requests share one new read
    release[1].set()
    assert await asyncio.gather(*late) == ["g2", "g2"]


async def test_a_failed_read_means_unknown() -> None:
    async def read() -> str | None:
        raise ConnectionError("Neo4j is down")

    assert await GenerationWatch(read).current() is None
