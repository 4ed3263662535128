"""The guard every write route depends on: it looks the route up in the route/role table (:mod:`.rules`).

401 ``not_authenticated`` without credentials, 403 ``csrf_failed`` for a session request without its CSRF token,
403 ``forbidden`` when the user holds none of the rule's roles anywhere. The organisation a write is for is
checked by the service (``dxtrack.services.acting.permit``), which knows it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from dxtrack.domain.accounts import AccessError
from dxtrack.web.auth.identity import Identity, signed_in
from dxtrack.web.auth.rules import rule_for


async def guard(request: Request) -> Identity | None:
    """The caller of a write route, admitted by the route's rule (None only for a public route)."""
    path = request.app.state.route_paths.get(id(request.scope.get("route")), "")
    rule = rule_for(request.method, path)
    if rule is None:  # check_rules makes this unreachable in a started app
        raise RuntimeError(f"no rule for {request.method} {path or request.url.path}")
    if rule.public:
        return None
    who = await signed_in(request)
    if rule.roles and not any(g.role in rule.roles for g in who.user.grants):
        wanted = " or ".join(rule.roles)
        raise AccessError(
            "forbidden",
            {"user": who.user.name, "role": wanted, "org": "*"},
            f"user '{who.user.name}' does not hold the role {wanted}",
        )
    return who


async def required(who: Annotated[Identity | None, Depends(guard)]) -> Identity:
    """:func:`guard` for a route that is not public (the caller is always known)."""
    if who is None:
        raise AccessError("not_authenticated", {"reason": "no credentials"}, "authentication required")
    return who


Caller = Annotated[Identity | None, Depends(guard)]
Writer = Annotated[Identity, Depends(required)]
