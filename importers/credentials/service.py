"""Issuing and revoking over the graph: a learner's holding becomes a signed OpenBadgeCredential,
recorded (who, which item, when, which key, which status entry); revoking sets its status bit."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from graph.errors import Invalid, NotFound
from graph.models import Label
from graph.repositories.credentials import CredentialRepository
from graph.repositories.nodes import NodeRepository
from importers.credentials.issue import (
    IssuerProfile,
    issue_credential,
    status_entry,
    status_list_credential,
)
from importers.credentials.keys import IssuerKeys
from importers.exports import micro_credential_achievement


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
        found = (await self.nodes.get_many(Label.INSTITUTION, [institution_id])).get(institution_id)
        if found is None:
            raise NotFound("Institution", institution_id)
        return found.name or institution_id

    async def issue(self, learner_id: str, item_id: str, now: dt.datetime) -> dict[str, Any]:
        """A signed OpenBadgeCredential for the learner's holding of a micro-credential."""
        holding = await self.repo.holding(learner_id, item_id)
        if holding is None:
            raise NotFound("Holding", f"{learner_id} EARNED {item_id}")
        if Label.MICRO_CREDENTIAL.value not in holding.labels:
            raise Invalid(f"{item_id} is not a micro-credential: only those are issued yet")
        if holding.institution_id is None:
            raise Invalid(f"{item_id} has no offering institution to issue it")
        achievement = await micro_credential_achievement(self.nodes, item_id)
        signing = self.keys.signing_key(holding.institution_id)
        credential_id = f"urn:uuid:{uuid.uuid4()}"
        list_url = self.status_list_url(holding.institution_id)
        index = await self.repo.record_issued(
            credential_id=credential_id,
            learner_id=learner_id,
            item_id=item_id,
            institution_id=holding.institution_id,
            verification_method=signing.verification_method,
            list_url=list_url,
            issued_at=now,
        )
        issuer = IssuerProfile(
            self.keys.did(holding.institution_id),
            holding.institution_name or holding.institution_id,
        )
        return issue_credential(
            achievement=achievement,
            subject_id=self.keys.subject_id(learner_id),
            earned=holding.date or now.date(),
            issuer=issuer,
            signing_key=signing,
            status=status_entry(list_url, index),
            now=now,
            credential_id=credential_id,
        )

    async def revoke(self, credential_id: str, now: dt.datetime) -> int:
        """Revoke a credential credgraph issued; its status index."""
        revoked = await self.repo.revoke(credential_id, now)
        if revoked is None:
            raise NotFound("IssuedCredential", credential_id)
        return revoked.status_index

    async def status_list(self, institution_id: str, now: dt.datetime) -> dict[str, Any]:
        """The institution's signed BitstringStatusListCredential as of now."""
        name = await self._institution_name(institution_id)
        url = self.status_list_url(institution_id)
        return status_list_credential(
            list_url=url,
            revoked=await self.repo.revoked_indexes(url),
            issuer=IssuerProfile(self.keys.did(institution_id), name),
            signing_key=self.keys.signing_key(institution_id),
            now=now,
        )
