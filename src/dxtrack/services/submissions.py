"""Submissions of units to a data call and their status flow: submitted → approved (the unit's approver) →
accepted (the coordinator) or returned (with a reason) → a corrected revision; accepted is locked until a
coordinator reopens it. Every step is an audit event; acceptance publishes the unit's report (observations
through the normal validated write path, the tasks' status history, report material)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dxtrack.domain.accounts import User
from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.loop import DONE_STATES, SECTION_PREFIX, STATE_WORDS
from dxtrack.domain.reported_value import observation_comment
from dxtrack.errors import CodedError, Words
from dxtrack.ingest.batch import ObservationBatch
from dxtrack.services import authz, calls, orgs
from dxtrack.services.files import CheckedFile, record, store_blob
from dxtrack.services.store import write_batch
from dxtrack.services.validation import Issue, reported_number, validate
from dxtrack.settings import FileSettings
from dxtrack.store import Engine, Transaction, audit
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo


class SubmissionRejected(CodedError):
    """A submission with errors: nothing was written; carries every issue (the message names the first)."""

    def __init__(self, file: str, issues: list[Issue]) -> None:
        self.issues = issues
        self.file = file
        if len(issues) > 1:
            super().__init__("submission_rejected", file=file, first=issues[0], more=len(issues) - 1)
        else:
            super().__init__("submission_rejected_one", file=file, first=issues[0])


def _said(state: str) -> Words:
    return Words(*STATE_WORDS.get(state, (state, state)))


def _state(sub: dict[str, Any] | None) -> str:
    return "not_submitted" if sub is None else str(sub["events"][-1]["state"])


def _latest(conn: Transaction, call_id: int, org_id: str) -> dict[str, Any] | None:
    subs = rows.submissions(conn, call_id, org_id)
    return subs[-1] if subs else None


def _area(engine: Engine, pack: ContentPack, org_id: str) -> str:
    org = orgs.get_org(engine, org_id)
    return org.area_code if org is not None and org.area_code else pack.focus_area


def check(
    engine: Engine, pack: ContentPack, call_id: int, org_id: str, payload: Any, *, file: str = "submission"
) -> tuple[dict[str, Any], dict[str, str], list[Issue], list[Issue]]:
    """(values, comments, errors, warnings) of a filled template — the unit's whole validation report."""
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise CodedError("submission_not_template", file=file)
    if payload.get("call") != call_id or payload.get("org") != org_id:
        raise CodedError("submission_wrong_call", file=file, found_call=repr(payload.get("call")),
                         found_org=repr(payload.get("org")), call=call_id, org=org_id)  # fmt: skip
    tpl = calls.template(engine, call_id, org_id)
    values = {str(i.get("id")): i.get("value") for i in payload["items"] if isinstance(i, dict)}
    comments = {
        str(i.get("id")): str(i["comment"]) for i in payload["items"] if isinstance(i, dict) and i.get("comment")
    }
    values = {k: v for k, v in values.items() if v is not None}
    call = calls.get_call(engine, call_id)
    area = _area(engine, pack, org_id)
    with engine.connect() as conn:
        history = {
            k: rows.history_values(conn, k, area, call["period_start"])
            for k, item in ((i["id"], i) for i in tpl["items"])
            if item["kind"] == "indicator" and k in values
        }
    errors, warnings = validate(tpl["items"], values, comments, history)
    return values, comments, errors, warnings


def submit(
    engine: Engine,
    pack: ContentPack,
    user: User,
    call_id: int,
    org_id: str,
    payload: Any,
    *,
    file: str = "submission",
    now: dt.datetime | None = None,
    files: Sequence[CheckedFile] = (),
    file_settings: FileSettings | None = None,
) -> tuple[int, int, bool]:
    """Validate and store a unit's report as its next revision; (submission id, revision, written).

    The same content as the unit's latest revision writes nothing (written False), unless that revision was
    returned or reopened: then it is resubmitted as the next revision. ``files`` (checked evidence files cited in
    the payload) are stored once the report has passed validation and recorded with the revision."""
    authz.require(engine, user, "submitter", org_id)
    call = calls.get_call(engine, call_id)
    if call["state"] != "open":
        raise CodedError("call_closed", call=call_id, state=_said(call["state"]))
    values, comments, errors, warnings = check(engine, pack, call_id, org_id, payload, file=file)
    if errors:
        raise SubmissionRejected(file, errors)
    reported = [{"item_id": k, "value": v, "comment": comments.get(k)} for k, v in sorted(values.items())]
    digest = audit.content_hash(reported)
    kinds = {i["id"]: i["kind"] for i in calls.template(engine, call_id, org_id)["items"]}
    at = now or dt.datetime.now(dt.UTC)
    for f in files:  # a blob without its record (if the transaction below fails) is never cited: harmless
        store_blob(f, file_settings)
    with repo.transaction(engine) as conn:
        rows.lock_unit(conn, call_id, org_id)
        latest = _latest(conn, call_id, org_id)
        if latest is not None and latest["content_hash"] == digest and _state(latest) != "returned":
            if _state(latest) != "draft":
                return int(latest["id"]), int(latest["revision"]), False
            # the unit submits the draft it saved: that revision becomes the submission
            before = audit.record_hash(conn, "submission", str(latest["id"]))
            rows.add_event(conn, latest["id"], "submitted", user.name, None, at)
            detail = {"call": call_id, "org": org_id, "revision": latest["revision"]}
            audit.append_record_event(conn, actor=user.name, action="submission.submit", entity="submission",
                                      entity_id=str(latest["id"]), before=before, detail=detail)  # fmt: skip
            return int(latest["id"]), int(latest["revision"]), True
        if _state(latest) in ("accepted", "approved", "submitted"):
            raise CodedError("submission_locked", call=call_id, org=org_id,
                             revision=latest["revision"] if latest else 0, state=_said(_state(latest)))  # fmt: skip
        revision = rows.next_revision(conn, call_id, org_id)
        head = {"call_id": call_id, "org_id": org_id, "revision": revision, "content_hash": digest,
                "warnings": [str(w) for w in warnings] or None, "created_at": at, "created_by": user.name}  # fmt: skip
        sub_id = rows.insert_submission(conn, head, [{**r, "kind": kinds[r["item_id"]]} for r in reported])
        rows.add_event(conn, sub_id, "submitted", user.name, None, at)
        for f in files:
            record(conn, f, org_id, user.name, at)
        detail = {"call": call_id, "org": org_id, "revision": revision}
        audit.append_record_event(
            conn, actor=user.name, action="submission.submit", entity="submission", entity_id=str(sub_id), detail=detail
        )
    return sub_id, revision, True


ACTIONS = ("approve", "accept", "return", "reopen")
_NEXT = {"approve": "approved", "accept": "accepted", "return": "returned", "reopen": "returned"}
_FROM = {
    "approve": ("submitted",),
    "accept": ("approved",),
    "return": ("submitted", "approved"),
    "reopen": ("accepted",),
}
_WORDS = {"approve": ("phê duyệt", "approve"), "accept": ("tiếp nhận", "accept"), "return": ("trả lại", "return"),
          "reopen": ("mở lại", "reopen")}  # fmt: skip
_ROLE = {"approve": "approver", "accept": "coordinator", "return": "coordinator", "reopen": "coordinator"}


def review(
    engine: Engine,
    pack: ContentPack,
    user: User,
    call_id: int,
    org_id: str,
    action: str,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> str:
    """One step of the status flow on the unit's latest revision; returns the new state."""
    if action not in ACTIONS:
        raise CodedError("review_unknown_action", action=action, choices=", ".join(ACTIONS))
    if action in ("return", "reopen") and not (reason or "").strip():
        raise CodedError("review_reason_required", action=Words(*_WORDS[action]))
    authz.require(engine, user, _ROLE[action], org_id)
    call = calls.get_call(engine, call_id)
    at = now or dt.datetime.now(dt.UTC)
    org = orgs.get_org(engine, org_id)  # read before the transaction: it holds its one connection to the end
    unit = (org.name_vi if org else org_id, _area(engine, pack, org_id))
    with repo.transaction(engine) as conn:
        rows.lock_unit(conn, call_id, org_id)
        latest = _latest(conn, call_id, org_id)
        state = _state(latest)
        if latest is None or state not in _FROM[action]:
            said = {"state": _said(state), "action": Words(*_WORDS[action])}
            raise CodedError("review_bad_state", call=call_id, org=org_id, **said)
        entity = f"submission {latest['id']}"
        if action == "approve":
            authz.separate_duties(latest["created_by"], user.name, step="approve", entity=entity)
        if action == "accept":
            approver = next(e["actor"] for e in reversed(latest["events"]) if e["state"] == "approved")
            authz.separate_duties(approver, user.name, step="accept", entity=entity)
        before = audit.record_hash(conn, "submission", str(latest["id"]))
        rows.add_event(conn, latest["id"], _NEXT[action], user.name, reason, at)
        if action == "accept":
            _publish(conn, unit, pack, call, latest, at.date(), user.name)
        audit.append_record_event(conn, actor=user.name, action=f"submission.{action}", entity="submission",
                                  entity_id=str(latest["id"]), before=before,
                                  detail={"call": call_id, "org": org_id, "reason": reason})  # fmt: skip
    return _NEXT[action]


def _publish(
    conn: Transaction,
    unit: tuple[str, str],
    pack: ContentPack,
    call: dict[str, Any],
    sub: dict[str, Any],
    day: dt.date,
    actor: str,
) -> None:
    """The accepted report becomes observations (source: the unit's report), task statuses and report material.

    ``unit`` is (the unit's name, its area); everything is written on ``conn`` (a second connection from the pool
    while holding this one could wait forever when every pooled connection is held the same way)."""
    name, area = unit
    values = rows.submission_values(conn, sub["id"])
    source_id = f"call:{call['id']}:{sub['org_id']}:r{sub['revision']}"
    frame = pd.DataFrame(
        [
            {
                "indicator": v["item_id"],
                "area": area,
                "period": call["period"],
                "period_start": call["period_start"],
                "period_end": call["period_end"],
                "disaggregation": "",
                "value": reported_number(v["value"]),
                "unit": pack.indicator(v["item_id"]).unit,
                "source_id": source_id,
                "status": "published",
                "published_on": day,
                "comment": observation_comment(v["value"], v["comment"]),
            }
            for v in values
            if v["kind"] == "indicator"
        ]
    )
    if not frame.empty:
        source = {"id": source_id, "publisher": name, "title": f"{call['title']} — {name}",
                  "url_or_document": None, "retrieved_on": day, "licence": None,
                  "note": f"data call {call['id']}, revision {sub['revision']}"}  # fmt: skip
        key = audit.content_hash(
            {"call": call["id"], "org": sub["org_id"], "revision": sub["revision"], "hash": sub["content_hash"]}
        )
        batch = ObservationBatch("submission", f"call {call['id']} {sub['org_id']} r{sub['revision']}", key,
                                 frame, [source])  # fmt: skip
        write_batch(conn, batch, recorded_by=actor, actor=actor)
    rows.insert_task_statuses(conn, [
        {"pack_id": call["pack_id"], "task_id": v["item_id"], "org_id": sub["org_id"], "status": v["value"]["status"],
         "note": v["value"].get("note"), "product": v["value"].get("product"),
         "evidence": v["value"].get("evidence") or None, "reported_on": day, "submission_id": sub["id"]}
        for v in values if v["kind"] == "task"
    ])  # fmt: skip
    rows.insert_material(conn, [
        {"call_id": call["id"], "org_id": sub["org_id"], "section": v["item_id"].removeprefix(SECTION_PREFIX),
         "text": v["value"], "accepted_on": day, "submission_id": sub["id"]}
        for v in values if v["kind"] == "section"
    ])  # fmt: skip


def board(engine: Engine, call_id: int, as_of: dt.date | None = None) -> dict[str, Any]:
    """Each unit's state, lateness and what it still owes (the completeness and timeliness board)."""
    call = calls.get_call(engine, call_id)
    day = as_of or dt.date.today()
    due = call["due"]
    with engine.connect() as conn:
        units = rows.unit_rows(conn, call_id)
        subs = rows.submissions(conn, call_id)
        latest_values = {}
        by_org: dict[str, list[dict[str, Any]]] = {}
        for s in subs:
            by_org.setdefault(s["org_id"], []).append(s)
        for org_id, revs in by_org.items():
            latest_values[org_id] = {v["item_id"] for v in rows.submission_values(conn, revs[-1]["id"])}
    names = {o.id: o.name_vi for o in orgs.list_orgs(engine)}
    out = []
    for unit in units:
        revs = by_org.get(unit["org_id"], [])
        state = _state(revs[-1] if revs else None)
        first = min((e["at"].date() for s in revs for e in s["events"] if e["state"] == "submitted"), default=None)
        late = (first is None and day > due) or (first is not None and first > due)
        late = late or (state in ("returned", "draft") and day > due)
        have = latest_values.get(unit["org_id"], set())
        owes = [{"id": i["id"], "kind": i["kind"], "label": i["label"]} for i in unit["items"] if i["id"] not in have]
        out.append({"org": unit["org_id"], "org_name": names.get(unit["org_id"], unit["org_id"]), "state": state,
                    "late": late, "revision": revs[-1]["revision"] if revs else None, "owes": owes})  # fmt: skip
    return {"call": call_id, "title": call["title"], "due": due.isoformat(), "as_of": day.isoformat(), "units": out}


def reminders(engine: Engine, call_id: int, as_of: dt.date | None = None) -> dict[str, Any]:
    """The late units that have not been accepted, and what each still owes (``remind --dry-run``)."""
    status = board(engine, call_id, as_of)
    late = [{k: u[k] for k in ("org", "org_name", "state", "late", "owes")} for u in status["units"]
            if u["late"] and u["state"] != "accepted"]  # fmt: skip
    return {"call": call_id, "title": status["title"], "due": status["due"], "as_of": status["as_of"], "late": late}


__all__ = ["DONE_STATES", "SubmissionRejected", "board", "check", "reminders", "review", "submit"]
