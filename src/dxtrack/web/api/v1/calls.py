"""The reporting loop over the JSON API: data calls, a unit's template, drafts, submissions, review steps and the
completeness board. The bodies are the CLI's JSON (``call template --format json`` filled in, as ``submit``
takes it) and every write goes through the same services and validation as the CLI and the Excel upload."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Request
from fastapi.responses import JSONResponse, Response

from dxtrack.present import pick_lang
from dxtrack.present.dates import retitle_period
from dxtrack.reports.urging_letter import MEDIA_TYPE
from dxtrack.services import calls, drafts, inbox, submissions
from dxtrack.web.api.v1.common import DENIED, NOT_FOUND
from dxtrack.web.api.v1.loop_models import CallIn, ReasonIn
from dxtrack.web.api.v1.models import ErrorOut
from dxtrack.web.auth.guard import Writer
from dxtrack.web.deps import AsOf, State
from dxtrack.web.loop_common import api_lang, call_pack, find_call, find_unit, loop_errors, pack_by_id
from dxtrack.web.loop_letter import letter_response

router = APIRouter(prefix="/calls", tags=["reporting loop"])
CallId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The data call's id")]
Org = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$", description="Reporting unit")]
Report = Annotated[
    dict[str, Any],
    Body(description="The unit's template (GET …/template) with `value` filled in; null items are not reported"),
]
REJECTED: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The report has errors (`params.issues`); nothing was written"}
}
UNIT = "/{call_id}/units/{org}"


@router.get("", summary="My data calls", responses=DENIED)
def my_calls(state: State, who: Writer, as_of: AsOf) -> dict[str, Any]:
    """The calls with a unit the user holds a role over (submitter, approver, coordinator, viewer), newest first;
    each unit's state, lateness, revision, the user's roles there and how many items it still owes; the call's
    ``series``, ``repeats``, ``next_period`` and ``next_due`` as ``call list --format json`` gives them."""
    found = inbox.my_calls(state.engine, who.user, as_of)
    return {"items": [{**c, "cutoff": c["cutoff"].isoformat(), "due": c["due"].isoformat()} for c in found]}


@router.post("", status_code=201, summary="Open a data call", responses=DENIED)
def open_call(state: State, who: Writer, body: CallIn) -> dict[str, Any]:
    """Open a call (coordinator over every unit asked); what each unit reports is derived from the pack."""
    with loop_errors():
        pack = pack_by_id(state, body.pack or state.pack.id)
        units = "all" if body.orgs == "all" else ",".join(body.orgs)
        call_id = calls.create_call(state.engine, pack, who.user, title=body.title, period=body.period,
                                    cutoff=body.cutoff.isoformat(), due=body.due.isoformat(), units=units,
                                    repeat_months=body.repeat_months)  # fmt: skip
    return {"id": call_id}


NOT_DUE: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "The call does not repeat, or its next period has not started or is open"}
}


@router.post("/{call_id}/repeat", status_code=201, summary="Open the next period's call",
             responses={**DENIED, **NOT_FOUND, **NOT_DUE})  # fmt: skip
def repeat_call(state: State, who: Writer, call_id: CallId) -> dict[str, Any]:
    """Open the next period's call of a repeating call whose next period has started today (a coordinator over
    its units), as ``dxtrack call repeat`` does; the new call as ``call list --format json`` gives it. 409
    ``call_repeat_not_due`` when the call does not repeat, its next period has not started or is already open."""
    with loop_errors():
        new_id = calls.repeat_call(state.engine, who.user, call_id, dt.date.today(), retitle=retitle_period)
        return calls.call_json(calls.get_call(state.engine, new_id))


@router.get("/{call_id}/status", summary="Completeness and timeliness board", responses={**DENIED, **NOT_FOUND})
def call_status(state: State, who: Writer, call_id: CallId, as_of: AsOf) -> dict[str, Any]:
    """``dxtrack call status --format json`` for the units the user coordinates, with what each still owes."""
    find_call(state, call_id)
    data = inbox.coordinator_board(state.engine, who.user, call_id, as_of)
    keys = ("org", "org_name", "state", "late", "revision", "owes")
    return {**{k: data[k] for k in ("call", "title", "due", "as_of")}, "units": [
        {k: u[k] for k in keys} for u in data["units"]]}  # fmt: skip


@router.get(
    "/{call_id}/letter",
    summary="The urging letter (DOCX)",
    response_class=Response,
    responses={**DENIED, **NOT_FOUND, 200: {"content": {MEDIA_TYPE: {}}, "description": "The letter (DOCX)"},
               409: {"model": ErrorOut, "description": "No unit the user coordinates is late"}},
)  # fmt: skip
def urging_letter(request: Request, state: State, who: Writer, call_id: CallId, as_of: AsOf) -> Response:
    """The công văn đôn đốc to the late units the user coordinates, as ``dxtrack remind --letter`` writes it
    (``?lang=vi|en``, Vietnamese by default; the default issuer); 409 ``call_no_late_unit`` when none is late."""
    return letter_response(state, who.user, call_id, pick_lang(request.query_params.get("lang")) or "vi", as_of)


@router.get(UNIT + "/template", summary="A unit's template", responses={**DENIED, **NOT_FOUND})
def unit_template(state: State, who: Writer, call_id: CallId, org: Org) -> dict[str, Any]:
    """The unit's template: the JSON of ``dxtrack call template --format json`` (fill ``value`` and submit it)."""
    tpl = find_unit(state, call_id, org)
    inbox.require_reader(state.engine, who.user, call_id, org)
    return tpl


@router.get(UNIT + "/report", summary="A unit's report and its history", responses={**DENIED, **NOT_FOUND})
def unit_report(state: State, who: Writer, call_id: CallId, org: Org) -> dict[str, Any]:
    """The unit's current report (its latest revision, draft or not: state, values, comments) and every revision
    with its status events."""
    find_unit(state, call_id, org)
    inbox.require_reader(state.engine, who.user, call_id, org)
    return drafts.current(state.engine, call_id, org)


@router.post(UNIT + "/draft", summary="Save a draft", responses={**DENIED, **NOT_FOUND})
def save_draft(request: Request, state: State, who: Writer, call_id: CallId, org: Org, body: Report) -> dict[str, Any]:
    """Store partial values as a draft whatever their errors; returns the draft and the whole validation report
    (``errors`` and ``warnings``, each naming the item and the rule; messages in ``?lang=``, default English).
    The same content again writes nothing."""
    find_unit(state, call_id, org)
    lang = api_lang(request)
    with loop_errors(lang):
        saved = drafts.save_draft(state.engine, call_pack(state, call_id), who.user, call_id, org, body, file="body")
    return {**saved, "errors": drafts.issues_json(saved["errors"], lang),
            "warnings": drafts.issues_json(saved["warnings"], lang)}  # fmt: skip


@router.post(UNIT + "/submission", status_code=201, summary="Submit", responses={**DENIED, **NOT_FOUND, **REJECTED})
def submit(request: Request, state: State, who: Writer, call_id: CallId, org: Org, body: Report) -> JSONResponse:
    """Validate and submit the unit's report (submitter of the unit): 201 with the new revision; 200 when the
    latest revision already has this content (nothing written); 400 ``submission_rejected`` with every error
    (``params.issues``) otherwise."""
    find_unit(state, call_id, org)
    with loop_errors(api_lang(request)):
        pack = call_pack(state, call_id)
        sub_id, revision, written = submissions.submit(state.engine, pack, who.user, call_id, org, body, file="body")
    report = drafts.current(state.engine, call_id, org)
    out = {"call": call_id, "org": org, "submission": sub_id, "revision": revision, "state": report["state"],
           "written": written, "warnings": report["history"][-1]["warnings"]}  # fmt: skip
    return JSONResponse(out, status_code=201 if written else 200)


def _review(state: State, who: Writer, call_id: int, org: str, action: str, reason: str | None) -> dict[str, Any]:
    find_unit(state, call_id, org)
    with loop_errors():
        new = submissions.review(state.engine, call_pack(state, call_id), who.user, call_id, org, action, reason=reason)
    return {"call": call_id, "org": org, "state": new}


@router.post(UNIT + "/approve", summary="Approve (the unit's approver)", responses={**DENIED, **NOT_FOUND})
def approve(state: State, who: Writer, call_id: CallId, org: Org, body: ReasonIn | None = None) -> dict[str, Any]:
    """Approve the unit's submitted report (an approver of the unit who did not submit it)."""
    return _review(state, who, call_id, org, "approve", body.reason if body else None)


@router.post(UNIT + "/accept", summary="Accept and publish (a coordinator)", responses={**DENIED, **NOT_FOUND})
def accept(state: State, who: Writer, call_id: CallId, org: Org, body: ReasonIn | None = None) -> dict[str, Any]:
    """Accept the approved report: its values become observations citing the unit's report, its task statuses
    the tasks' history, its sections report material; the report is locked."""
    return _review(state, who, call_id, org, "accept", body.reason if body else None)


@router.post(UNIT + "/return", summary="Return with a reason (a coordinator)", responses={**DENIED, **NOT_FOUND})
def return_(state: State, who: Writer, call_id: CallId, org: Org, body: ReasonIn) -> dict[str, Any]:
    """Return the submitted or approved report to the unit; the reason is required."""
    return _review(state, who, call_id, org, "return", body.reason)


@router.post(UNIT + "/reopen", summary="Reopen an accepted report (a coordinator)", responses={**DENIED, **NOT_FOUND})
def reopen(state: State, who: Writer, call_id: CallId, org: Org, body: ReasonIn) -> dict[str, Any]:
    """Reopen an accepted report so the unit can correct it; the reason is required."""
    return _review(state, who, call_id, org, "reopen", body.reason)
