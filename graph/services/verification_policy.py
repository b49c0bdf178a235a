"""Per-institution verification policy: which verification states count for transfer credit and
prior learning at an institution, kept on its node, overriding the setting (decision 50)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from graph.errors import NotFound
from graph.models import VerificationState
from graph.repositories.credentials import CredentialRepository


@dataclass(frozen=True)
class VerificationPolicy:
    """The states that count at an institution, and whether they are its own or the setting's."""

    institution_id: str
    counted: tuple[VerificationState, ...]
    own: bool


class VerificationPolicyService:
    """Sets an institution's verification policy."""

    def __init__(self, repo: CredentialRepository, default: Collection[VerificationState]) -> None:
        self.repo = repo
        self.default = tuple(sorted(default))

    async def set(
        self, institution_id: str, states: Sequence[VerificationState] | None
    ) -> VerificationPolicy:
        """Make these states the ones that count at the institution (None: the setting's)."""
        chosen = None if states is None else sorted({VerificationState(s) for s in states})
        stored = None if chosen is None else [s.value for s in chosen]
        if not await self.repo.set_verification_policy(institution_id, stored):
            raise NotFound("Institution", institution_id)
        if chosen is None:
            return VerificationPolicy(institution_id, self.default, own=False)
        return VerificationPolicy(institution_id, tuple(chosen), own=True)
