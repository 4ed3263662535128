"""Users, the roles they hold over organisations, and the access errors every interface reports the same way.

A grant is (role, organisation): it covers that organisation and every organisation below it in the hierarchy.
Roles are not ranked: ``admin`` manages accounts, it does not imply ``assessor`` or ``submitter``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dxtrack.errors import DxtrackError

ROLES = ("viewer", "submitter", "approver", "coordinator", "assessor", "admin")
USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
MIN_PASSWORD = 12


@dataclass(frozen=True)
class Grant:
    """One role over one organisation (and the organisations below it)."""

    role: str
    org_id: str


@dataclass(frozen=True)
class User:
    """An account: a login name, the person's display name, the organisation they belong to, their grants."""

    name: str
    display_name: str
    org_id: str
    enabled: bool
    grants: tuple[Grant, ...] = ()
    created_at: dt.datetime | None = None

    @property
    def roles(self) -> tuple[str, ...]:
        """The distinct roles held, in the order of :data:`ROLES`."""
        held = {g.role for g in self.grants}
        return tuple(r for r in ROLES if r in held)


@dataclass(frozen=True)
class IssuedToken:
    """An API token as issued: the secret is shown once and stored only as a hash."""

    id: int
    user: str
    secret: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class TokenInfo:
    """A stored API token without its secret."""

    id: int
    user: str
    label: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None


class AccessError(DxtrackError):
    """Authentication or authorisation refused; ``code`` and ``params`` name the entry of the error catalogue
    (``dxtrack.present.errors``) that the web answers with, ``retry_after`` (seconds) goes with a 429."""

    def __init__(
        self, code: str, params: Mapping[str, Any] | None = None, message: str = "", *, retry_after: int | None = None
    ) -> None:
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        self.retry_after = retry_after
        super().__init__(message or code)


@dataclass(frozen=True)
class Delay:
    """The lockout rule: after ``threshold`` failures inside ``window``, each further attempt waits
    ``base`` × 2^(failures − threshold), at most ``cap``."""

    threshold: int
    base: dt.timedelta
    cap: dt.timedelta
    window: dt.timedelta = field(default=dt.timedelta(minutes=15))

    def wait(self, failures: int) -> dt.timedelta:
        """The wait imposed after ``failures`` failures (zero below the threshold)."""
        if failures < self.threshold:
            return dt.timedelta(0)
        grown: dt.timedelta = self.base * (2 ** (failures - self.threshold))
        return min(self.cap, grown)


# per account: 5 failures, then 30 s, 60 s, … up to 15 min; per client address: 20 failures, then 30 s, … 15 min
ACCOUNT_DELAY = Delay(threshold=5, base=dt.timedelta(seconds=30), cap=dt.timedelta(minutes=15))
CLIENT_DELAY = Delay(threshold=20, base=dt.timedelta(seconds=30), cap=dt.timedelta(minutes=15))
