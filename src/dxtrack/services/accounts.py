"""Accounts: create and disable users, grant roles over organisations, passwords (Argon2id), sessions, API tokens.

Passwords are hashed with Argon2id by argon2-cffi (its RFC 9106 low-memory profile) and re-hashed on the next
successful login when the parameters change. Sessions and API tokens are random secrets kept only as their
SHA-256 (a 256-bit random secret needs no slow hash). Every change of a user, a grant or a token appends an audit
event in the same transaction. Times are passed in (``now``) so that expiry and lockout are testable without
waiting; by default they are the current UTC time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dxtrack.domain.accounts import (
    ACCOUNT_DELAY,
    CLIENT_DELAY,
    MIN_PASSWORD,
    ROLES,
    USER_NAME,
    AccessError,
    Grant,
    IssuedToken,
    TokenInfo,
    User,
)
from dxtrack.errors import DxtrackError
from dxtrack.services import orgs
from dxtrack.store import Engine, Transaction
from dxtrack.store import accounts as stored
from dxtrack.store.audit import append_event, content_hash
from dxtrack.store.repository import transaction

SESSION_TTL = dt.timedelta(hours=8)
MAX_TOKEN_DAYS = 366
HASHER = PasswordHasher()  # Argon2id, argon2-cffi's defaults (RFC 9106 low-memory: t=3, m=64 MiB, p=4)
# verified against when the user does not exist, so that an unknown name costs as much time as a wrong password
_DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _user(row: dict[str, Any]) -> User:
    return User(
        name=row["name"],
        display_name=row["display_name"],
        org_id=row["org_id"],
        enabled=bool(row["enabled"]),
        grants=tuple(Grant(role, org) for role, org in row["grants"]),
        created_at=row.get("created_at"),
    )


def _user_hash(row: dict[str, Any] | None) -> str | None:
    """The audited content of a user: everything but the password hash (which changes on rehash)."""
    if row is None:
        return None
    keep = ("name", "display_name", "org_id", "enabled", "created_at")
    return content_hash({**{k: row[k] for k in keep}, "grants": [list(g) for g in row["grants"]]})


def _row(db: Engine | Transaction, name: str) -> dict[str, Any]:
    row = stored.user_row(db, name)
    if row is None:
        raise DxtrackError(f"user '{name}' does not exist; see `dxtrack user list`")
    return row


def _check_org(engine: Engine, org_id: str) -> None:
    if orgs.get_org(engine, org_id) is None:
        raise DxtrackError(f"organisation '{org_id}' is not known; see `dxtrack org list`")


def _check_roles(roles: Iterable[str]) -> None:
    for role in roles:
        if role not in ROLES:
            raise DxtrackError(f"role '{role}' is not known; expected one of {', '.join(ROLES)}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DxtrackError(f"the password is too short: at least {MIN_PASSWORD} characters")


def get_user(engine: Engine, name: str) -> User | None:
    row = stored.user_row(engine, name)
    return _user(row) if row else None


def list_users(engine: Engine) -> list[User]:
    """Every user by name, with their grants."""
    return [_user(r) for r in stored.user_rows(engine)]


def create_user(
    engine: Engine,
    name: str,
    *,
    org_id: str,
    roles: Sequence[str],
    password: str | None,
    display_name: str | None = None,
    actor: str = "system",
    now: dt.datetime | None = None,
) -> User:
    """A new enabled user of organisation ``org_id`` holding ``roles`` over it (``password`` None: API tokens only)."""
    if not USER_NAME.match(name):
        raise DxtrackError(f"user name '{name}' is not valid: 2-60 lower-case letters, digits, '.', '_' or '-'")
    _check_org(engine, org_id)
    _check_roles(roles)
    if password is not None:
        _check_password(password)
    at = _now(now)
    hashed = HASHER.hash(password) if password is not None else None
    with transaction(engine) as conn:
        if stored.user_row(conn, name) is not None:
            raise DxtrackError(f"user '{name}' already exists")
        user_id = stored.insert_user(
            conn, name=name, display_name=(display_name or name).strip(), org_id=org_id, password_hash=hashed, now=at
        )
        for role in dict.fromkeys(roles):
            stored.add_grant(conn, user_id=user_id, role=role, org_id=org_id, by=actor, now=at)
        row = _row(conn, name)
        append_event(
            conn, actor=actor, action="user.create", entity="app_user", entity_id=name, before=None,
            after=_user_hash(row), detail={"org": org_id, "roles": list(dict.fromkeys(roles))},
        )  # fmt: skip
    return _user(row)


def _change(engine: Engine, name: str, action: str, actor: str, detail: dict[str, object], apply: Any) -> User:
    """Apply ``apply(conn, row)`` to user ``name`` and audit it with the before/after hashes."""
    with transaction(engine) as conn:
        before = _row(conn, name)
        apply(conn, before)
        after = _row(conn, name)
        append_event(
            conn, actor=actor, action=action, entity="app_user", entity_id=name, before=_user_hash(before),
            after=_user_hash(after), detail=detail,
        )  # fmt: skip
    return _user(after)


def disable_user(engine: Engine, name: str, *, actor: str = "system", now: dt.datetime | None = None) -> User:
    """Disable a user: no login, and every session and API token of theirs ends now."""
    at = _now(now)

    def apply(conn: Transaction, row: dict[str, Any]) -> None:
        stored.set_enabled(conn, row["id"], False)
        stored.end_user_sessions(conn, row["id"], at)
        stored.revoke_user_tokens(conn, row["id"], at)

    return _change(engine, name, "user.disable", actor, {}, apply)


def grant(engine: Engine, name: str, role: str, org_id: str, *, actor: str = "system") -> User:
    """Give user ``name`` the role over ``org_id`` (and the organisations below it)."""
    _check_roles([role])
    _check_org(engine, org_id)

    def apply(conn: Transaction, row: dict[str, Any]) -> None:
        stored.add_grant(conn, user_id=row["id"], role=role, org_id=org_id, by=actor, now=_now(None))

    return _change(engine, name, "grant.add", actor, {"role": role, "org": org_id}, apply)


def revoke(engine: Engine, name: str, role: str, org_id: str, *, actor: str = "system") -> User:
    """Take the role over ``org_id`` away from user ``name``."""

    def apply(conn: Transaction, row: dict[str, Any]) -> None:
        if not stored.remove_grant(conn, user_id=row["id"], role=role, org_id=org_id):
            raise DxtrackError(f"user '{name}' does not hold the role {role} over {org_id}")

    return _change(engine, name, "grant.remove", actor, {"role": role, "org": org_id}, apply)


# --- passwords and login ---


def set_password(engine: Engine, name: str, password: str, *, actor: str = "system") -> None:
    """Set a new password (an administrator's reset, or the end of :func:`change_password`); ends the user's
    sessions."""
    _check_password(password)
    hashed = HASHER.hash(password)
    at = _now(None)

    def apply(conn: Transaction, row: dict[str, Any]) -> None:
        stored.set_password_hash(conn, row["id"], hashed, at)
        stored.end_user_sessions(conn, row["id"], at)

    _change(engine, name, "user.password", actor, {}, apply)


def change_password(engine: Engine, name: str, old: str, new: str) -> None:
    """The user's own password change: the current password must be right (otherwise 403 ``wrong_password``)."""
    row = _row(engine, name)
    if not _verify(row.get("password_hash"), old):
        raise AccessError("wrong_password", {}, "the current password is not right")
    set_password(engine, name, new, actor=name)


def _verify(hashed: str | None, password: str) -> bool:
    try:
        return HASHER.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


def _lockout(engine: Engine, name: str, client: str, at: dt.datetime) -> None:
    """429 ``too_many_attempts`` while the account or the client address must wait."""
    waits = []
    for delay, who in ((ACCOUNT_DELAY, {"user_name": name}), (CLIENT_DELAY, {"client": client})):
        failures, last = stored.recent_failures(engine, since=at - delay.window, **who)
        wait = delay.wait(failures)
        if last is not None and wait and last + wait > at:
            waits.append(last + wait - at)
    if waits:
        seconds = max(1, int(max(waits).total_seconds() + 0.999))
        raise AccessError(
            "too_many_attempts", {"seconds": seconds}, f"too many failed logins; try again in {seconds} s",
            retry_after=seconds,
        )  # fmt: skip


def authenticate(engine: Engine, name: str, password: str, *, client: str, now: dt.datetime | None = None) -> User:
    """The user whose name and password these are; records the attempt.

    Refused: 429 ``too_many_attempts`` (with the wait) after repeated failures on the account or from the client
    address — checked before the password, so guesses during a lockout are not even tried; 401 ``login_failed``
    for an unknown user, a wrong password or a disabled account (one answer for all three).
    """
    at = _now(now)
    name = name.strip().lower()
    client = client[:64] or "unknown"
    _lockout(engine, name, client, at)
    row = stored.user_row(engine, name) if USER_NAME.match(name) else None
    hashed = row.get("password_hash") if row else None
    ok = _verify(hashed, password) and row is not None and bool(row["enabled"])
    stored.record_attempt(engine, user_name=name[:60], client=client, success=ok, at=at)
    if not ok or row is None or hashed is None:
        raise AccessError("login_failed", {}, "login failed: unknown user, wrong password or disabled account")
    if HASHER.check_needs_rehash(hashed):
        with transaction(engine) as conn:
            stored.replace_password_hash(conn, row["id"], hashed, HASHER.hash(password))
    return _user(row)


# --- sessions ---


def open_session(
    engine: Engine, user: User, *, ttl: dt.timedelta = SESSION_TTL, now: dt.datetime | None = None
) -> tuple[str, str]:
    """A new server-side session for ``user``: (the cookie's secret, the session's CSRF token)."""
    at = _now(now)
    secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    row = _row(engine, user.name)
    with transaction(engine) as conn:
        stored.insert_session(
            conn, key=_digest(secret), user_id=row["id"], csrf_token=csrf, now=at, expires_at=at + ttl
        )
    return secret, csrf


def session_user(engine: Engine, secret: str, *, now: dt.datetime | None = None) -> tuple[User, str] | None:
    """The user of a live session and its CSRF token; None when unknown, ended, expired or the user disabled."""
    row = stored.session_row(engine, _digest(secret))
    if row is None or row["ended_at"] is not None or row["expires_at"] <= _now(now):
        return None
    user = stored.user_row_by_id(engine, row["user_id"])
    if user is None or not user["enabled"]:
        return None
    return _user(user), str(row["csrf_token"])


def close_session(engine: Engine, secret: str, *, now: dt.datetime | None = None) -> None:
    """End a session (logout); ending an unknown or ended one does nothing."""
    with transaction(engine) as conn:
        stored.end_session(conn, _digest(secret), _now(now))


# --- API tokens ---


def create_token(
    engine: Engine, name: str, *, days: int, label: str = "", actor: str = "system", now: dt.datetime | None = None
) -> IssuedToken:
    """A new API token for user ``name``, valid ``days`` days (1-366); the secret is returned once."""
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise DxtrackError(f"--expires {days}: a token lives 1 to {MAX_TOKEN_DAYS} days")
    at = _now(now)
    secret = "dxt_" + secrets.token_urlsafe(32)
    expires = at + dt.timedelta(days=days)
    with transaction(engine) as conn:
        row = _row(conn, name)
        if not row["enabled"]:
            raise DxtrackError(f"user '{name}' is disabled")
        token_id = stored.insert_token(
            conn, user_id=row["id"], token_hash=_digest(secret), label=label, now=at, expires_at=expires
        )
        append_event(
            conn, actor=actor, action="token.create", entity="api_token", entity_id=str(token_id), before=None,
            after=content_hash({"user": name, "label": label, "expires_at": expires.isoformat()}),
            detail={"user": name, "days": days},
        )  # fmt: skip
    return IssuedToken(id=token_id, user=name, secret=secret, expires_at=expires)


def revoke_token(engine: Engine, token_id: int, *, actor: str = "system", now: dt.datetime | None = None) -> None:
    """Revoke an API token now (revoking it twice is an error)."""
    with transaction(engine) as conn:
        if not stored.revoke_token(conn, token_id, _now(now)):
            raise DxtrackError(f"token #{token_id} does not exist or is already revoked")
        append_event(
            conn, actor=actor, action="token.revoke", entity="api_token", entity_id=str(token_id), before=None,
            after=None,
        )  # fmt: skip


def list_tokens(engine: Engine, name: str | None = None) -> list[TokenInfo]:
    user_id = _row(engine, name)["id"] if name else None
    return [
        TokenInfo(r["id"], r["user"], r["label"], r["created_at"], r["expires_at"], r["revoked_at"])
        for r in stored.token_rows(engine, user_id)
    ]


def token_user(engine: Engine, secret: str, *, now: dt.datetime | None = None) -> User:
    """The user of a valid API token; 401 ``not_authenticated`` (with the reason) when it is unknown, expired,
    revoked or its user disabled."""
    row = stored.token_row(engine, _digest(secret))
    reason = None
    if row is None:
        reason = "invalid"
    elif row["revoked_at"] is not None:
        reason = "revoked"
    elif row["expires_at"] <= _now(now):
        reason = "expired"
    user = stored.user_row_by_id(engine, row["user_id"]) if row is not None else None
    if reason is None and (user is None or not user["enabled"]):
        reason = "disabled"
    if reason is not None or user is None:
        raise AccessError(
            "not_authenticated", {"reason": f"token {reason}"}, f"authentication required: token {reason}"
        )
    return _user(user)
