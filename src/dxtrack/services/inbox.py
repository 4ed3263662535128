"""What a signed-in user sees of the reporting loop: the calls with the units they hold a role over (a unit sees
only its own part), the completeness board of the units a coordinator covers, and the review queue (reports
waiting for this approver's approval or this coordinator's acceptance)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.accounts import AccessError, User
from dxtrack.services import authz, calls
from dxtrack.services.submissions import board, reminders
from dxtrack.store import Engine

LOOP_ROLES = ("submitter", "approver", "coordinator", "viewer")
"""Roles that let a user see a unit's part of a call (any of them over the unit)."""

WAITING = {"submitted": "approver", "approved": "coordinator"}
"""Who the next step of a report waits for, by its state."""


def roles_over(engine: Engine, user: User, org_id: str) -> list[str]:
    """The loop roles ``user`` holds over the unit ``org_id`` (in :data:`LOOP_ROLES` order)."""
    return [r for r in LOOP_ROLES if authz.covers(engine, user, r, org_id)]


def require_reader(engine: Engine, user: User, call_id: int, org_id: str) -> None:
    """403 ``forbidden`` unless ``user`` holds a loop role over ``org_id``; the call and unit must exist."""
    calls.template(engine, call_id, org_id)  # a one-line error for an unknown call or unit
    if not roles_over(engine, user, org_id):
        authz.require(engine, user, LOOP_ROLES, org_id)


def my_calls(engine: Engine, user: User, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Every call with at least one unit the user holds a loop role over, newest first; each with those units
    (state, lateness, revision, the user's roles there) and whether the user coordinates any of them."""
    out = []
    for call in reversed(calls.list_calls(engine)):
        status = board(engine, call["id"], as_of)
        mine = []
        for unit in status["units"]:
            roles = roles_over(engine, user, unit["org"])
            if roles:
                mine.append({**{k: unit[k] for k in ("org", "org_name", "state", "late", "revision")}, "roles": roles,
                             "owes": len(unit["owes"])})  # fmt: skip
        if mine:
            keys = ("id", "title", "pack_id", "period", "cutoff", "due", "state")
            out.append({**{k: call[k] for k in keys}, **calls.repeat_json(call), "units": mine,
                        "coordinates": any("coordinator" in u["roles"] for u in mine)})  # fmt: skip
    return out


def coordinator_board(engine: Engine, user: User, call_id: int, as_of: dt.date | None = None) -> dict[str, Any]:
    """The call's completeness and timeliness board, restricted to the units the user coordinates (403 when none)."""
    status = board(engine, call_id, as_of)
    units = [u for u in status["units"] if authz.covers(engine, user, "coordinator", u["org"])]
    if not units:
        raise AccessError(
            "forbidden",
            {"user": user.name, "role": "coordinator", "org": f"call {call_id}"},
            f"user '{user.name}' coordinates no unit of call {call_id}",
        )
    return {**status, "units": units}


def coordinator_reminders(engine: Engine, user: User, call_id: int, as_of: dt.date | None = None) -> dict[str, Any]:
    """``remind --dry-run`` (the late units and what each owes) restricted to the units the user coordinates (403
    when none): what the urging letter from the board is addressed to."""
    covered = {u["org"] for u in coordinator_board(engine, user, call_id, as_of)["units"]}
    found = reminders(engine, call_id, as_of)
    return {**found, "late": [u for u in found["late"] if u["org"] in covered]}


def review_queue(engine: Engine, user: User, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Reports waiting for this user: submitted ones of units they approve, approved ones of units they
    coordinate (open calls only), oldest call first."""
    queue = []
    for call in calls.list_calls(engine):
        if call["state"] != "open":
            continue
        for unit in board(engine, call["id"], as_of)["units"]:
            role = WAITING.get(unit["state"])
            if role and authz.covers(engine, user, role, unit["org"]):
                queue.append({"call": call["id"], "title": call["title"], "period": call["period"], "due": call["due"],
                              "org": unit["org"], "org_name": unit["org_name"], "state": unit["state"],
                              "revision": unit["revision"], "late": unit["late"], "step": role})  # fmt: skip
    return queue
