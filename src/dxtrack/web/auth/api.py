"""The authentication API: POST /api/v1/auth/login and /logout, GET /api/v1/auth/me."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from dxtrack.services import accounts
from dxtrack.services.authn import LocalPassword
from dxtrack.web.api.v1.common import DENIED, THROTTLED
from dxtrack.web.auth.guard import Caller, Writer
from dxtrack.web.auth.identity import (
    clear_session_cookie,
    client_of,
    engine_of,
    set_session_cookie,
    signed_in,
)
from dxtrack.web.auth.models import LoginIn, SessionOut, UserOut

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=SessionOut, summary="Sign in", responses={**DENIED, **THROTTLED})
def login(request: Request, body: LoginIn, _: Caller) -> JSONResponse:
    """Check the name and password, open a server-side session (HttpOnly, SameSite=Strict cookie) and return
    its CSRF token."""
    engine = engine_of(request)
    user = LocalPassword(engine).verify({"name": body.name, "password": body.password}, client=client_of(request))
    secret, csrf = accounts.open_session(engine, user)
    out = SessionOut(user=UserOut.of(user), csrf_token=csrf, expires_in=int(accounts.SESSION_TTL.total_seconds()))
    response = JSONResponse(out.model_dump())
    set_session_cookie(request, response, secret)
    return response


@router.post("/logout", status_code=204, summary="Sign out", responses=DENIED)
def logout(request: Request, who: Writer) -> Response:
    """End the session of the cookie (with a bearer token there is no session: nothing to end)."""
    response = Response(status_code=204)
    if who.session:
        accounts.close_session(engine_of(request), who.session)
        clear_session_cookie(request, response)
    return response


@router.get("/me", response_model=UserOut, summary="The signed-in user", responses=DENIED)
async def me(request: Request) -> UserOut:
    """The user of the token or session, with their roles."""
    return UserOut.of((await signed_in(request)).user)
