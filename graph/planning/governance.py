"""The publication workflow of a credential version, without I/O.

DRAFT -> IN_REVIEW -> APPROVED -> PUBLISHED -> RETIRED; a reviewer can send IN_REVIEW or APPROVED
back to DRAFT. Nothing leaves RETIRED (a retired version is replaced by a new one, not revived).
"""

from __future__ import annotations

from graph.models import Status

LEGAL: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.IN_REVIEW}),
    Status.IN_REVIEW: frozenset({Status.APPROVED, Status.DRAFT}),
    Status.APPROVED: frozenset({Status.PUBLISHED, Status.DRAFT}),
    Status.PUBLISHED: frozenset({Status.RETIRED}),
    Status.RETIRED: frozenset(),
}


def allowed_next(current: Status) -> list[Status]:
    """The statuses the workflow allows after `current`, in workflow order."""
    return sorted(LEGAL[current], key=lambda s: list(Status).index(s))


def is_legal(current: Status, target: Status) -> bool:
    """Whether the workflow allows moving from `current` to `target`."""
    return target in LEGAL[current]
