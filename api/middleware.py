"""HTTP middleware: request ids, body size limit, request metrics and one log line per request."""

from __future__ import annotations

import contextvars
import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import Metrics
from graph.changes import Origin, origin_var

log = logging.getLogger("credgraph.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestMiddleware:
    """Gives every request an id (the client's X-Request-Id when sane), refuses bodies over the
    limit with 413 before reading them whole, and records latency by path."""

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        metrics: Metrics,
        body_limit: Callable[[dict[str, str], dict[str, Any]], int] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.metrics = metrics
        # the limit for a request, from its headers (e.g. larger for importer tokens); it may
        # leave what it worked out (the caller) in the request's state for the app
        self.body_limit = body_limit or (lambda _headers, _state: max_body_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode(errors="replace") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status = {"code": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        limit = self.body_limit(headers, state)
        # the writes of this request log their change events as made by this caller, here
        caller = state.get("principal")
        actor = str(getattr(caller, "subject", "anonymous"))
        origin = origin_var.set(Origin(actor, request_id))
        try:
            declared = headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > limit:
                await self._too_large(send_with_id, limit)
                return
            received = 0
            too_large = False

            async def limited_receive() -> Message:
                nonlocal received, too_large
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        too_large = True
                        return {"type": "http.disconnect"}
                return message

            await self.app(scope, limited_receive, send_with_id)
            if too_large and status["code"] == 500:
                await self._too_large(send_with_id, limit)
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.request(scope["path"], status["code"], elapsed)
            log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status["code"],
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
            request_id_var.reset(token)
            origin_var.reset(origin)

    async def _too_large(self, send: Send, limit: int) -> None:
        body = json.dumps(
            {"errors": [{"message": f"request body larger than {limit} bytes"}]}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id of the request being served."""

    FIELDS = ("request_id", "method", "path", "status", "duration_ms", "operation", "query")

    def format(self, record: logging.LogRecord) -> str:
        """One log record as a JSON line."""
        entry: dict[str, object] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id_var.get()),
        }
        for name in self.FIELDS[1:]:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


GRAPHQL_RESPONSE = "application/graphql-response+json"


class GraphQLResponseMediaType:
    """GraphQL over HTTP: a client that accepts application/graphql-response+json gets it, and a
    request that fails before execution (parse, validation, variable coercion: errors without a
    `path`) answers 400 without a `data` entry. Other clients keep application/json and 200."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        accept = dict(scope.get("headers", [])).get(b"accept", b"").decode().lower()
        if scope["type"] != "http" or GRAPHQL_RESPONSE not in accept:
            await self.app(scope, receive, send)
            return
        sent = RecordedResponse()

        async def buffer(message: Message) -> None:
            if sent.take(message):
                await self._send(sent.start, sent.body, send)

        await self.app(scope, receive, buffer)

    async def _send(self, start: Message, body: bytes, send: Send) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        status = start.get("status", 200)
        is_json = any(k.lower() == b"content-type" and b"json" in v for k, v in headers)
        if is_json and status == 200:
            try:
                payload = json.loads(body)
            except ValueError:
                payload = None
            if isinstance(payload, dict):
                errors = payload.get("errors") or []
                failed_before_execution = (
                    bool(errors)
                    and payload.get("data") is None
                    and all("path" not in e for e in errors)
                )
                if failed_before_execution:
                    status = 400
                    payload.pop("data", None)
                    body = json.dumps(payload).encode()
            headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
            headers.append((b"content-type", GRAPHQL_RESPONSE.encode()))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def read_body(receive: Receive) -> bytes | None:
    """The whole request body; None when the client left or the body went over the limit."""
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk: bytes = message.get("body", b"")
        body += chunk
        if not message.get("more_body", False):
            return body


def replaying(body: bytes) -> Receive:
    """A receive that hands the (already read, maybe rewritten) body over once, then reports a
    disconnect, for the app behind a middleware that had to read it."""
    sent = False

    async def receive() -> Message:
        """The body once, then a disconnect."""
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


class RecordedResponse:
    """A response as the app behind a middleware sends it: its start message and its body."""

    def __init__(self) -> None:
        self.start: Message = {}
        self._chunks: list[bytes] = []

    def take(self, message: Message) -> bool:
        """Record one message; True once the body is complete."""
        if message["type"] == "http.response.start":
            self.start = message
            return False
        self._chunks.append(message.get("body", b""))
        return not message.get("more_body", False)

    @property
    def body(self) -> bytes:
        """The body sent so far."""
        return b"".join(self._chunks)


def _json_or_none(text: str | bytes) -> object:
    """JSON from a client, or None when it is not JSON (orjson also refuses invalid UTF-8 and
    nesting past 1,024 levels, where the standard library would recurse until it fails)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return None


def query_hash(query: str) -> str:
    """The SHA-256 of a query document (the persisted query key)."""
    return hashlib.sha256(query.encode()).hexdigest()


class PersistedQueries:
    """Production front-ends: only operations in an allow-list {sha256: query} run. A client may
    send just `extensions.persistedQuery.sha256Hash` (Apollo style) or the full text, which must
    hash into the list; anything else answers 400 before GraphQL sees it."""

    def __init__(self, app: ASGIApp, allow_list: dict[str, str]) -> None:
        self.app = app
        self.allow_list = allow_list

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "POST"}:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "GET":
            params = dict(parse_qsl(scope.get("query_string", b"").decode(errors="replace")))
            extensions = _json_or_none(params.get("extensions") or "{}")
            query, problem = self._resolve(params.get("query"), extensions)
            if problem:
                await self._refuse(problem, send)
                return
            if query is not None and "query" not in params:
                params["query"] = query
                scope = {**scope, "query_string": urlencode(params).encode()}
            await self.app(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:
            return  # the client left, or the body was over the limit (the caller answers 413)
        payload = _json_or_none(body or b"{}")
        if not isinstance(payload, dict):
            await self._refuse("persisted queries need a JSON object body", send)
            return
        query, problem = self._resolve(payload.get("query"), payload.get("extensions") or {})
        if problem:
            await self._refuse(problem, send)
            return
        payload["query"] = query
        new_body = json.dumps(payload).encode()
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(new_body)).encode()))
        await self.app({**scope, "headers": headers}, replaying(new_body), send)

    def _resolve(self, query: str | None, extensions: object) -> tuple[str | None, str | None]:
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if query:
            if query_hash(query) not in self.allow_list:
                return None, "this operation is not in the persisted-query allow-list"
            return query, None
        if isinstance(digest, str) and digest in self.allow_list:
            return self.allow_list[digest], None
        return None, "PersistedQueryNotFound"

    async def _refuse(self, message: str, send: Send) -> None:
        body = json.dumps({"errors": [{"message": message}]}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})
