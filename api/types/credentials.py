"""Verification answers: a credential's checks and state, and holdings the policy leaves out."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import strawberry

from graph.models import VerificationState
from importers.credentials.report import VerificationReport

VerificationStateType = strawberry.enum(
    VerificationState,
    name="VerificationState",
    description="What verifying a credential found: VERIFIED, UNVERIFIED (a check could not be "
    "made, or the issuer is not trusted), REVOKED, EXPIRED, INVALID.",
)


@strawberry.enum(description="The checks of a verification.")
class CredentialCheckName(Enum):
    PROOF = "proof"
    ISSUER = "issuer"
    VALIDITY = "validity"
    STATUS = "status"
    TRUST = "trust"


@strawberry.enum(description="One check's answer.")
class CheckOutcome(Enum):
    PASS = "pass"  # noqa: S105 (an outcome, not a password)
    FAIL = "fail"
    UNKNOWN = "unknown"


@strawberry.type(description="One check of a verification: its outcome and why.")
class CredentialCheck:
    name: CredentialCheckName
    outcome: CheckOutcome
    reason: str


@strawberry.type(description="Every check of one credential and the state they add up to.")
class CredentialVerification:
    state: VerificationState
    reason: str = strawberry.field(description="the first check that decided the state")
    checks: list[CredentialCheck]
    checked_on: dt.date
    credential_id: str | None
    issuer: str | None
    suite: str | None

    @staticmethod
    def from_domain(report: VerificationReport) -> CredentialVerification:
        """The GraphQL shape of a report."""
        return CredentialVerification(
            state=report.state,
            reason=report.reason,
            checks=[
                CredentialCheck(
                    name=CredentialCheckName(c.name.value),
                    outcome=CheckOutcome(c.outcome.value),
                    reason=c.reason,
                )
                for c in report.checks
            ],
            checked_on=report.checked_on,
            credential_id=report.credential_id,
            issuer=report.issuer,
            suite=report.suite,
        )


@strawberry.type(description="A holding that does not count, by what verifying it found.")
class HoldingNotCounted:
    holding_id: strawberry.ID
    verification: VerificationState
    reason: str
