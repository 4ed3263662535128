"""Accounts in the store: users, role grants, sessions, API tokens and login attempts.

Writes take the caller's connection (one transaction with the audit event); reads take an engine or a connection.
Secrets are never stored: sessions and tokens are kept by the sha256 of their random secret, passwords as
Argon2id hashes made by the service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update

from dxtrack.store.schema import api_token, app_user, login_attempt, role_grant, user_session

Db = Engine | Connection


def _rows(db: Db, query: Any) -> list[dict[str, Any]]:
    if isinstance(db, Engine):
        with db.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
    return [dict(r._mapping) for r in db.execute(query)]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes for timezone columns; every stored time is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _with_times(row: dict[str, Any]) -> dict[str, Any]:
    return {k: _aware(v) if isinstance(v, dt.datetime) else v for k, v in row.items()}


# --- users and grants ---


def insert_user(
    conn: Connection, *, name: str, display_name: str, org_id: str, password_hash: str | None, now: dt.datetime
) -> int:
    result = conn.execute(
        insert(app_user).values(
            name=name,
            display_name=display_name,
            org_id=org_id,
            password_hash=password_hash,
            enabled=True,
            created_at=now,
            password_changed_at=now if password_hash else None,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def user_row(db: Db, name: str) -> dict[str, Any] | None:
    """The user ``name`` with ``grants`` (a list of (role, org_id)), or None."""
    found = _rows(db, select(app_user).where(app_user.c.name == name))
    if not found:
        return None
    row = _with_times(found[0])
    row["grants"] = grants_of(db, row["id"])
    return row


def user_row_by_id(db: Db, user_id: int) -> dict[str, Any] | None:
    found = _rows(db, select(app_user.c.name).where(app_user.c.id == user_id))
    return user_row(db, found[0]["name"]) if found else None


def user_rows(db: Db) -> list[dict[str, Any]]:
    """Every user by name, each with ``grants``."""
    users = [_with_times(r) for r in _rows(db, select(app_user).order_by(app_user.c.name))]
    grants = _rows(db, select(role_grant.c.user_id, role_grant.c.role, role_grant.c.org_id).order_by(role_grant.c.id))
    for user in users:
        user["grants"] = [(g["role"], g["org_id"]) for g in grants if g["user_id"] == user["id"]]
    return users


def grants_of(db: Db, user_id: int) -> list[tuple[str, str]]:
    query = (
        select(role_grant.c.role, role_grant.c.org_id).where(role_grant.c.user_id == user_id).order_by(role_grant.c.id)
    )
    return [(r["role"], r["org_id"]) for r in _rows(db, query)]


def add_grant(conn: Connection, *, user_id: int, role: str, org_id: str, by: str, now: dt.datetime) -> bool:
    """Add a grant; False when the user already holds it."""
    if (role, org_id) in grants_of(conn, user_id):
        return False
    conn.execute(insert(role_grant).values(user_id=user_id, role=role, org_id=org_id, granted_at=now, granted_by=by))
    return True


def remove_grant(conn: Connection, *, user_id: int, role: str, org_id: str) -> bool:
    """Remove a grant; False when the user did not hold it."""
    result = conn.execute(
        delete(role_grant).where(
            and_(role_grant.c.user_id == user_id, role_grant.c.role == role, role_grant.c.org_id == org_id)
        )
    )
    return bool(result.rowcount)


def set_password_hash(conn: Connection, user_id: int, password_hash: str, now: dt.datetime) -> None:
    conn.execute(
        update(app_user).where(app_user.c.id == user_id).values(password_hash=password_hash, password_changed_at=now)
    )


def replace_password_hash(conn: Connection, user_id: int, old: str, new: str) -> None:
    """Store a stronger hash of the same password (rehash on login), unless the password changed meanwhile."""
    conn.execute(
        update(app_user)
        .where(and_(app_user.c.id == user_id, app_user.c.password_hash == old))
        .values(password_hash=new)
    )


def set_enabled(conn: Connection, user_id: int, enabled: bool) -> None:
    conn.execute(update(app_user).where(app_user.c.id == user_id).values(enabled=enabled))


# --- sessions ---


def insert_session(
    conn: Connection, *, key: str, user_id: int, csrf_token: str, now: dt.datetime, expires_at: dt.datetime
) -> None:
    conn.execute(
        insert(user_session).values(
            id=key, user_id=user_id, csrf_token=csrf_token, created_at=now, expires_at=expires_at, ended_at=None
        )
    )


def session_row(db: Db, key: str) -> dict[str, Any] | None:
    found = _rows(db, select(user_session).where(user_session.c.id == key))
    return _with_times(found[0]) if found else None


def end_session(conn: Connection, key: str, now: dt.datetime) -> None:
    conn.execute(
        update(user_session)
        .where(and_(user_session.c.id == key, user_session.c.ended_at.is_(None)))
        .values(ended_at=now)
    )


def end_user_sessions(conn: Connection, user_id: int, now: dt.datetime) -> int:
    result = conn.execute(
        update(user_session)
        .where(and_(user_session.c.user_id == user_id, user_session.c.ended_at.is_(None)))
        .values(ended_at=now)
    )
    return int(result.rowcount)


# --- API tokens ---


def insert_token(
    conn: Connection, *, user_id: int, token_hash: str, label: str, now: dt.datetime, expires_at: dt.datetime
) -> int:
    result = conn.execute(
        insert(api_token).values(
            user_id=user_id, token_hash=token_hash, label=label, created_at=now, expires_at=expires_at, revoked_at=None
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def token_row(db: Db, token_hash: str) -> dict[str, Any] | None:
    found = _rows(db, select(api_token).where(api_token.c.token_hash == token_hash))
    return _with_times(found[0]) if found else None


def token_rows(db: Db, user_id: int | None = None) -> list[dict[str, Any]]:
    query = select(api_token, app_user.c.name.label("user")).join(app_user, app_user.c.id == api_token.c.user_id)
    if user_id is not None:
        query = query.where(api_token.c.user_id == user_id)
    return [_with_times(r) for r in _rows(db, query.order_by(api_token.c.id))]


def revoke_token(conn: Connection, token_id: int, now: dt.datetime) -> bool:
    result = conn.execute(
        update(api_token)
        .where(and_(api_token.c.id == token_id, api_token.c.revoked_at.is_(None)))
        .values(revoked_at=now)
    )
    return bool(result.rowcount)


def revoke_user_tokens(conn: Connection, user_id: int, now: dt.datetime) -> int:
    result = conn.execute(
        update(api_token)
        .where(and_(api_token.c.user_id == user_id, api_token.c.revoked_at.is_(None)))
        .values(revoked_at=now)
    )
    return int(result.rowcount)


# --- login attempts ---


def record_attempt(db: Engine, *, user_name: str, client: str, success: bool, at: dt.datetime) -> None:
    with db.begin() as conn:
        conn.execute(insert(login_attempt).values(at=at, user_name=user_name, client=client, success=success))


def recent_failures(
    db: Engine, *, since: dt.datetime, user_name: str | None = None, client: str | None = None
) -> tuple[int, dt.datetime | None]:
    """Failed attempts after ``since`` (for an account: only those after its last success there), and the time
    of the last one."""
    where = [login_attempt.c.at > since]
    if user_name is not None:
        where.append(login_attempt.c.user_name == user_name)
        last_ok = select(func.max(login_attempt.c.at)).where(
            and_(login_attempt.c.user_name == user_name, login_attempt.c.success.is_(True))
        )
        with db.connect() as conn:
            ok_at = _aware(conn.scalar(last_ok))
        if ok_at is not None and ok_at > since:
            where = [login_attempt.c.at > ok_at, login_attempt.c.user_name == user_name]
    if client is not None:
        where.append(login_attempt.c.client == client)
    query = select(func.count(), func.max(login_attempt.c.at)).where(and_(*where, login_attempt.c.success.is_(False)))
    with db.connect() as conn:
        count, last = conn.execute(query).one()
    return int(count), _aware(last)
