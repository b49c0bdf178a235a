"""Feedback aggregation per version, per member and per suite, with the trend between versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rating:
    """One rating and who gave it."""

    source: str | None  # LEARNER or EMPLOYER
    rating: int


@dataclass(frozen=True)
class VersionSummary:
    """The ratings of one version, by whom, and the change from the version before."""

    version_id: str
    version: str | None
    count: int
    average: float | None
    learner_average: float | None
    employer_average: float | None
    change: float | None  # average minus the previous version's (None: no comparison)


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def version_order(supersedes: Mapping[str, Sequence[str]]) -> list[str]:
    """Oldest first: a version comes after every version it (transitively) supersedes."""
    depth: dict[str, int] = {}

    def older_count(v: str, seen: frozenset[str]) -> int:
        if v in depth:
            return depth[v]
        found = {v}
        stack = [o for o in supersedes.get(v, ()) if o not in seen]
        while stack:
            o = stack.pop()
            if o in found:
                continue
            found.add(o)
            stack += [x for x in supersedes.get(o, ()) if x not in found]
        depth[v] = len(found) - 1
        return depth[v]

    return sorted(supersedes, key=lambda v: (older_count(v, frozenset()), v))


def summarize(
    supersedes: Mapping[str, Sequence[str]],
    versions: Mapping[str, str | None],
    ratings: Mapping[str, Sequence[Rating]],
) -> list[VersionSummary]:
    """The versions oldest first, each with its averages and the change from the one before."""
    summaries: list[VersionSummary] = []
    previous: float | None = None
    for v in version_order(supersedes):
        rs = ratings.get(v, ())
        average = _mean([r.rating for r in rs])
        summaries.append(
            VersionSummary(
                version_id=v,
                version=versions.get(v),
                count=len(rs),
                average=average,
                learner_average=_mean([r.rating for r in rs if r.source == "LEARNER"]),
                employer_average=_mean([r.rating for r in rs if r.source == "EMPLOYER"]),
                change=round(average - previous, 3)
                if average is not None and previous is not None
                else None,
            )
        )
        if average is not None:
            previous = average
    return summaries


def overall(ratings: Mapping[str, Sequence[Rating]]) -> tuple[int, float | None]:
    """How many ratings there are and their average (None: none)."""
    values = [r.rating for rs in ratings.values() for r in rs]
    return len(values), _mean(values)
