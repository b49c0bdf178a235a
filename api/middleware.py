"""HTTP middleware: request ids, body size limit, request metrics and one log line per request."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.metrics import Metrics

log = logging.getLogger("credgraph.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestMiddleware:
    """Gives every request an id (the client's X-Request-Id when sane), refuses bodies over the
    limit with 413 before reading them whole, and records latency by path."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, metrics: Metrics) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode(errors="replace") for k, v in scope["headers"]}
        given = headers.get("x-request-id", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = {"code": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            declared = headers.get("content-length")
            if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
                await self._too_large(send_with_id)
                return
            received = 0
            too_large = False

            async def limited_receive() -> Message:
                nonlocal received, too_large
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body_bytes:
                        too_large = True
                        return {"type": "http.disconnect"}
                return message

            await self.app(scope, limited_receive, send_with_id)
            if too_large and status["code"] == 500:
                await self._too_large(send_with_id)
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

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(
            {"errors": [{"message": f"request body larger than {self.max_body_bytes} bytes"}]}
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
        start: Message = {}
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            else:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self._send(start, b"".join(chunks), send)

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
