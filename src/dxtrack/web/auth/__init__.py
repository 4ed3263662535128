"""Accounts on the web: sign-in pages and API, sessions and API tokens, CSRF, the route/role guard.

:func:`install` adds it all to an app: the routers, ``--require-login``, the roles in the OpenAPI document,
and the check that every write route has a rule in :mod:`dxtrack.web.auth.rules`.
"""

from __future__ import annotations

from fastapi import FastAPI

from dxtrack.web.auth import api, pages
from dxtrack.web.auth.middleware import RequireLogin
from dxtrack.web.auth.openapi import install_openapi
from dxtrack.web.auth.rules import check_rules

__all__ = ["install"]


def install(app: FastAPI, *, require_login: bool = False, secure_cookies: bool = False) -> None:
    """Add sign-in to ``app`` (call after the other routers: it checks every write route has a rule)."""
    app.state.secure_cookies = secure_cookies
    app.state.require_login = require_login
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(pages.router)
    if require_login:
        app.add_middleware(RequireLogin)
    install_openapi(app, require_login=require_login)
    check_rules(app)
