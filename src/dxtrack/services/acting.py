"""Writes made by a named user: who may do what (one table for the CLI and the API), and evidence and notes
recorded as that user.

The stored assessor or author is the user's display name with the organisation they act for; the audit event
names the user's login name.
"""

from __future__ import annotations

import datetime as dt

from dxtrack.domain.accounts import User
from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import DxtrackError
from dxtrack.services import accounts, authz, orgs, records
from dxtrack.services.inbox import LOOP_ROLES
from dxtrack.store import Engine

# The roles each write action needs (over the organisation it is made for). Interfaces look their rules up here.
ACTION_ROLES: dict[str, tuple[str, ...]] = {
    "evidence.add": ("assessor",),
    "note.add": ("assessor", "coordinator"),
    "user.manage": ("admin",),
    "call.create": ("coordinator",),
    "call.status": ("coordinator",),
    "report.read": LOOP_ROLES,
    "report.draft": ("submitter",),
    "report.submit": ("submitter",),
    "report.approve": ("approver",),
    "report.accept": ("coordinator",),
    "report.return": ("coordinator",),
    "report.reopen": ("coordinator",),
}


def acting_user(engine: Engine, name: str | None) -> User:
    """The existing, enabled user ``name`` (from ``--as`` or ``DXTRACK_USER``); an error otherwise."""
    if not name:
        raise DxtrackError("name the user you act as: --as USER or the DXTRACK_USER environment variable")
    user = accounts.get_user(engine, name)
    if user is None:
        raise DxtrackError(f"user '{name}' does not exist; see `dxtrack user list`")
    if not user.enabled:
        raise DxtrackError(f"user '{name}' is disabled")
    return user


def permit(engine: Engine, user: User, action: str, org_id: str | None = None) -> str:
    """The organisation ``user`` acts for (``org_id``, default their own) once they may do ``action`` there."""
    org = org_id or user.org_id
    authz.require(engine, user, ACTION_ROLES[action], org)
    return org


def signature(engine: Engine, user: User, org_id: str) -> str:
    """'Display Name (Organisation)' as stored with evidence and notes."""
    org = orgs.get_org(engine, org_id)
    return f"{user.display_name} ({org.name_vi if org else org_id})"


def add_evidence(
    engine: Engine,
    pack: ContentPack,
    user: User,
    *,
    target_id: str,
    date: dt.date,
    text: str,
    judgement: str,
    link: str | None = None,
    org_id: str | None = None,
) -> int:
    """Evidence and a judgement recorded by ``user``, who must hold the assessor role for the organisation."""
    org = permit(engine, user, "evidence.add", org_id)
    return records.add_evidence(
        engine,
        pack,
        target_id=target_id,
        date=date,
        text=text,
        assessor=signature(engine, user, org),
        judgement=judgement,
        link=link,
        actor=user.name,
    )


def add_note(
    engine: Engine,
    user: User,
    *,
    section: str,
    text: str,
    date: dt.date,
    target_id: str | None = None,
    lang: str = "vi",
    org_id: str | None = None,
) -> int:
    """An analyst's note written by ``user`` (assessor or coordinator for the organisation)."""
    org = permit(engine, user, "note.add", org_id)
    return records.add_note(
        engine,
        section=section,
        text=text,
        author=signature(engine, user, org),
        date=date,
        target_id=target_id,
        lang=lang,
        actor=user.name,
    )
