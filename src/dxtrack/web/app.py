"""The application factory: JSON API under /api/v1, server-rendered pages, local static assets only."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dxtrack import __version__
from dxtrack.catalog import load_pack
from dxtrack.domain.accounts import AccessError
from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import DxtrackError
from dxtrack.present import pick_lang
from dxtrack.present.errors import CATALOGUE, AppError, error_body, error_text
from dxtrack.services.store import open_store
from dxtrack.settings import Settings
from dxtrack.settings import data_dir as find_data_dir
from dxtrack.store.engine import StoreLost
from dxtrack.web import auth
from dxtrack.web.api.v1 import router as api_v1
from dxtrack.web.http import HeadAsGet, allowed_methods
from dxtrack.web.limits import WebLimits
from dxtrack.web.loop.pages import router as loop_pages
from dxtrack.web.render import STATIC_DIR, render, request_lang
from dxtrack.web.state import WebState
from dxtrack.web.ui import router as ui_router

API_DESCRIPTION = """Read-only access to the published data of dxtrack: the targets of {strategy} (content pack
`{pack}`), the indicators, areas (countries, Vietnam's 63 former and 34 current provinces),
observations with their sources and revisions, and the assessment of every target.

Every list accepts `as_of=YYYY-MM-DD`: the data as published on that day (later releases and revisions are
ignored). Only published observations are ever returned."""

log = logging.getLogger("dxtrack.web")
GIL_SWITCH_SECONDS = 0.0005
THROTTLE_DELAY = 1.0  # seconds a client over its limit waits for its 429: ignoring Retry-After cannot keep us busy

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


def create_app(
    db_url: str | None = None,
    *,
    pack: ContentPack | None = None,
    data_dir: str | Path | None = None,
    require_login: bool | None = None,
    secure_cookies: bool | None = None,
) -> FastAPI:
    """A configured app on the database ``db_url`` (default: ``DXTRACK_DB`` or var/dxtrack.db).

    The database must be initialised (``dxtrack quickstart``). ``data_dir`` is the data folder used
    for the province boundaries (default: ``DXTRACK_DATA_DIR``, else the packaged snapshot).
    ``require_login`` / ``secure_cookies``: default ``DXTRACK_REQUIRE_LOGIN`` / ``DXTRACK_SECURE_COOKIES``.
    """
    # the event loop shares the GIL with the computing threads: a short switch interval lets it take the GIL back
    # within half a millisecond (default 5 ms) after each wait, so cached answers stay quick during computations
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    settings = Settings.from_env(db_url)
    url = settings.db_url
    engine = open_store(url, create=False)
    try:
        folder: Path | None = find_data_dir(data_dir)
    except DxtrackError:
        folder = None
    # DXTRACK_PACK: the pack chosen with `dxtrack --pack` when `serve --workers N` builds one app per worker
    state = WebState(
        engine=engine,
        pack=pack or load_pack(os.environ.get("DXTRACK_PACK")),
        data_dir=folder,
        limits=WebLimits.from_env(),
    )

    app = FastAPI(
        title="dxtrack API",
        version=__version__,
        description=API_DESCRIPTION.format(strategy=state.pack.labels.subtitle_en, pack=state.pack.id),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.dx = state
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_v1, prefix="/api/v1")
    app.include_router(ui_router)
    app.include_router(loop_pages)
    auth.install(
        app,
        require_login=settings.require_login if require_login is None else require_login,
        secure_cookies=settings.secure_cookies if secure_cookies is None else secure_cookies,
    )

    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.router.add_event_handler("shutdown", state.computer.close)

    install_error_handlers(app)
    return app


class SecurityHeaders:
    """Pure ASGI middleware adding the CSP (only this server may be contacted) and related headers."""

    HEADERS = (
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_error_handlers(app: FastAPI) -> None:
    """Every error through the catalogue: one JSON shape on the API (FastAPI's 422 included), the error page
    in the page language elsewhere."""

    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> Response:
        if exc.code == "too_many_as_of":
            await asyncio.sleep(THROTTLE_DELAY)
        answer = _answer(request, exc.code, exc.params, exc.status)
        if exc.status in (429, 503) and "retry_after" in exc.params:
            answer.headers["Retry-After"] = str(exc.params["retry_after"])
        return answer

    @app.exception_handler(AccessError)
    async def access_error(request: Request, exc: AccessError) -> Response:
        status = CATALOGUE[exc.code].status
        response = _answer(request, exc.code, exc.params, status)
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(StoreLost)
    async def store_lost(request: Request, exc: StoreLost) -> Response:
        return _answer(request, exc.code, exc.params, CATALOGUE[exc.code].status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 405:
            answer = _answer(request, "method_not_allowed", {"method": request.method}, 405)
            answer.headers["Allow"] = ", ".join(allowed_methods(app, request.url.path))
            return answer
        if exc.status_code == 404:
            return _answer(request, "not_found", {"path": request.url.path}, 404)
        return _answer(request, "user_error", {"message": str(exc.detail)}, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = [
            f"{'.'.join(str(x) for x in e.get('loc', ()) if x not in ('query', 'path', 'body'))}: {e.get('msg', '')}"
            for e in exc.errors()
        ]
        return _answer(request, "invalid_request", {"fields": fields}, 422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return _answer(request, "internal_error", {}, 500)


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"


def _answer(request: Request, code: str, params: Mapping[str, Any], status: int) -> Response:
    if _is_api(request):
        lang = pick_lang(request.query_params.get("lang")) or "en"
        return JSONResponse(error_body(code, params, lang, status), status_code=status)
    lang = request_lang(request)
    page: HTMLResponse = render(
        request,
        "error.html",
        {"status": status, "detail": error_text(code, params, lang), "code": code, "as_of_date": None},
        status_code=status,
    )
    return page
