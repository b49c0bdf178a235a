"""The verifier and issuer keys as the settings configure them, for the CLI and the API alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from graph.settings import Settings
from importers.credentials.keys import IssuerKeys
from importers.credentials.report import VerificationReport
from importers.credentials.resolver import INDEX_FILE, Resolver
from importers.credentials.verify import verify_credential

Verifier = Callable[[Any], VerificationReport]


def resolver_from_settings(settings: Settings) -> Resolver:
    """Offline files (CREDGRAPH_CREDENTIAL_FILES), a disk cache, and the allowed hosts only."""
    options: dict[str, Any] = {
        "allowed_hosts": settings.credential_hosts,
        "timeout": settings.resolver_timeout_seconds,
        "cache_dir": settings.cache_dir / "credentials",
    }
    folder = settings.credential_files
    if folder is not None and (folder / INDEX_FILE).is_file():
        return Resolver.from_directory(folder, **options)
    return Resolver(**options)


def verifier_from_settings(settings: Settings, now: dt.datetime | None = None) -> Verifier:
    """verify_credential with the configured resolver and trusted issuers, as of `now`."""
    resolver = resolver_from_settings(settings)
    moment = now or dt.datetime.now(dt.UTC)

    def verify(document: Any) -> VerificationReport:
        return verify_credential(document, resolver, settings.trusted_issuers, moment)

    return verify


def issuer_keys_from_settings(settings: Settings) -> IssuerKeys:
    """The institutions' keys under CREDGRAPH_ISSUER_KEYS_DIR (default: <home>/issuer-keys)."""
    return IssuerKeys(settings.issuer_keys_path, settings.credential_domain)
