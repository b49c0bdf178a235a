"""Which holdings count, by what verifying their credential found, and how to say so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from graph.models import VerificationState

# The default policy: everything but REVOKED and INVALID counts (a holding never checked too).
DEFAULT_COUNTED = frozenset(
    {VerificationState.VERIFIED, VerificationState.UNVERIFIED, VerificationState.EXPIRED}
)


def counts(state: str | None, counted: Collection[str]) -> bool:
    """Whether a holding in this state counts under the policy (never checked: it does)."""
    return state is None or state in counted


def verification_text(
    state: str | None, issuer: str | None, checked_on: dt.date | None, reason: str | None
) -> str:
    """ "verified: issuer X, checked on D", or the state and why."""
    if state is None:
        return "not verified: no credential was checked"
    day = checked_on.isoformat() if checked_on else "an unknown day"
    if state == VerificationState.VERIFIED:
        return f"verified: issuer {issuer or 'unknown'}, checked on {day}"
    return f"{state.lower()}: {reason or 'no reason recorded'}, checked on {day}"
