"""The `changes` subscription with a real graphql-transport-ws client (gql's websockets transport):
events of writes made through the API and through `credgraph import`, and a resume from a cursor
after a disconnect that misses nothing and repeats nothing."""

from __future__ import annotations

import asyncio
import getpass
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from gql import Client, gql
from gql.transport.exceptions import TransportError
from gql.transport.websockets import WebsocketsTransport

from api.auth import Role, mint
from graph.connection import Neo4jTarget
from graph.container import Graph
from tests.conftest import ROOT, make_settings
from tests.e2e.server import serve

CASE_FILE = ROOT / "tests" / "fixtures" / "case" / "synthetic-case-1.1.json"
SUBSCRIBE = """subscription ($after: String, $filter: ChangeFilterInput) {
  changes(after: $after, filter: $filter) { seq cursor kind label id actor requestId } }"""
CREATE = """mutation ($input: MicroCredentialInput!) {
  createMicroCredential(input: $input) { __typename } }"""
# A guard against a hang only (a lost event would otherwise wait forever), not a speed bound.
HANG_GUARD_SECONDS = 300


@pytest.fixture
def base_url(demo_graph: Graph, neo4j_target: Neo4jTarget) -> Iterator[str]:
    with serve(make_settings(change_poll_seconds=0.05), neo4j_target) as url:
        yield url


def _token(*roles: Role) -> str:
    return mint(make_settings(), "feed-reader", list(roles))


def _client(base_url: str, token: str) -> Client:
    transport = WebsocketsTransport(
        url=base_url.replace("http://", "ws://") + "/graphql",
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],  # graphql-transport-ws
        init_payload={"Authorization": f"Bearer {token}"},
    )
    return Client(transport=transport)


async def _post(base_url: str, query: str, request_id: str, **variables: Any) -> dict[str, Any]:
    token = mint(make_settings(), "editor-7", [Role.ADMIN])
    async with httpx.AsyncClient(timeout=120) as http:
        response = await http.post(
            f"{base_url}/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {token}", "x-request-id": request_id},
        )
    body: dict[str, Any] = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body


async def _collect(base_url: str, token: str, after: str, count: int, **v: Any) -> list[Any]:
    """The first `count` events after `after`, then disconnect."""
    events: list[Any] = []
    async with _client(base_url, token) as session:
        request = gql(SUBSCRIBE)
        request.variable_values = {"after": after, **v}
        async for result in session.subscribe(request):
            events.append(result["changes"])
            if len(events) == count:
                break
    return events


def _import_case(target: Neo4jTarget) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
    }
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "import", "case", str(CASE_FILE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


async def _head(base_url: str) -> str:
    body = await _post(base_url, "{ changeCursor }", "head")
    cursor: str = body["data"]["changeCursor"]
    return cursor


async def _all_after(base_url: str, after: str) -> list[Any]:
    query = """query ($after: String) { changes(after: $after, first: 100) {
      events { seq cursor kind label id actor requestId } hasNextPage endCursor } }"""
    events: list[Any] = []
    while True:
        page = (await _post(base_url, query, "read", after=after))["data"]["changes"]
        events += page["events"]
        after = page["endCursor"]
        if not page["hasNextPage"]:
            return events


async def test_api_and_cli_writes_reach_a_subscriber_that_resumes_without_a_gap(
    base_url: str, neo4j_target: Neo4jTarget
) -> None:
    async def scenario() -> None:
        start = await _head(base_url)
        token = _token(Role.ADVISOR)
        # writes through the API, followed live
        listening = asyncio.create_task(_collect(base_url, token, start, 4))
        for i in range(2):
            await _post(
                base_url, CREATE, f"req-{i}", input={"id": f"mc-feed-{i}", "name": f"Feed {i}"}
            )
        await _post(base_url, CREATE, "req-2", input={"id": "mc-feed-2", "name": "Feed 2"})
        await _post(base_url, CREATE, "req-3", input={"id": "mc-feed-3", "name": "Feed 3"})
        live = await listening
        assert [(e["kind"], e["id"], e["requestId"]) for e in live] == [
            ("CREATED", f"mc-feed-{i}", f"req-{i}") for i in range(4)
        ]
        assert {e["actor"] for e in live} == {"editor-7"}
        # disconnected: an API write and a whole `credgraph import` happen meanwhile
        await _post(base_url, CREATE, "req-4", input={"id": "mc-feed-4", "name": "Feed 4"})
        await asyncio.to_thread(_import_case, neo4j_target)
        expected = await _all_after(base_url, live[-1]["cursor"])
        imported = [e for e in expected if e["requestId"].startswith("import:")]
        assert len(imported) > 10
        assert {e["actor"] for e in imported} == {f"cli:{getpass.getuser()}"}
        # reconnect from the last cursor received: everything since, once, in order
        resumed = await _collect(base_url, token, live[-1]["cursor"], len(expected))
        assert resumed == expected
        assert resumed[0]["id"] == "mc-feed-4"
        seqs = [e["seq"] for e in live + resumed]
        assert seqs == sorted(set(seqs)) and seqs == list(range(seqs[0], seqs[0] + len(seqs)))

    await asyncio.wait_for(scenario(), HANG_GUARD_SECONDS)


async def test_a_filtered_subscription_without_learner_rights(base_url: str) -> None:
    async def scenario() -> None:
        start = await _head(base_url)
        listening = asyncio.create_task(
            _collect(
                base_url,
                _token(Role.PUBLIC),
                start,
                1,
                filter={"kinds": ["UPDATED"], "labels": ["MicroCredential"]},
            )
        )
        await _post(base_url, CREATE, "r-a", input={"id": "mc-filter", "name": "First"})
        update = """mutation { updateMicroCredential(id: "mc-filter", input: {name: "Second"})
          { __typename } }"""
        await _post(base_url, update, "r-b")
        [event] = await listening
        assert (event["kind"], event["id"], event["requestId"]) == ("UPDATED", "mc-filter", "r-b")

    await asyncio.wait_for(scenario(), HANG_GUARD_SECONDS)


async def test_a_refused_token_closes_the_connection(base_url: str) -> None:
    with pytest.raises(TransportError):
        await asyncio.wait_for(_collect(base_url, "not-a-token", "seq:0", 1), HANG_GUARD_SECONDS)
