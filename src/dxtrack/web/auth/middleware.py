"""``--require-login``: every page and API call needs a signed-in user, except signing in itself and the static
files. Pages redirect to the sign-in page; the API answers 401 in the one JSON error shape."""

from __future__ import annotations

from urllib.parse import quote

import anyio
from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from dxtrack.domain.accounts import AccessError
from dxtrack.present import pick_lang
from dxtrack.present.errors import error_body
from dxtrack.web.auth.identity import identify
from dxtrack.web.render import request_lang

OPEN_PATHS = ("/login", "/api/v1/auth/login", "/healthz", "/favicon.ico", "/openapi.json")
OPEN_PREFIXES = ("/static/",)


class RequireLogin:
    """Pure ASGI middleware refusing anonymous requests outside :data:`OPEN_PATHS`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        code, params = "not_authenticated", {"reason": "no credentials"}
        try:
            who = await anyio.to_thread.run_sync(identify, request)
        except AccessError as exc:
            who, code, params = None, exc.code, exc.params
        if who is not None:
            await self.app(scope, receive, send)
            return
        if path.startswith("/api/"):
            lang = pick_lang(request.query_params.get("lang")) or "en"
            response: JSONResponse | RedirectResponse = JSONResponse(
                error_body(code, params, lang, 401), status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        else:
            target = path + (f"?{scope['query_string'].decode()}" if scope.get("query_string") else "")
            lang = request_lang(request)  # the sign-in page speaks the language of the page asked for
            response = RedirectResponse(f"/login?next={quote(target, safe='')}&lang={lang}", status_code=303)
        await response(scope, receive, send)
