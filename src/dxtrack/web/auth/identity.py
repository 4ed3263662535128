"""Who is calling: an API token (``Authorization: Bearer``) or a server-side session cookie; CSRF for cookies.

A session cookie is an ambient credential, so every unsafe request that relies on it must also carry the
session's CSRF token (``X-CSRF-Token`` header, or the ``csrf_token`` field of a form). A bearer token is not
sent by browsers on their own and needs none.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import parse_qs

from fastapi import Request, Response

from dxtrack.domain.accounts import AccessError, User
from dxtrack.services import accounts
from dxtrack.services.accounts import SESSION_TTL
from dxtrack.store import Engine
from dxtrack.web.auth.rules import UNSAFE

SESSION_COOKIE = "dxtrack_session"
LOGIN_CSRF_COOKIE = "dxtrack_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class Identity:
    """The caller: the user, how they proved it, and (for a session) its secret and CSRF token."""

    user: User
    via: str  # "token" or "session"
    session: str | None = None
    csrf: str | None = None


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.dx.engine
    return engine


def client_of(request: Request) -> str:
    """The client address the lockout counts failures by (uvicorn's, which honours trusted proxy headers)."""
    return request.client.host if request.client else "unknown"


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request) -> Identity | None:
    """The caller, or None when anonymous. An invalid bearer token is a 401 (never treated as anonymous)."""
    engine = engine_of(request)
    token = bearer(request)
    if token is not None:
        return Identity(accounts.token_user(engine, token), "token")
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        found = accounts.session_user(engine, secret)
        if found is not None:
            return Identity(found[0], "session", secret, found[1])
    return None


async def form_field(request: Request, name: str) -> str | None:
    """A field of an urlencoded or multipart form body (read once; Starlette keeps the body, and the parsed
    multipart form, for the endpoint)."""
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        value = (await request.form()).get(name)
        return value if isinstance(value, str) else None
    if not kind.startswith("application/x-www-form-urlencoded"):
        return None
    values = parse_qs((await request.body()).decode("utf-8", errors="replace")).get(name)
    return values[0] if values else None


async def check_csrf(request: Request, expected: str | None) -> None:
    """403 ``csrf_failed`` unless the request carries ``expected`` (header or form field)."""
    given = request.headers.get(CSRF_HEADER) or await form_field(request, CSRF_FIELD)
    if not expected or not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise AccessError("csrf_failed", {}, "the anti-forgery (CSRF) token is missing or wrong")


async def caller(request: Request) -> Identity | None:
    """:func:`identify`, with the CSRF check on unsafe requests made with the session cookie."""
    who = identify(request)
    if who is not None and who.via == "session" and request.method in UNSAFE:
        await check_csrf(request, who.csrf)
    return who


async def signed_in(request: Request) -> Identity:
    """The caller; 401 ``not_authenticated`` when anonymous."""
    who = await caller(request)
    if who is None:
        raise AccessError("not_authenticated", {"reason": "no credentials"}, "authentication required")
    return who


def secure(request: Request) -> bool:
    """Cookies are Secure when served over TLS or when the deployment says so (``--secure-cookies``)."""
    return request.url.scheme == "https" or bool(getattr(request.app.state, "secure_cookies", False))


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(SESSION_TTL.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=secure(request))
