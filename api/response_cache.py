"""A cache of answers to anonymous GraphQL queries: published catalogue data is read far more
often than it is written.

Correctness rests on the graph's write generation (graph/db.py): every committed credgraph write
changes it, in the write's own transaction, whichever worker process or host made it. An answer
is stored with the generation read *before* its query ran and served only while a generation read
*after the request arrived* is the same, so a cached answer is never older than a write the client
could have seen acknowledged. Stored are only: requests without an Authorization header (public
data; learner data needs a token), documents whose operations are all queries, and 200 answers
without errors. The key holds the method, URL query, body, content type, Accept header and today's
date (answers with age and date limits change at midnight).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

import orjson
from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import Metrics
from api.middleware import RecordedResponse, read_body, replaying

log = logging.getLogger(__name__)

GenerationRead = Callable[[], Awaitable[str | None]]
# A generation read takes about a millisecond; in an outage the driver would retry it for seconds
# before the request's own queries retried again. Past this, the request just runs uncached.
READ_LIMIT_SECONDS = 0.5


class GenerationWatch:
    """One generation read for many concurrent requests. A request joins the next read that
    starts after it arrived, never one already in flight: that one may predate a write whose
    acknowledgement the client has seen."""

    def __init__(self, read: GenerationRead) -> None:
        self._read = read
        self._next: asyncio.Future[str | None] | None = None
        self._drainer: asyncio.Task[None] | None = None

    async def current(self) -> str | None:
        """The generation, read after this call began; None when it cannot be known."""
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
            if self._drainer is None:
                self._drainer = asyncio.get_running_loop().create_task(self._drain())
        return await asyncio.shield(self._next)

    async def _drain(self) -> None:
        try:
            while self._next is not None:
                waiting, self._next = self._next, None
                try:
                    value = await asyncio.wait_for(self._read(), READ_LIMIT_SECONDS)
                except Exception:  # the request runs uncached and meets the error itself
                    log.debug("generation read failed", exc_info=True)
                    value = None
                waiting.set_result(value)
        finally:
            self._drainer = None


@dataclass(frozen=True)
class CachedResponse:
    """One cached answer: its graph generation, status, headers and body."""

    generation: str
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    @property
    def size(self) -> int:
        """The bytes it holds, counted against the cache's budget."""
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class ResponseStore:
    """Least recently used answers within a byte budget."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.used = 0
        self._entries: OrderedDict[bytes, CachedResponse] = OrderedDict()

    def get(self, key: bytes) -> CachedResponse | None:
        """The cached answer of `key`, made the most recently used (None: not cached)."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: bytes, entry: CachedResponse) -> None:
        """Caches an answer, evicting the least recently used beyond the budget."""
        if entry.size > self.budget // 8:
            return  # one huge answer must not flush everything else
        old = self._entries.pop(key, None)
        if old is not None:
            self.used -= old.size
        self._entries[key] = entry
        self.used += entry.size
        while self.used > self.budget:
            _, evicted = self._entries.popitem(last=False)
            self.used -= evicted.size

    def __len__(self) -> int:
        return len(self._entries)


def only_queries(document: str | None) -> bool:
    """Every operation of the document is a query (never store what a mutation answered)."""
    if not document:
        return False
    try:
        parsed = parse(document)
    except GraphQLError:
        return False
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    return bool(operations) and all(op.operation is OperationType.QUERY for op in operations)


def _document(method: str, query_string: bytes, body: bytes) -> str | None:
    if method == "GET":
        return dict(parse_qsl(query_string.decode(errors="replace"))).get("query")
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    query = payload.get("query") if isinstance(payload, dict) else None
    return query if isinstance(query, str) else None


def _answer_without_errors(start: Message, body: bytes) -> bool:
    if start.get("status") != 200:
        return False
    headers = dict(start.get("headers", []))
    if b"json" not in headers.get(b"content-type", b""):
        return False
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return False
    return isinstance(payload, dict) and not payload.get("errors") and "data" in payload


class ResponseCache:
    """ASGI middleware in front of the GraphQL endpoint; answers `x-credgraph-cache: hit` or
    `miss` on the requests it may serve."""

    def __init__(
        self, app: ASGIApp, generation: GenerationRead, budget_bytes: int, metrics: Metrics
    ) -> None:
        self.app = app
        self.watch = GenerationWatch(generation)
        self.store = ResponseStore(budget_bytes)
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        if (
            scope["type"] != "http"
            or scope["method"] not in {"GET", "POST"}
            or headers.get(b"authorization")
        ):
            await self.app(scope, receive, send)
            return
        body = await read_body(receive) if scope["method"] == "POST" else b""
        if body is None:
            return  # the client left, or the body was over the limit (the caller answers 413)
        replay = replaying(body)
        key = hashlib.sha256(
            b"\0".join(
                [
                    scope["method"].encode(),
                    scope.get("query_string", b""),
                    body,
                    headers.get(b"content-type", b""),
                    headers.get(b"accept", b""),
                    dt.date.today().isoformat().encode(),
                ]
            )
        ).digest()
        generation = await self.watch.current()
        if generation is None:
            self.metrics.cache("bypass")
            await self.app(scope, replay, send)
            return
        entry = self.store.get(key)
        if entry is not None and entry.generation == generation:
            self.metrics.cache("hit")
            await send(
                {
                    "type": "http.response.start",
                    "status": entry.status,
                    "headers": [*entry.headers, (b"x-credgraph-cache", b"hit")],
                }
            )
            await send({"type": "http.response.body", "body": entry.body})
            return
        self.metrics.cache("miss")
        sent = RecordedResponse()

        async def capture(message: Message) -> None:
            if message["type"] in ("http.response.start", "http.response.body"):
                sent.take(message)
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-credgraph-cache", b"miss")],
                }
            await send(message)

        await self.app(scope, replay, capture)
        start, answer = sent.start, sent.body
        if _answer_without_errors(start, answer) and only_queries(
            _document(scope["method"], scope.get("query_string", b""), body)
        ):
            self.store.put(
                key,
                CachedResponse(
                    generation=generation,
                    status=200,
                    headers=tuple((k, v) for k, v in start.get("headers", [])),
                    body=answer,
                ),
            )
