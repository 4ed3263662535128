"""How people prove who they are: an :class:`Authenticator` turns credentials into a :class:`User`.

Only local passwords are built (:class:`LocalPassword`). Single sign-on (OpenID Connect) plugs in here as a second
implementation: its ``verify`` receives the callback's ``code`` and ``state``, exchanges them with the identity
provider, and maps the verified claims to an existing, enabled dxtrack user (roles stay in dxtrack); the web's
login page then offers its ``start_url``. Sessions, CSRF, roles and the audit do not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from dxtrack.domain.accounts import AccessError, User
from dxtrack.services import accounts
from dxtrack.store import Engine


class Authenticator(Protocol):
    """A way to sign in. ``id`` names it (``local``, later ``oidc``)."""

    id: str

    def verify(self, credentials: Mapping[str, str], *, client: str, now: dt.datetime | None = None) -> User:
        """The user the credentials prove, or an :class:`AccessError` (401 ``login_failed``, 429 …)."""
        ...


class LocalPassword:
    """Name and password checked against the Argon2id hash in the store, with the lockout of
    :func:`dxtrack.services.accounts.authenticate`."""

    id = "local"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def verify(self, credentials: Mapping[str, str], *, client: str, now: dt.datetime | None = None) -> User:
        name, password = credentials.get("name", ""), credentials.get("password", "")
        if not name or not password:
            raise AccessError("login_failed", {}, "login failed: name and password are required")
        return accounts.authenticate(self.engine, name, password, client=client, now=now)
