"""The change log: every committed write appends its events in its own transaction, in order."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import strawberry

from api.auth import ADMIN, Principal, Role
from api.context import Context
from api.schema import build_schema
from graph.changes import ChangeEvent, ChangeFilter, ChangeKind, Origin, origin_var
from graph.container import Graph
from graph.errors import Invalid
from graph.models import Competency, Learner
from tests.conftest import make_settings

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "case" / "synthetic-case-1.1.json"
CREATE = """mutation ($input: MicroCredentialInput!) {
  createMicroCredential(input: $input) { __typename ... on Problem { message } } }"""
UPDATE = """mutation ($id: ID!, $input: MicroCredentialInput!) {
  updateMicroCredential(id: $id, input: $input) { __typename ... on Problem { message } } }"""
DELETE = """mutation ($id: ID!) { deleteMicroCredential(id: $id) { __typename } }"""
TRANSITION = """mutation ($id: ID!, $to: Status!) {
  transitionStatus(id: $id, to: $to) { __typename ... on Problem { message } } }"""
IMPORT = """mutation ($files: [ImportFileInput!]!, $key: String) {
  importData(format: CASE, files: $files, idempotencyKey: $key) {
    ... on ImportSummary { created replayed } } }"""


@pytest.fixture(scope="module")
def schema() -> strawberry.Schema:
    return build_schema(make_settings())


@pytest.fixture(autouse=True)
def origin() -> Iterator[None]:
    token = origin_var.set(Origin("editor-1", "req-1"))
    yield
    origin_var.reset(token)


async def run(
    schema: strawberry.Schema, graph: Graph, query: str, principal: Principal = ADMIN, **v: Any
) -> dict[str, Any]:
    context = Context(graph=graph, settings=make_settings(), principal=principal, request_id="t")
    result = await schema.execute(query, variable_values=v, context_value=context)
    assert result.errors is None and result.data is not None, result.errors
    return result.data


async def events_after(graph: Graph, after: int, **filters: Any) -> list[ChangeEvent]:
    page = await graph.changes.page(ChangeFilter(**filters), after, 1000)
    assert not page.has_next
    return list(page.events)


async def head(graph: Graph) -> int:
    return (await graph.changes.head()).last


def mc(id_: str, **more: Any) -> dict[str, Any]:
    return {"id": id_, "name": f"C {id_}", "hours": 10, "institutionId": "inst-ontrain", **more}


async def test_n_writes_append_n_events_in_order(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    start = await head(demo_graph)
    for i in range(5):
        data = await run(schema, demo_graph, CREATE, input=mc(f"mc-log-{i}"))
        assert data["createMicroCredential"]["__typename"] == "MicroCredential"
    events = await events_after(
        demo_graph, start, labels=["MicroCredential"], kinds=[ChangeKind.CREATED]
    )
    assert [(e.kind, e.id) for e in events] == [
        (ChangeKind.CREATED, f"mc-log-{i}") for i in range(5)
    ]
    every = await events_after(demo_graph, start)
    assert [e.seq for e in every] == list(range(start + 1, start + 1 + len(every)))
    assert {(e.actor, e.request_id) for e in every} == {("editor-1", "req-1")}
    # each creation also added its OFFERED_BY relationship, as its own event
    offered = [e for e in every if e.relationship == "OFFERED_BY"]
    assert [(e.kind, e.id, e.target_id) for e in offered] == [
        (ChangeKind.RELATIONSHIP_ADDED, f"mc-log-{i}", "inst-ontrain") for i in range(5)
    ]
    assert "name" in events[0].fields and "hours" in events[0].fields


async def test_kinds_and_changed_fields(schema: strawberry.Schema, demo_graph: Graph) -> None:
    await run(schema, demo_graph, CREATE, input=mc("mc-k", competencyIds=["c-viz"]))
    start = await head(demo_graph)
    # the same values again: nothing changed, nothing logged
    await run(schema, demo_graph, UPDATE, id="mc-k", input={"hours": 10})
    assert await head(demo_graph) == start
    await run(
        schema, demo_graph, UPDATE, id="mc-k", input={"hours": 14, "competencyIds": ["c-comm"]}
    )
    await run(schema, demo_graph, TRANSITION, id="mc-k", to="IN_REVIEW")
    await run(schema, demo_graph, DELETE, id="mc-k")
    seen = [
        (e.kind, e.id, e.fields, e.relationship, e.target_id)
        for e in await events_after(demo_graph, start)
    ]
    assert seen[0] == (ChangeKind.UPDATED, "mc-k", ("hours",), None, None)
    assert set(seen[1:3]) == {
        (ChangeKind.RELATIONSHIP_REMOVED, "mc-k", (), "TEACHES", "c-viz"),
        (ChangeKind.RELATIONSHIP_ADDED, "mc-k", (), "TEACHES", "c-comm"),
    }
    assert seen[3][:2] == (ChangeKind.STATUS_CHANGED, "mc-k") and "status" in seen[3][2]
    assert seen[4] == (ChangeKind.DELETED, "mc-k", (), None, None)
    assert len(seen) == 5
    statuses = await events_after(demo_graph, start, statuses=["IN_REVIEW"])
    assert [e.kind for e in statuses] == [ChangeKind.STATUS_CHANGED]


async def test_a_rolled_back_write_has_no_events(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    start = await head(demo_graph)
    # the node is written, then its missing competency rolls the whole write back
    data = await run(schema, demo_graph, CREATE, input=mc("mc-bad", competencyIds=["c-missing"]))
    assert data["createMicroCredential"]["__typename"] == "InvalidInput"
    with pytest.raises(Invalid):
        async with demo_graph.nodes.writer() as writer:
            await writer.upsert_nodes([Competency(id="c-rolled-back", name="never")])
            raise Invalid("the caller gives up after writing")
    assert await head(demo_graph) == start
    assert await events_after(demo_graph, start) == []


async def test_a_retried_idempotent_write_logs_once(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    importer = Principal("loader", frozenset({Role.IMPORTER}))
    files = [{"name": "p.json", "content": FIXTURE.read_text()}]
    start = await head(demo_graph)
    first = (await run(schema, demo_graph, IMPORT, importer, files=files, key="k-1"))["importData"]
    after_first = await head(demo_graph)
    assert first["created"] > 0 and after_first - start >= first["created"]
    again = (await run(schema, demo_graph, IMPORT, importer, files=files, key="k-1"))["importData"]
    assert again["replayed"] and await head(demo_graph) == after_first
    # the same import without a key writes the same values: nothing changed, nothing logged
    await run(schema, demo_graph, IMPORT, importer, files=files)
    assert await head(demo_graph) == after_first
    created = await events_after(demo_graph, start, kinds=[ChangeKind.CREATED])
    assert len(created) == first["created"]


async def test_concurrent_writers_get_distinct_gapless_numbers(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    start = await head(demo_graph)
    await asyncio.gather(
        *(run(schema, demo_graph, CREATE, input=mc(f"mc-par-{i}")) for i in range(8))
    )
    events = await events_after(demo_graph, start)
    assert [e.seq for e in events] == list(range(start + 1, start + 17))  # 8 nodes, 8 links
    created = sorted(e.id for e in events if e.kind is ChangeKind.CREATED)
    assert created == sorted(f"mc-par-{i}" for i in range(8))
    # one write's events are contiguous: its node right before its relationship
    for node, link in zip(events[::2], events[1::2], strict=True):
        assert (node.id, node.kind, link.id) == (link.id, ChangeKind.CREATED, node.id)


CHANGES = """query ($after: String, $first: Int!, $filter: ChangeFilterInput) {
  changes(after: $after, first: $first, filter: $filter) {
    events { seq cursor kind label id fields actor requestId relationship targetId }
    hasNextPage endCursor } }"""


async def test_changes_pages_resume_from_any_cursor(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    cursor = (await run(schema, demo_graph, "{ changeCursor }"))["changeCursor"]
    for i in range(5):
        await run(schema, demo_graph, CREATE, input=mc(f"mc-page-{i}"))
    only_created = {"kinds": ["CREATED"], "labels": ["MicroCredential"]}
    seen: list[str] = []
    after = cursor
    while True:
        page = (await run(schema, demo_graph, CHANGES, after=after, first=2, filter=only_created))[
            "changes"
        ]
        seen += [e["id"] for e in page["events"]]
        assert len(page["events"]) <= 2
        after = page["endCursor"]
        if not page["hasNextPage"]:
            break
    assert seen == [f"mc-page-{i}" for i in range(5)]
    # the end of a filtered read is the head: the next read starts after everything skipped
    assert after == (await run(schema, demo_graph, "{ changeCursor }"))["changeCursor"]
    # any event's cursor resumes right after it
    every = (await run(schema, demo_graph, CHANGES, after=cursor, first=100))["changes"]["events"]
    third = every[2]
    rest = (await run(schema, demo_graph, CHANGES, after=third["cursor"], first=100))["changes"]
    assert rest["events"] == every[3:]
    by_id = await run(
        schema, demo_graph, CHANGES, after=cursor, first=100, filter={"ids": ["inst-ontrain"]}
    )
    # the institution was not changed, but every new OFFERED_BY relationship goes to it
    assert {e["relationship"] for e in by_id["changes"]["events"]} == {"OFFERED_BY"}


async def test_learner_data_events_need_a_token_that_may_read_them(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    start = await head(demo_graph)
    learner = Principal("ben", frozenset({Role.LEARNER, Role.PUBLIC}), "learner-ben")
    advisor = Principal("ada", frozenset({Role.ADVISOR}))
    public = Principal("anyone", frozenset({Role.PUBLIC}))
    cursor = f"seq:{start}"
    # learner data written directly: a learner sees their own record's events, not another's
    async with demo_graph.nodes.writer() as writer:
        await writer.upsert_nodes(
            [Learner(id="learner-ben", name="Ben B."), Learner(id="learner-zed", name="Zed")]
        )
    mine = (await run(schema, demo_graph, CHANGES, learner, after=cursor, first=100))["changes"]
    assert {e["id"] for e in mine["events"] if e["label"] == "Learner"} == {"learner-ben"}
    theirs = (await run(schema, demo_graph, CHANGES, public, after=cursor, first=100))["changes"]
    assert not [e for e in theirs["events"] if e["label"] == "Learner"]
    advised = (await run(schema, demo_graph, CHANGES, advisor, after=cursor, first=100))["changes"]
    assert {"learner-ben", "learner-zed"} <= {e["id"] for e in advised["events"]}


async def test_a_bad_cursor_is_a_clear_error(schema: strawberry.Schema, demo_graph: Graph) -> None:
    context = Context(graph=demo_graph, settings=make_settings(), principal=ADMIN, request_id="t")
    result = await schema.execute(
        CHANGES, variable_values={"after": "id:xyz", "first": 5}, context_value=context
    )
    assert result.errors and "is not a change cursor" in result.errors[0].message


SINCE = """query ($t: DateTime!) {
  microCredentials(first: 100, filter: {updatedSince: $t}) { totalCount nodes { id } }
  courses(first: 100, filter: {updatedSince: $t}) { totalCount nodes { id } } }"""


async def test_updated_since_lists_what_changed_on_both_read_paths(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    resolved = build_schema(make_settings(compiled_reads=False))
    since = dt.datetime.now(dt.UTC)  # writes are stamped with the writing process's clock
    await run(schema, demo_graph, CREATE, input=mc("mc-since"))
    await run(schema, demo_graph, UPDATE, id="mc-data-1", input={"hours": 99})
    compiled_before = demo_graph.db.executed["compiled/read"]
    ours = await run(schema, demo_graph, SINCE, t=since.isoformat())
    assert demo_graph.db.executed["compiled/read"] > compiled_before
    theirs = await run(resolved, demo_graph, SINCE, t=since.isoformat())
    assert ours == theirs
    assert ours["courses"] == {"totalCount": 0, "nodes": []}
    assert ours["microCredentials"] == {
        "totalCount": 2,
        "nodes": [{"id": "mc-data-1"}, {"id": "mc-since"}],
    }


async def test_compaction_keeps_what_a_subscriber_has_not_received(
    schema: strawberry.Schema, demo_graph: Graph
) -> None:
    for i in range(4):
        await run(schema, demo_graph, CREATE, input=mc(f"mc-old-{i}"))
    last = await head(demo_graph)
    # a registered subscriber (a webhook's stored cursor) has received up to 3 events ago
    slowest = last - 3
    await demo_graph.driver.execute_query(
        "CREATE (:ChangeSubscriber {id: 'hook-1', cursor: $c})", {"c": slowest}
    )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    removed, through = await demo_graph.changes.compact(later)
    assert (removed, through) == (slowest, slowest)
    kept = await events_after(demo_graph, 0)
    assert [e.seq for e in kept] == [slowest + 1, slowest + 2, last]
    # the head is untouched; a cursor compaction passed is refused with what to do instead
    assert (await demo_graph.changes.head()).last == last
    with pytest.raises(Invalid, match="take a new snapshot"):
        await demo_graph.changes.page(ChangeFilter(), slowest - 1, 10)
    resumed = await demo_graph.changes.page(ChangeFilter(), slowest, 10)
    assert [e.seq for e in resumed.events] == [slowest + 1, slowest + 2, last]
    # nothing older than the retention: a compaction by the setting removes nothing
    assert await demo_graph.changes.compact_older_than(30, dt.datetime.now(dt.UTC)) == 0
    assert await demo_graph.changes.compact_older_than(0, later) == 0  # 0 days: keep all
