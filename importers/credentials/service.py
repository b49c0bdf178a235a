"""Issuing and revoking over the graph: a learner's holding becomes a signed OpenBadgeCredential,
all of their holdings a signed CLR 2.0 transcript, each recorded (who, which item, when, which
key, which status entry); revoking sets its status bit."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import FieldProblem, GraphError, Invalid, NotFound
from graph.models import Label
from graph.repositories.credentials import CredentialRepository, HoldingToIssue, ToRecord
from graph.repositories.nodes import NodeRepository
from importers.credentials.achievements import is_achievement, item_achievement
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    issue_transcript,
    status_entry,
    status_list_credential,
)
from importers.credentials.keys import IssuerKeys, SigningKey
from importers.exports import iri

# The deployment itself issues transcripts (a learner's holdings span institutions): its key and
# status list live under this id beside the institutions' (docs/credentials.md).
TRANSCRIPT_ISSUER = "credgraph"
TRANSCRIPT_ISSUER_NAME = "credgraph"
# What verifying a holding's credential found that credgraph will not sign again.
NOT_REISSUED = {"REVOKED", "INVALID"}


@dataclass(frozen=True)
class _Prepared:
    """A credential ready to sign once its status entry is recorded."""

    record: ToRecord
    achievement: dict[str, Any]
    issuer: IssuerProfile
    signing: SigningKey
    earned: dt.date


class CredentialService:
    """Issue, revoke, and publish the status lists and DID documents of issuing institutions."""

    def __init__(
        self, nodes: NodeRepository, repo: CredentialRepository, keys: IssuerKeys, domain: str
    ) -> None:
        self.nodes = nodes
        self.repo = repo
        self.keys = keys
        self.domain = domain

    def status_list_url(self, institution_id: str) -> str:
        """Where the institution's (first) status list credential is served."""
        return f"https://{self.domain}/issuers/{institution_id}/status/1"

    async def _institution_name(self, institution_id: str) -> str:
        if institution_id == TRANSCRIPT_ISSUER:
            return TRANSCRIPT_ISSUER_NAME
        found = (await self.nodes.get_many(Label.INSTITUTION, [institution_id])).get(institution_id)
        if found is None:
            raise NotFound("Institution", institution_id)
        return found.name or institution_id

    async def _prepare(
        self, learner_id: str, item_id: str, holding: HoldingToIssue | None, now: dt.datetime
    ) -> _Prepared:
        if holding is None:
            raise NotFound("Holding", f"{learner_id} EARNED {item_id}")
        if holding.verification in NOT_REISSUED:
            raise Invalid(
                f"{learner_id}'s holding of {item_id} is {holding.verification}: "
                "credgraph does not sign it again"
            )
        if not is_achievement(holding.labels):
            raise Invalid(f"{item_id} is not a micro-credential, course, program or suite")
        if holding.institution_id is None:
            raise Invalid(f"{item_id} has no offering institution to issue it")
        signing = self.keys.signing_key(holding.institution_id)
        record = ToRecord(
            credential_id=f"urn:uuid:{uuid.uuid4()}",
            kind="OpenBadgeCredential",
            learner_id=learner_id,
            item_id=item_id,
            institution_id=holding.institution_id,
            verification_method=signing.verification_method,
            list_url=self.status_list_url(holding.institution_id),
        )
        return _Prepared(
            record=record,
            achievement=await item_achievement(self.nodes, item_id, holding.labels),
            issuer=IssuerProfile(
                self.keys.did(holding.institution_id),
                holding.institution_name or holding.institution_id,
            ),
            signing=signing,
            earned=holding.date or now.date(),
        )

    def _sign(self, prepared: _Prepared, index: int, now: dt.datetime) -> dict[str, Any]:
        return issue_credential(
            achievement=prepared.achievement,
            subject_id=self.keys.subject_id(prepared.record.learner_id),
            earned=prepared.earned,
            issuer=prepared.issuer,
            signing_key=prepared.signing,
            status=status_entry(prepared.record.list_url, index),
            now=now,
            credential_id=prepared.record.credential_id,
        )

    async def issue(self, learner_id: str, item_id: str, now: dt.datetime) -> dict[str, Any]:
        """A signed OpenBadgeCredential for the learner's holding of an item."""
        holding = await self.repo.holding(learner_id, item_id)
        prepared = await self._prepare(learner_id, item_id, holding, now)
        [index] = await self.repo.record_issued([prepared.record], now)
        return self._sign(prepared, index, now)

    async def issue_many(
        self, holdings: Sequence[tuple[str, str]], now: dt.datetime
    ) -> list[dict[str, Any]]:
        """Signed credentials for many (learner, item) holdings, recorded in one transaction;
        when any entry cannot be issued, none is, and each such entry is named."""
        if not holdings:
            raise Invalid("no holdings to issue")
        prepared: list[_Prepared] = []
        problems: list[FieldProblem] = []
        for n, (learner_id, item_id) in enumerate(holdings):
            try:
                holding = await self.repo.holding(learner_id, item_id)
                prepared.append(await self._prepare(learner_id, item_id, holding, now))
            except GraphError as error:
                problems.append(FieldProblem(f"holdings.{n}", error.message))
        if problems:
            raise Invalid(
                f"{len(problems)} of {len(holdings)} holdings cannot be issued; none was",
                problems,
            )
        indexes = await self.repo.record_issued([p.record for p in prepared], now)
        return [self._sign(p, i, now) for p, i in zip(prepared, indexes, strict=True)]

    async def transcript(self, learner_id: str, now: dt.datetime) -> dict[str, Any]:
        """A signed CLR 2.0 ClrCredential of the learner's holdings: each one an institution
        offers as its own signed OpenBadgeCredential inside, the others as achievements; holdings
        found REVOKED or INVALID are left out. Everything is recorded in one transaction."""
        holdings = await self.repo.learner_holdings(learner_id)
        if holdings is None:
            raise NotFound("Learner", learner_id)
        kept = [
            h for h in holdings if h.verification not in NOT_REISSUED and is_achievement(h.labels)
        ]
        if not kept:
            raise Invalid(f"{learner_id} has no holdings to put on a transcript")
        prepared = [
            await self._prepare(learner_id, h.item_id, h, now)
            for h in kept
            if h.institution_id is not None
        ]
        achievements = [
            await item_achievement(self.nodes, h.item_id, h.labels)
            for h in kept
            if h.institution_id is None
        ]
        pairs = await self.repo.associations([h.item_id for h in kept])
        signing = self.keys.signing_key(TRANSCRIPT_ISSUER)
        transcript = ToRecord(
            credential_id=f"urn:uuid:{uuid.uuid4()}",
            kind="ClrCredential",
            learner_id=learner_id,
            item_id=None,
            institution_id=TRANSCRIPT_ISSUER,
            verification_method=signing.verification_method,
            list_url=self.status_list_url(TRANSCRIPT_ISSUER),
        )
        *indexes, own = await self.repo.record_issued(
            [*(p.record for p in prepared), transcript], now
        )
        return issue_transcript(
            credentials=[self._sign(p, i, now) for p, i in zip(prepared, indexes, strict=True)],
            achievements=achievements,
            subject_id=self.keys.subject_id(learner_id),
            issuer=IssuerProfile(self.keys.did(TRANSCRIPT_ISSUER), TRANSCRIPT_ISSUER_NAME),
            signing_key=signing,
            status=status_entry(transcript.list_url, own),
            now=now,
            name=f"Transcript of {len(kept)} achievements",
            credential_id=transcript.credential_id,
            associations=[(iri(part), iri(whole)) for part, whole in pairs],
        )

    async def revoke(self, credential_id: str, now: dt.datetime, actor: str) -> int:
        """Revoke a credential credgraph issued (recording when and by whom); its status index."""
        revoked = await self.repo.revoke(credential_id, now, actor)
        if revoked is None:
            raise NotFound("IssuedCredential", credential_id)
        return revoked.status_index

    async def status_list(self, institution_id: str, now: dt.datetime) -> dict[str, Any]:
        """The issuer's signed BitstringStatusListCredential as of now."""
        name = await self._institution_name(institution_id)
        url = self.status_list_url(institution_id)
        return status_list_credential(
            list_url=url,
            revoked=await self.repo.revoked_indexes(url),
            issuer=IssuerProfile(self.keys.did(institution_id), name),
            signing_key=self.keys.signing_key(institution_id),
            now=now,
        )
