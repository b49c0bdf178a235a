"""The settings of an entry point (CLI, worker process), with the development JWT secret."""

from __future__ import annotations

import secrets

from pydantic import SecretStr

from graph.settings import Settings


def load_settings() -> Settings:
    """Settings from the environment, with the development secret when no JWT key is set."""
    return with_dev_secret(Settings())


def with_dev_secret(settings: Settings) -> Settings:
    """In development without a JWT key, one secret kept in .credgraph/jwt-secret (mode 0600), so
    that `credgraph token` mints tokens the running dev server accepts."""
    if (
        settings.jwt_secret is not None
        or settings.jwt_public_key
        or settings.environment.value == "production"
    ):
        return settings
    path = settings.home / "jwt-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return settings.model_copy(update={"jwt_secret": SecretStr(path.read_text().strip())})
