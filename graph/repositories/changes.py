"""Reads of the change log (keyset pages after a cursor, its head) and its compaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.changes import ChangeEvent, ChangeFilter, encode_cursor, event_from
from graph.db import Database
from graph.errors import Invalid

# Events one compaction transaction removes at most.
COMPACT_BATCH = 10_000


@dataclass(frozen=True)
class LogHead:
    """The last committed sequence number, and the last one compaction removed."""

    last: int
    compacted: int


@dataclass(frozen=True)
class ChangePage:
    """Events after a cursor, in order; `end` is the cursor to resume from."""

    events: tuple[ChangeEvent, ...]
    has_next: bool
    end: int


class ChangeRepository:
    """The change log of one graph (docs/changes.md)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def head(self) -> LogHead:
        rows = await self.db.read("changes/head")
        return LogHead(int(rows[0]["last"]), int(rows[0]["compacted"]))

    async def page(self, change_filter: ChangeFilter, after: int, first: int) -> ChangePage:
        """Up to `first` events after `after`; refused when compaction removed events after it
        (the reader would miss them: it must take a new snapshot)."""
        # the head first: every event up to it is committed, so a page that finds nothing
        # matching may move the cursor to it (a filtered reader does not rescan what it skipped)
        head = await self.head()
        if 0 < after < head.compacted:
            raise Invalid(
                f"the cursor {encode_cursor(after)} is older than the change log keeps "
                f"(compacted through {encode_cursor(head.compacted)}): take a new snapshot "
                "and follow from `changeCursor`"
            )
        params = {**change_filter.params(), "after": after, "limit": first + 1}
        rows = await self.db.read_all("changes/page", params)
        events = tuple(event_from(row) for row in rows)
        shown = events[:first]
        has_next = len(events) > first
        last_seen = shown[-1].seq if shown else after
        # without a next page, every matching event up to the head is in this one
        end = last_seen if has_next else max(last_seen, head.last)
        return ChangePage(shown, has_next, end)

    async def compact_older_than(self, days: int, now: dt.datetime) -> int:
        """Compaction by the retention setting, in bounded transactions: how many events it
        removed (none when `days` is 0: keep everything)."""
        if days <= 0:
            return 0
        total = 0
        while True:
            removed, _ = await self.compact(now - dt.timedelta(days=days))
            total += removed
            if removed < COMPACT_BATCH:
                return total

    async def compact(self, before: dt.datetime, limit: int | None = None) -> tuple[int, int]:
        """Remove up to `limit` events older than `before` that every registered subscriber
        has received: (how many removed, the highest sequence number removed so far)."""
        params = {"before": before, "limit": limit or COMPACT_BATCH}
        rows = await self.db.write("changes/compact", params)
        if not rows:
            return 0, 0
        return int(rows[0]["removed"]), int(rows[0]["through"] or 0)
