"""Authorisation: may this user act in this role for this organisation? And separation of duties.

A grant of a role over organisation X covers X and every organisation below it (``services.orgs.within``).
Refusals are :class:`~dxtrack.domain.accounts.AccessError` with a code of the error catalogue (403).
"""

from __future__ import annotations

from collections.abc import Iterable

from dxtrack.domain.accounts import AccessError, User
from dxtrack.services import orgs
from dxtrack.store import Engine


def covers(engine: Engine, user: User, role: str, org_id: str) -> bool:
    """True when ``user`` is enabled and holds ``role`` over ``org_id`` or one of its ancestors."""
    return user.enabled and any(g.role == role and orgs.within(engine, org_id, g.org_id) for g in user.grants)


def require(engine: Engine, user: User, role: str | Iterable[str], org_id: str) -> None:
    """Nothing when ``user`` holds ``role`` (or one of several roles) over ``org_id``; 403 ``forbidden`` otherwise."""
    roles = (role,) if isinstance(role, str) else tuple(role)
    if not any(covers(engine, user, r, org_id) for r in roles):
        wanted = " or ".join(roles)
        raise AccessError(
            "forbidden",
            {"user": user.name, "role": wanted, "org": org_id},
            f"user '{user.name}' does not hold the role {wanted} for organisation {org_id}",
        )


def scopes(user: User, role: str) -> list[str]:
    """The organisations over which ``user`` holds ``role`` (each covering those below it)."""
    return [g.org_id for g in user.grants if g.role == role]


def separate_duties(first_actor: str, second_actor: str, *, step: str, entity: str) -> None:
    """The same user never performs two steps that must be separate (e.g. submits and approves one submission):
    403 ``separation_of_duties`` when ``first_actor`` is ``second_actor``."""
    if first_actor == second_actor:
        raise AccessError(
            "separation_of_duties",
            {"user": second_actor, "step": step, "entity": entity},
            f"user '{second_actor}' may not {step} {entity}: they took the previous step themselves",
        )
