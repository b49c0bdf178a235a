"""An issuer's DID document and status list written to files, as a resolver for offline tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from importers.credentials.issue import IssuerProfile, status_list_credential
from importers.credentials.keys import IssuerKeys
from importers.credentials.resolver import Resolver, did_web_url


def published(
    tmp_path: Path,
    store: IssuerKeys,
    institution: tuple[str, str],
    list_url: str,
    revoked: set[int],
    now: dt.datetime,
) -> Resolver:
    """A resolver answering the institution's (id, name) DID document and its status list at
    `list_url` with these bits set, from files under `tmp_path`."""
    institution_id, name = institution
    did = store.did(institution_id)
    status_list = status_list_credential(
        list_url=list_url,
        revoked=revoked,
        issuer=IssuerProfile(did, name),
        signing_key=store.signing_key(institution_id),
        now=now,
    )
    files = {}
    for file_name, url, document in (
        ("did.json", did_web_url(did), store.did_document(institution_id)),
        ("status.json", list_url, status_list),
    ):
        (tmp_path / file_name).write_text(json.dumps(document))
        files[url] = tmp_path / file_name
    return Resolver(files)
