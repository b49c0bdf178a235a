"""GraphQL types of the change log: events, their pages and the filter readers give."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.types.node import fields_as
from graph import changes as c
from graph.changes import ChangeKind

# The domain enum is the GraphQL enum (same names, same values), registered at the edge.
strawberry.enum(ChangeKind, description="What a change did.")


@strawberry.type(description="One committed change, in the order of the change log.")
class ChangeEvent:
    seq: int = strawberry.field(description="Its place in the log: increases with every event.")
    cursor: str = strawberry.field(description="Resume after this event: `after: cursor`.")
    at: dt.datetime
    kind: ChangeKind
    label: str = strawberry.field(
        description="The label of the node changed (a relationship's: the node it leaves)."
    )
    id: strawberry.ID
    fields: list[str] = strawberry.field(description="The properties that changed.")
    status: str | None = strawberry.field(description="The node's status after the change.")
    relationship: str | None = strawberry.field(
        description="The relationship type, for a relationship added, removed or updated."
    )
    target_id: strawberry.ID | None = strawberry.field(
        description="The node the relationship goes to."
    )
    actor: str = strawberry.field(description="Who wrote it: the token's subject, cli:<user>.")
    request_id: str | None = strawberry.field(description="The request or import that wrote it.")


def to_gql_event(event: c.ChangeEvent) -> ChangeEvent:
    """The GraphQL view of a logged event."""
    return fields_as(event, ChangeEvent, fields=list(event.fields))


@strawberry.type(description="Events after a cursor, in log order.")
class ChangePage:
    events: list[ChangeEvent]
    has_next_page: bool
    end_cursor: str = strawberry.field(
        description="Where to resume: after the last event shown, or the log's head when no "
        "further event matched the filter."
    )


@strawberry.input(description="Which events to read; an unset list matches any.")
class ChangeFilterInput:
    labels: list[str] | None = None
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="The node changed, or the node a relationship goes to."
    )
    kinds: list[ChangeKind] | None = None
    statuses: list[str] | None = None
