"""A real HTTP receiver for webhook tests (a thread on 127.0.0.1 recording every request), and
the signature check docs/changes.md documents for receivers."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The receiver's check of docs/changes.md (kept identical to the snippet there)."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(f"v1,{expected}", given)
        for given in headers["webhook-signature"].split(" ")
    )


@dataclass(frozen=True)
class Received:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes
    answered: int

    @property
    def envelope(self) -> dict[str, Any]:
        found: dict[str, Any] = json.loads(self.body)
        return found


@dataclass
class Receiver:
    """What the receiver got, and how it answers (`answer(n)`: the status of the n-th request,
    counted from 1)."""

    url: str
    answer: Callable[[int], int] = lambda n: 200
    delay_seconds: float = 0.0
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def delivered(self) -> list[Received]:
        with self.lock:
            return [r for r in self.requests if 200 <= r.answered < 300]

    def delivered_ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.delivered()]


@contextmanager
def receiver(**options: Any) -> Iterator[Receiver]:
    """A receiver on a free loopback port, stopped on exit."""
    found = Receiver(url="", **options)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            if found.delay_seconds:
                time.sleep(found.delay_seconds)
            with found.lock:
                status = found.answer(len(found.requests) + 1)
                headers = {k.lower(): v for k, v in self.headers.items()}
                found.requests.append(Received(headers, body, status))
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    found.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


def wait_for(condition: Callable[[], bool], what: str, guard_seconds: float = 120) -> None:
    """Poll until `condition` holds; fail (a hang guard, not a speed bound) after the guard."""
    deadline = time.monotonic() + guard_seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


async def eventually(condition: Callable[[], Any], what: str, guard_seconds: float = 120) -> None:
    """Like wait_for, yielding to the event loop (delivery may run in it); `condition` may be
    a coroutine function."""
    import asyncio
    import inspect

    deadline = time.monotonic() + guard_seconds
    while True:
        value = condition()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.05)
