"""The OpenAPI document says, for every operation, which roles it needs (``x-required-roles``) and how to
authenticate (security schemes: a bearer API token, or the session cookie with its CSRF header)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from dxtrack.web.auth.identity import SESSION_COOKIE
from dxtrack.web.auth.rules import rule_for

SCHEMES = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token from `dxtrack token create USER --expires DAYS`",
    },
    "sessionCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": SESSION_COOKIE,
        "description": "The session of POST /api/v1/auth/login; unsafe requests also send X-CSRF-Token",
    },
}
ANY_USER = "any signed-in user"


def mark_roles(doc: dict[str, Any], *, require_login: bool) -> dict[str, Any]:
    """Add the security schemes and, on every operation, ``x-required-roles`` (empty = public) and ``security``."""
    doc.setdefault("components", {})["securitySchemes"] = SCHEMES
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            rule = rule_for(method, path)
            if rule is not None and rule.public:
                roles: list[str] = []
            elif rule is not None:
                roles = list(rule.roles) or [ANY_USER]
            else:  # a read route: public unless the deployment requires login
                roles = [ANY_USER] if require_login else []
            operation["x-required-roles"] = roles
            operation["security"] = [{"bearerAuth": []}, {"sessionCookie": []}] if roles else []
    return doc


def install_openapi(app: FastAPI, *, require_login: bool) -> None:
    """Wrap the app's OpenAPI generator so that the document carries the roles (built once, then kept)."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = mark_roles(build(), require_login=require_login)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
