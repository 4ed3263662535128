"""Reminders of a data call by e-mail, sent and recorded: ``after`` the deadline to late units not yet accepted,
``before`` it to units that have not reported when the due date is at most ``before_days`` away. Each reminder goes
once (call, unit, kind): a second run sends only what was not sent; each one sent is recorded and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.accounts import User
from dxtrack.domain.loop import DONE_STATES
from dxtrack.errors import CodedError
from dxtrack.services import authz, calls, contacts, mailer, submissions
from dxtrack.store import Engine, audit
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo

BEFORE_DAYS = 3
"""Days before the due date from which a unit that has not reported is reminded."""
CHANNEL = "email"


def pending(
    engine: Engine, call_id: int, as_of: dt.date, before_days: int = BEFORE_DAYS
) -> list[tuple[str, dict[str, Any]]]:
    """(kind, unit) of every reminder due on ``as_of`` and not yet sent (``unit`` as in the board)."""
    board = submissions.board(engine, call_id, as_of)
    due = dt.date.fromisoformat(board["due"])
    with engine.connect() as conn:
        sent = {(r["org_id"], r["kind"]) for r in rows.reminders_sent(conn, call_id) if r["channel"] == CHANNEL}
    out = []
    for unit in board["units"]:
        if unit["state"] == "accepted":
            continue
        if unit["late"]:
            kind = "after"
        elif as_of <= due and (due - as_of).days <= before_days and unit["state"] not in DONE_STATES:
            kind = "before"
        else:
            continue
        if (unit["org"], kind) not in sent:
            out.append((kind, unit))
    return out


def send(
    engine: Engine,
    user: User,
    call_id: int,
    *,
    as_of: dt.date | None = None,
    before_days: int = BEFORE_DAYS,
    settings: mailer.SmtpSettings | None = None,
    lang: str = "vi",
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Send the pending reminders (a coordinator over each unit), one message per unit, recording each one sent.

    Returns ``{"sent": [{org, kind, to}], "no_address": [org]}``. A failure of the SMTP server stops the round with
    its one-line error; the reminders sent before it stay recorded, so running again sends only the rest."""
    if before_days < 0:
        raise CodedError("remind_bad_days", value=before_days)
    call = calls.get_call(engine, call_id)
    day = as_of or dt.date.today()
    todo = pending(engine, call_id, day, before_days)
    for _, unit in todo:
        authz.require(engine, user, "coordinator", unit["org"])
    if todo and settings is None:
        settings = mailer.SmtpSettings.from_env()
    addresses = contacts.addresses(engine)
    sent: list[dict[str, Any]] = []
    no_address: list[str] = []
    for kind, unit in todo:
        remind = {"call": call_id, "title": call["title"], "due": call["due"].isoformat(), "as_of": day.isoformat(),
                  "late": [unit]}  # fmt: skip
        result = mailer.send_reminders(remind, addresses, settings=settings, lang=lang)
        if result.no_address:
            no_address.append(unit["org"])
            continue
        to = str(result.messages[0]["To"])
        at = now or dt.datetime.now(dt.UTC)
        row = {"call_id": call_id, "org_id": unit["org"], "kind": kind, "sent_at": at, "channel": CHANNEL,
               "result": f"sent to {to}"}  # fmt: skip
        with repo.transaction(engine) as conn:
            rid = rows.insert_reminder(conn, row)
            detail = {"call": call_id, "org": unit["org"], "kind": kind}
            audit.append_record_event(
                conn, actor=user.name, action="reminder.send", entity="reminder", entity_id=str(rid), detail=detail
            )
        sent.append({"org": unit["org"], "kind": kind, "to": to})
    return {"call": call_id, "as_of": day.isoformat(), "sent": sent, "no_address": no_address}


def unit_reminders(engine: Engine, org_id: str) -> list[dict[str, Any]]:
    """The reminders a unit has been sent, oldest first, each with its call's title (the unit's page shows them)."""
    with engine.connect() as conn:
        found = rows.reminders_sent(conn, org_id=org_id)
        titles = {c["id"]: c["title"] for c in rows.call_rows(conn)}
    return [{**r, "title": titles.get(r["call_id"], "")} for r in found]
