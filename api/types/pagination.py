"""Keyset (cursor) pagination: opaque cursors over ids; totalCount counts only when selected."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

from graph.errors import Invalid

T = TypeVar("T")


def encode_cursor(id_: str) -> str:
    """The opaque cursor of a keyset position (an id)."""
    return base64.urlsafe_b64encode(f"id:{id_}".encode()).decode()


def decode_cursor(cursor: str | None) -> str | None:
    """The keyset position of a cursor (None: from the start); a bad cursor is Invalid."""
    if cursor is None:
        return None
    try:
        decoded = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    if not decoded.startswith("id:"):
        raise Invalid(f"'after' is not a cursor returned by this API: {cursor[:40]!r}")
    return decoded[3:]


@strawberry.type
class PageInfo:
    """Whether more follows, and the cursor to continue after."""

    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ConnectionEdge(Generic[T]):
    """One item of a page with its cursor."""

    cursor: str
    node: T


@strawberry.type(description="One page of a list, ordered by id.")
class Connection(Generic[T]):
    """One keyset page of a list, with its count on demand."""

    edges: list[ConnectionEdge[T]]
    nodes: list[T]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(
        description="Size of the whole filtered list (runs a count query when asked)."
    )
    async def total_count(self) -> int:
        """How many items the whole list holds (one more statement, only when asked)."""
        return await self.count()
