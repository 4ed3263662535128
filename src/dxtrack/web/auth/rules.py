"""The route/role table: which roles each write route needs. One place: the guard, the OpenAPI document and the
role × route test all read it, and the app refuses to start with a write route that has no rule here.

A rule names an action of :data:`dxtrack.services.acting.ACTION_ROLES` (the roles come from there), or is
``PUBLIC`` (anyone, e.g. logging in) or ``SIGNED_IN`` (any signed-in user, e.g. logging out).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from dxtrack.services.acting import ACTION_ROLES

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True)
class Rule:
    """Who may call a route: ``public``, any signed-in user (``action`` None), or the roles of ``action``."""

    action: str | None = None
    public: bool = False

    @property
    def roles(self) -> tuple[str, ...]:
        return ACTION_ROLES[self.action] if self.action else ()


PUBLIC = Rule(public=True)
SIGNED_IN = Rule()

RULES: dict[tuple[str, str], Rule] = {
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): SIGNED_IN,
    ("GET", "/api/v1/auth/me"): SIGNED_IN,  # a read that needs a user: listed so the OpenAPI document says so
    ("POST", "/api/v1/evidence"): Rule("evidence.add"),
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): SIGNED_IN,
    ("POST", "/account/password"): SIGNED_IN,
    # the reporting loop: reads need a user (the service checks the unit), writes the role of the step
    ("GET", "/api/v1/calls"): SIGNED_IN,
    ("POST", "/api/v1/calls"): Rule("call.create"),
    ("POST", "/api/v1/calls/{call_id}/repeat"): Rule("call.create"),
    ("GET", "/api/v1/calls/{call_id}/status"): Rule("call.status"),
    ("GET", "/api/v1/calls/{call_id}/letter"): Rule("call.status"),
    ("GET", "/api/v1/calls/{call_id}/units/{org}/template"): Rule("report.read"),
    ("GET", "/api/v1/calls/{call_id}/units/{org}/report"): Rule("report.read"),
    ("POST", "/api/v1/calls/{call_id}/units/{org}/draft"): Rule("report.draft"),
    ("POST", "/api/v1/calls/{call_id}/units/{org}/submission"): Rule("report.submit"),
    ("POST", "/api/v1/calls/{call_id}/units/{org}/approve"): Rule("report.approve"),
    ("POST", "/api/v1/calls/{call_id}/units/{org}/accept"): Rule("report.accept"),
    ("POST", "/api/v1/calls/{call_id}/units/{org}/return"): Rule("report.return"),
    ("POST", "/api/v1/calls/{call_id}/units/{org}/reopen"): Rule("report.reopen"),
    ("POST", "/loop/calls"): Rule("call.create"),
    ("POST", "/loop/calls/{call_id}/repeat"): Rule("call.create"),
    ("GET", "/loop/calls/{call_id}/letter.docx"): Rule("call.status"),
    ("POST", "/loop/calls/{call_id}/units/{org}/draft"): Rule("report.draft"),
    ("POST", "/loop/calls/{call_id}/units/{org}/submit"): Rule("report.submit"),
    ("POST", "/loop/calls/{call_id}/units/{org}/upload"): Rule("report.submit"),
    ("POST", "/loop/calls/{call_id}/units/{org}/approve"): Rule("report.approve"),
    ("POST", "/loop/calls/{call_id}/units/{org}/accept"): Rule("report.accept"),
    ("POST", "/loop/calls/{call_id}/units/{org}/return"): Rule("report.return"),
    ("POST", "/loop/calls/{call_id}/units/{org}/reopen"): Rule("report.reopen"),
}


def rule_for(method: str, path: str) -> Rule | None:
    """The rule of a route (``path`` as declared, e.g. ``/api/v1/evidence``)."""
    return RULES.get((method.upper(), path))


def endpoints(app: FastAPI) -> Iterator[tuple[str, Any]]:
    """(full path, route) of every endpoint, through included routers (FastAPI keeps those as branches)."""
    for route in app.routes:
        if hasattr(route, "effective_route_contexts"):
            for context in route.effective_route_contexts():
                yield context.path, context.original_route
        elif isinstance(route, APIRoute):
            yield route.path, route


def all_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) of the app."""
    found = []
    for path, route in endpoints(app):
        found += [(m, path) for m in sorted(getattr(route, "methods", None) or ())]
    return found


def write_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) of the app that can change something."""
    return [(m, p) for m, p in all_routes(app) if m in UNSAFE]


def full_paths(app: FastAPI) -> dict[int, str]:
    """The full path of each route object (by id), as the guard needs it (a route only knows its own part)."""
    return {id(route): path for path, route in endpoints(app)}


def check_rules(app: FastAPI) -> None:
    """Refuse an app with a write route that has no rule, or a rule whose route is gone; remember the routes'
    full paths for the guard."""
    app.state.route_paths = full_paths(app)
    missing = sorted(set(write_routes(app)) - set(RULES))
    stale = sorted(set(RULES) - set(all_routes(app)))
    if missing or stale:
        raise RuntimeError(f"route/role table out of date: no rule for {missing}; rule without route {stale}")
