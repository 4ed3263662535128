"""Reporting units' e-mail contacts (where reminders of a data call go); added by a coordinator or an admin."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dxtrack.domain.accounts import User
from dxtrack.errors import CodedError
from dxtrack.services import authz, orgs
from dxtrack.store import Engine, audit
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo

_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")


def add_contact(
    engine: Engine, user: User, org_id: str, email: str, name: str | None = None, *, now: dt.datetime | None = None
) -> bool:
    """Record ``email`` as a contact of ``org_id`` (audited); False when it already is one (nothing written)."""
    address = email.strip()
    if not _EMAIL.fullmatch(address):
        raise CodedError("contact_bad_email", value=email)
    if orgs.get_org(engine, org_id) is None:
        raise CodedError("call_unknown_org", org=org_id)
    authz.require(engine, user, ("coordinator", "admin"), org_id)
    row = {"org_id": org_id, "email": address, "name": (name or "").strip() or None,
           "added_at": now or dt.datetime.now(dt.UTC), "added_by": user.name}  # fmt: skip
    with repo.transaction(engine) as conn:
        new_id = rows.insert_contact(conn, row)
        if new_id is not None:
            audit.append_record_event(conn, actor=user.name, action="contact.add", entity="unit_contact",
                                      entity_id=str(new_id), detail={"org": org_id, "email": address})  # fmt: skip
    return new_id is not None


def contacts(engine: Engine, org_id: str | None = None) -> list[dict[str, Any]]:
    """The contacts (of one unit), oldest first."""
    with engine.connect() as conn:
        return rows.contacts(conn, org_id)


def addresses(engine: Engine) -> dict[str, list[str]]:
    """Org id -> its contacts' addresses (what :func:`dxtrack.services.mailer.send_reminders` takes)."""
    out: dict[str, list[str]] = {}
    for c in contacts(engine):
        out.setdefault(c["org_id"], []).append(c["email"])
    return out
