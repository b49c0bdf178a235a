"""Verification answers: a credential's checks and state, and holdings the policy leaves out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import strawberry

from graph.models import VerificationState
from graph.planning.transfer import Holding
from importers.credentials.report import CheckName, Outcome, VerificationReport

VerificationStateType = strawberry.enum(
    VerificationState,
    name="VerificationState",
    description="What verifying a credential found: VERIFIED, UNVERIFIED (a check could not be "
    "made, or the issuer is not trusted), REVOKED, EXPIRED, INVALID.",
)


# The checks and their outcomes are the verifier's own enums, declared under their GraphQL names.
strawberry.enum(CheckName, name="CredentialCheckName", description="The checks of a verification.")
strawberry.enum(Outcome, name="CheckOutcome", description="One check's answer.")


@strawberry.type(description="One check of a verification: its outcome and why.")
class CredentialCheck:
    """One check of a verification: its outcome and why."""

    name: CheckName
    outcome: Outcome
    reason: str


@strawberry.type(description="Every check of one credential and the state they add up to.")
class CredentialVerification:
    """Every check of one credential and the state they add up to."""

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
                CredentialCheck(name=c.name, outcome=c.outcome, reason=c.reason)
                for c in report.checks
            ],
            checked_on=report.checked_on,
            credential_id=report.credential_id,
            issuer=report.issuer,
            suite=report.suite,
        )


@strawberry.type(
    description="Which verification states count for transfer credit and prior learning at an "
    "institution: its own policy, or (own: false) the setting's."
)
class VerificationPolicy:
    """Which verification states count at an institution, and whether it set its own."""

    institution_id: strawberry.ID
    counted_states: list[VerificationState]
    own: bool


@strawberry.type(description="A holding that does not count, by what verifying it found.")
class HoldingNotCounted:
    """A holding the verification policy leaves out of an answer, with its state."""

    holding_id: strawberry.ID
    verification: VerificationState
    reason: str


def verification_notes(holdings: Iterable[Holding], item_ids: Iterable[str]) -> str:
    """`; <item> verified: issuer X, checked on D` (or its state and why) for each of these items
    whose holding was checked; empty when none was (the text it always had)."""
    checked = {h.item_id: h for h in holdings if h.verification}
    found = [checked[i] for i in dict.fromkeys(item_ids) if i in checked]
    return "".join(f"; {h.item_id} {h.verification_text}" for h in found)


def holdings_not_counted(holdings: Iterable[Holding]) -> list[HoldingNotCounted]:
    """The holdings the verification policy leaves out, each with why."""
    return [
        HoldingNotCounted(
            holding_id=strawberry.ID(h.item_id),
            verification=VerificationState(h.verification or "UNVERIFIED"),
            reason=f"not counted: {h.verification_text}",
        )
        for h in holdings
    ]
