"""Drafts of a unit's report: partial values saved without blocking validation (the unit sees its whole validation
report and comes back later), and the unit's current report (its latest revision, draft or not) for a form.

A draft is a revision of the unit's report whose state is ``draft``; saving the same content again writes
nothing; submitting the content of the latest draft turns that revision into the submission (no new revision).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.accounts import User
from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.report_items import REPORT_STATES
from dxtrack.errors import CodedError, Words
from dxtrack.services import authz, calls
from dxtrack.services.submissions import check
from dxtrack.services.validation import Issue
from dxtrack.store import Engine, audit
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo

LOCKED_STATES = ("submitted", "approved", "accepted")
"""States in which the unit cannot change its report (it must be returned or reopened first)."""


def issues_json(issues: list[Issue], lang: str = "en") -> list[dict[str, Any]]:
    """Issues as ``{"item", "rule", "code", "params", "message"}``, the message in ``lang`` (the API and the CLI)."""
    return [i.as_dict(lang) for i in issues]


def save_draft(
    engine: Engine,
    pack: ContentPack,
    user: User,
    call_id: int,
    org_id: str,
    payload: Any,
    *,
    file: str = "draft",
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Store the filled (or partly filled) template as a draft revision, whatever its errors; returns the draft
    (``submission``, ``revision``, ``written``) with the whole validation report (``errors``, ``warnings``: lists
    of :class:`Issue`, worded at the edge by :func:`issues_json`)."""
    authz.require(engine, user, "submitter", org_id)
    call = calls.get_call(engine, call_id)
    if call["state"] != "open":
        raise CodedError("call_closed", call=call_id, state=call["state"])
    values, comments, errors, warnings = check(engine, pack, call_id, org_id, payload, file=file)
    kinds = {i["id"]: i["kind"] for i in calls.template(engine, call_id, org_id)["items"]}
    kept = [{"item_id": k, "value": v, "comment": comments.get(k)} for k, v in sorted(values.items()) if k in kinds]
    digest = audit.content_hash(kept)
    at = now or dt.datetime.now(dt.UTC)
    report = {"call": call_id, "org": org_id, "errors": errors, "warnings": warnings}
    with repo.transaction(engine) as conn:
        rows.lock_unit(conn, call_id, org_id)
        subs = rows.submissions(conn, call_id, org_id)
        latest = subs[-1] if subs else None
        state = str(latest["events"][-1]["state"]) if latest else "not_submitted"
        if latest is not None and latest["content_hash"] == digest:
            return {**report, "submission": latest["id"], "revision": latest["revision"], "state": state,
                    "written": False}  # fmt: skip
        if latest is not None and state in LOCKED_STATES:
            said = Words(*REPORT_STATES[state])
            raise CodedError("submission_locked", call=call_id, org=org_id, revision=latest["revision"], state=said)
        revision = rows.next_revision(conn, call_id, org_id)
        head = {"call_id": call_id, "org_id": org_id, "revision": revision, "content_hash": digest,
                "warnings": [str(w) for w in warnings] or None, "created_at": at, "created_by": user.name}  # fmt: skip
        sub_id = rows.insert_submission(conn, head, [{**r, "kind": kinds[r["item_id"]]} for r in kept])
        rows.add_event(conn, sub_id, "draft", user.name, None, at)
        audit.append_record_event(conn, actor=user.name, action="submission.draft", entity="submission",
                                  entity_id=str(sub_id), detail={"call": call_id, "org": org_id, "revision": revision,
                                                                 "errors": len(errors)})  # fmt: skip
    return {**report, "submission": sub_id, "revision": revision, "state": "draft", "written": True}


def current(engine: Engine, call_id: int, org_id: str) -> dict[str, Any]:
    """The unit's report as it stands: its state, latest revision (draft or not) with values and comments, and
    every revision with its status events (oldest first) — what the unit's page shows."""
    calls.get_call(engine, call_id)
    with engine.connect() as conn:
        subs = rows.submissions(conn, call_id, org_id)
        latest = subs[-1] if subs else None
        values = rows.submission_values(conn, latest["id"]) if latest else []
    history = [
        {"submission": s["id"], "revision": s["revision"], "created_at": s["created_at"], "created_by": s["created_by"],
         "warnings": s["warnings"] or [],
         "events": [{k: e[k] for k in ("state", "actor", "reason", "at")} for e in s["events"]]}
        for s in subs
    ]  # fmt: skip
    return {
        "call": call_id,
        "org": org_id,
        "state": str(latest["events"][-1]["state"]) if latest else "not_submitted",
        "revision": latest["revision"] if latest else None,
        "values": {v["item_id"]: v["value"] for v in values},
        "comments": {v["item_id"]: v["comment"] for v in values if v["comment"]},
        "history": history,
    }


def filled(template: dict[str, Any], values: dict[str, Any], comments: dict[str, str]) -> dict[str, Any]:
    """The template JSON with ``value`` (and ``comment``) filled in from a report (what submit and draft take)."""
    items = []
    for item in template["items"]:
        entry = {**item, "value": values.get(item["id"])}
        if comments.get(item["id"]):
            entry["comment"] = comments[item["id"]]
        items.append(entry)
    return {**template, "items": items}
