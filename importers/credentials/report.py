"""What a verification says: each check with pass / fail / unknown and a reason, and one state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from graph.models import VerificationState

__all__ = ["Check", "CheckName", "Outcome", "VerificationReport", "VerificationState", "state_of"]


class CheckName(StrEnum):
    """The checks of a verification, in the order they run."""

    PROOF = "proof"
    ISSUER = "issuer"  # the verification method is the issuer's
    VALIDITY = "validity"  # validFrom / validUntil (issuanceDate / expirationDate)
    STATUS = "status"
    TRUST = "trust"  # the issuer is on the trusted list


class Outcome(StrEnum):
    """One check's answer."""

    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Check:
    """One check's outcome and why."""

    name: CheckName
    outcome: Outcome
    reason: str


@dataclass(frozen=True)
class VerificationReport:
    """Every check of one credential, and the state they add up to."""

    state: VerificationState
    checks: tuple[Check, ...]
    checked_on: dt.date
    credential_id: str | None = None
    issuer: str | None = None
    suite: str | None = None

    def check(self, name: CheckName) -> Check:
        """The check of that name."""
        return next(c for c in self.checks if c.name is name)

    @property
    def reason(self) -> str:
        """Why the state is what it is: the first check that decided it, or all passed."""
        for check in self.checks:
            if check.outcome is not Outcome.PASS:
                return f"{check.name}: {check.reason}"
        return "every check passed"


def state_of(checks: tuple[Check, ...], expired: bool) -> VerificationState:
    """INVALID (proof or binding failed, or not yet valid) > REVOKED > EXPIRED > UNVERIFIED."""
    failed = {c.name for c in checks if c.outcome is Outcome.FAIL}
    if failed & {CheckName.PROOF, CheckName.ISSUER}:
        return VerificationState.INVALID
    if CheckName.STATUS in failed:
        return VerificationState.REVOKED
    if CheckName.VALIDITY in failed:
        return VerificationState.EXPIRED if expired else VerificationState.INVALID
    if failed or any(c.outcome is Outcome.UNKNOWN for c in checks):
        return VerificationState.UNVERIFIED
    return VerificationState.VERIFIED
