"""The change log over GraphQL: the `changes` query, `changeCursor`, and the `changes`
subscription that follows the log from a cursor (docs/changes.md)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from api.auth import LEARNER_DATA, Role
from api.context import Context, Info
from api.types.changes import ChangeEvent, ChangeFilterInput, ChangePage, to_gql_event
from graph.changes import (
    ISSUED_CREDENTIAL,
    ChangeFilter,
    decode_cursor,
    encode_cursor,
)
from graph.errors import Invalid
from graph.models import LEARNER_DATA_LABELS

# Events a subscription reads per look at the log.
SUBSCRIPTION_BATCH = 100
_PRIVATE = tuple(sorted([*(label.value for label in LEARNER_DATA_LABELS), ISSUED_CREDENTIAL]))


def change_filter(context: Context, given: ChangeFilterInput | None) -> ChangeFilter:
    """The reader's filter, narrowed to what its token may read: learner data (learners,
    evidence, issued credentials) only with a token that may read it, a learner their own."""
    given = given or ChangeFilterInput()
    principal = context.principal
    may_read_all = principal.has(*LEARNER_DATA)
    return ChangeFilter(
        labels=given.labels,
        ids=[str(i) for i in given.ids] if given.ids is not None else None,
        kinds=given.kinds,
        statuses=given.statuses,
        private_labels=() if may_read_all else _PRIVATE,
        own_id=principal.learner_id if Role.LEARNER in principal.roles else None,
    )


async def changes(
    info: Info,
    after: str | None = None,
    first: int = 100,
    filter: ChangeFilterInput | None = None,
) -> ChangePage:
    """Change events after a cursor, in log order (keyset pages; resume from `endCursor`).
    Learner data only with a token that may read it."""
    cap = info.context.settings.max_page_size
    if not 1 <= first <= cap:
        raise Invalid(f"'first' must be between 1 and {cap}, got {first}")
    page = await info.context.graph.changes.page(
        change_filter(info.context, filter), decode_cursor(after), first
    )
    return ChangePage(
        events=[to_gql_event(e) for e in page.events],
        has_next_page=page.has_next,
        end_cursor=encode_cursor(page.end),
    )


async def change_cursor(info: Info) -> str:
    """The cursor of the log's last committed event: read it before taking a snapshot, then
    follow `changes(after:)` from it (docs/changes.md)."""
    head = await info.context.graph.changes.head()
    return encode_cursor(head.last)


@strawberry.type(description="Live feeds, over the graphql-transport-ws protocol.")
class Subscription:
    @strawberry.subscription(
        description="Every change event after `after` (the head of the log when unset) that "
        "matches the filter, as it is committed; reconnect with the cursor of the last event "
        "received to miss nothing. Learner data only with a token that may read it."
    )
    async def changes(
        self,
        info: Info,
        after: str | None = None,
        filter: ChangeFilterInput | None = None,
    ) -> AsyncGenerator[ChangeEvent, None]:
        context = info.context
        repo = context.graph.changes
        reader = change_filter(context, filter)
        cursor = decode_cursor(after) if after else (await repo.head()).last
        while True:
            page = await repo.page(reader, cursor, SUBSCRIPTION_BATCH)
            for event in page.events:
                yield to_gql_event(event)
            cursor = page.end
            if not page.has_next:
                await asyncio.sleep(context.settings.change_poll_seconds)
