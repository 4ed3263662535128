"""Sign-in, sign-out and account pages (Vietnamese and English), with CSRF tokens on every form.

The sign-in form is protected by a double-submit token (a random cookie repeated in the form); the forms of a
signed-in user carry the session's own CSRF token. After a failed sign-in the form is shown again with the
reason (401, or 429 with Retry-After while the account or address must wait).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dxtrack.domain.accounts import MIN_PASSWORD, AccessError
from dxtrack.present.errors import error_text
from dxtrack.services import accounts
from dxtrack.services.authn import LocalPassword
from dxtrack.web.auth.guard import Writer
from dxtrack.web.auth.identity import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    Identity,
    clear_session_cookie,
    client_of,
    engine_of,
    identify,
    secure,
    set_session_cookie,
)
from dxtrack.web.auth.labels import label
from dxtrack.web.render import render, request_lang

router = APIRouter(include_in_schema=False)


async def form(request: Request) -> dict[str, str]:
    """The urlencoded form of a POST (first value of each field)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


def local_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never another host)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/account"


def page(request: Request, template: str, context: Mapping[str, Any], status_code: int = 200) -> HTMLResponse:
    lang = request_lang(request)
    return render(
        request,
        template,
        {"page": "account", "as_of_date": None, "a": lambda key: label(key, lang), **context},
        status_code=status_code,
    )


def login_form(request: Request, *, status_code: int = 200, error: str | None = None, notice: str | None = None,
               retry_after: int | None = None, next_path: str | None = None) -> HTMLResponse:  # fmt: skip
    """The sign-in page with a fresh double-submit CSRF token."""
    token = secrets.token_urlsafe(32)
    response = page(
        request,
        "login.html",
        {
            "csrf": token,
            "error": error,
            "notice": notice,
            "next": local_next(next_path or request.query_params.get("next")),
        },
        status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, max_age=3600, path="/login", httponly=True, samesite="strict", secure=secure(request)
    )
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> Response:
    if identify(request) is not None:
        return RedirectResponse("/account", status_code=303)
    notice = None
    if request.query_params.get("bye"):
        notice = label("logged_out", request_lang(request))
    elif request.query_params.get("next"):
        notice = label("login_required", request_lang(request))
    return login_form(request, notice=notice)


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    fields = await form(request)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    given = fields.get(CSRF_FIELD, "")
    if not expected or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise AccessError("csrf_failed", {}, "the anti-forgery (CSRF) token is missing or wrong")
    engine = engine_of(request)
    lang = request_lang(request)
    try:
        user = LocalPassword(engine).verify(fields, client=client_of(request))
    except AccessError as exc:
        # the form again with the reason (a 401 would need an HTTP challenge the page has not); 429 while waiting
        status = 429 if exc.code == "too_many_attempts" else 200
        message = error_text(exc.code, exc.params, lang)
        return login_form(
            request, status_code=status, error=message, retry_after=exc.retry_after, next_path=fields.get("next")
        )
    secret, _ = accounts.open_session(engine, user)
    response = RedirectResponse(local_next(fields.get("next")), status_code=303)
    set_session_cookie(request, response, secret)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout_submit(request: Request, who: Writer) -> Response:
    response = RedirectResponse("/login?bye=1", status_code=303)
    if who.session:
        accounts.close_session(engine_of(request), who.session)
    clear_session_cookie(request, response)
    return response


def account_page(request: Request, who: Identity, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    from dxtrack.services import orgs

    org = orgs.get_org(engine_of(request), who.user.org_id)
    response = page(request, "account.html", {"user": who.user, "org": org, "csrf": who.csrf, **context}, status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request) -> Response:
    who = identify(request)
    if who is None or who.via != "session":
        return RedirectResponse(f"/login?next={quote('/account')}", status_code=303)
    return account_page(request, who)


@router.post("/account/password", response_class=HTMLResponse)
async def change_password(request: Request, who: Writer) -> Response:
    fields = await form(request)
    lang = request_lang(request)
    new, again = fields.get("new_password", ""), fields.get("confirm_password", "")
    if new != again:
        return account_page(request, who, status_code=400, error=label("password_mismatch", lang))
    if len(new) < MIN_PASSWORD:
        return account_page(request, who, status_code=400, error=label("password_short", lang))
    engine = engine_of(request)
    try:
        accounts.change_password(engine, who.user.name, fields.get("current_password", ""), new)
    except AccessError as exc:
        return account_page(request, who, status_code=403, error=error_text(exc.code, exc.params, lang))
    # every session of the user ended with the old password; this browser continues in a new one
    secret, csrf = accounts.open_session(engine, who.user)
    fresh = Identity(who.user, "session", secret, csrf)
    response = account_page(request, fresh, notice=label("password_changed", lang))
    set_session_cookie(request, response, secret)
    return response
