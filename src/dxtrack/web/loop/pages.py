"""The reporting loop's pages. Reads need a signed-in user (else the sign-in page); every write is a POST through
the route/role guard (CSRF token in the form) and the same services as the CLI and the API. Nothing here is
cached: each page shows the user's own state of the loop."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dxtrack.domain.report_items import COLLECTIONS, ITEM_KINDS, REPORT_STATES, TASK_REPORT_STATUSES, word
from dxtrack.errors import CodedError
from dxtrack.interop.xlsx_template import TemplateError, read_template, rules_text, write_template
from dxtrack.present import Lang
from dxtrack.present.errors import AppError, error_text
from dxtrack.services import calls, drafts, inbox, remind, submissions, unit_scores
from dxtrack.services.overdue import overdue_by_body
from dxtrack.services.submissions import SubmissionRejected, check
from dxtrack.web.auth.guard import Writer
from dxtrack.web.auth.identity import Identity, identify
from dxtrack.web.auth.labels import label as auth_label
from dxtrack.web.deps import State, page_as_of
from dxtrack.web.loop.forms import payload, show_number
from dxtrack.web.loop.labels import LABELS, label
from dxtrack.web.loop_common import call_pack, find_unit, loop_errors, pack_by_id
from dxtrack.web.loop_letter import letter_response
from dxtrack.web.render import render, request_lang

router = APIRouter(include_in_schema=False)
UNIT = "/loop/calls/{call_id}/units/{org}"
VIET_NAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # times in the history are Viet Nam time
TIME_FORMAT = {"vi": "%d/%m/%Y %H:%M", "en": "%Y-%m-%d %H:%M"}
MAX_UPLOAD_MB = 10
SOON_DAYS = 14


def _who(request: Request) -> Identity | None:
    return identify(request)


def _login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}&lang={request_lang(request)}", status_code=303)


def _page(request: Request, template: str, who: Identity, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = request_lang(request)
    response = render(request, template, {
        "page": "loop", "as_of_date": None, "user": who.user, "csrf": who.csrf or "",
        "l": lambda key, **kw: label(key, lang, **kw),
        "state_label": lambda s: word(REPORT_STATES.get(s, (s, s)), lang),
        "task_label": lambda s: word(TASK_REPORT_STATUSES.get(s, (s, s)), lang),
        "kind_label": lambda k: word(ITEM_KINDS.get(k, (k, k)), lang),
        "task_statuses": list(TASK_REPORT_STATUSES),
        "collections": {k: word(pair, lang) for k, pair in COLLECTIONS.items()},
        "role_label": lambda r: auth_label(f"role_{r}", lang),
        "reminder_kinds": [k for k in LABELS if k.startswith("reminder_sent_")],
        "rule_label": lambda r: (label(f"rule_{r}", lang) if f"rule_{r}" in LABELS else r) + f" ({r})",
        "local_time": lambda at: at.astimezone(VIET_NAM).strftime(TIME_FORMAT[lang]),
        **context,
    }, status_code=status_code)  # fmt: skip
    response.headers["Cache-Control"] = "no-store"
    return response


def _back(request: Request, path: str, done: str | None = None) -> RedirectResponse:
    query = f"?lang={request_lang(request)}" + (f"&done={done}" if done else "")
    return RedirectResponse(path + query, status_code=303)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


# --- the user's calls, the review queue, overdue tasks ------------------------------------------------------------


@router.get("/loop", response_class=HTMLResponse)
def loop_home(request: Request, state: State) -> Response:
    who = _who(request)
    if who is None:
        return _login(request)
    mine = inbox.my_calls(state.engine, who.user)
    queue = inbox.review_queue(state.engine, who.user)
    coordinator = any(g.role == "coordinator" for g in who.user.grants)
    notice = None
    if request.query_params.get("opened"):
        notice = label("call_opened", request_lang(request), id=request.query_params["opened"])
    today = dt.date.today()
    return _page(request, "loop_home.html", who, calls=mine, queue=queue, coordinator=coordinator, notice=notice,
                 today=today, repeats=calls.repeat_info(state.engine, today))  # fmt: skip


@router.get("/loop/review", response_class=HTMLResponse)
def review_queue(request: Request, state: State) -> Response:
    who = _who(request)
    if who is None:
        return _login(request)
    return _page(request, "loop_review.html", who, queue=inbox.review_queue(state.engine, who.user))


@router.get("/loop/overdue", response_class=HTMLResponse)
def overdue(request: Request, state: State) -> Response:
    who = _who(request)
    if who is None:
        return _login(request)
    return _page(request, "loop_overdue.html", who, data=overdue_by_body(state.engine, state.pack),
                 bodies={b.id: b for b in state.pack.bodies})  # fmt: skip


@router.get("/loop/scorecard", response_class=HTMLResponse)
def scorecard(request: Request, state: State) -> Response:
    """Unit scorecards over the calls on the pack of the latest call (the site's pack when there is none)."""
    who = _who(request)
    if who is None:
        return _login(request)
    as_of = page_as_of(request)
    opened = calls.list_calls(state.engine)
    pack = pack_by_id(state, str(opened[-1]["pack_id"])) if opened else state.pack
    return _page(request, "loop_scorecard.html", who, data=unit_scores.scorecard(state.engine, pack, as_of))


def _months(text: str) -> int | None:
    """The form's repeat rule: empty for none, else a whole number of months (the service checks 1 to 60)."""
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise CodedError("call_bad_repeat", value=text)
    return int(text)


@router.post("/loop/calls")
async def open_call(request: Request, state: State, who: Writer) -> Response:
    form = await _form(request)
    with loop_errors(request_lang(request)):
        call_id = calls.create_call(
            state.engine, pack_by_id(state, form.get("pack") or state.pack.id), who.user,
            title=form.get("title", "").strip() or "—", period=form.get("period", "").strip(),
            cutoff=form.get("cutoff", "").strip(), due=form.get("due", "").strip(),
            units=form.get("orgs", "").strip() or "all", repeat_months=_months(form.get("repeat_months", "")),
        )  # fmt: skip
    return RedirectResponse(f"/loop?lang={request_lang(request)}&opened={call_id}", status_code=303)


@router.post("/loop/calls/{call_id}/repeat")
async def repeat_call(request: Request, state: State, who: Writer, call_id: int) -> Response:
    """Open the next period's call of a repeating call whose next period has started (the coordinator's button)."""
    from dxtrack.present.dates import retitle_period

    with loop_errors(request_lang(request)):
        new_id = calls.repeat_call(state.engine, who.user, call_id, dt.date.today(), retitle=retitle_period)
    return RedirectResponse(f"/loop?lang={request_lang(request)}&opened={new_id}", status_code=303)


# --- the coordinator's board ---------------------------------------------------------------------------------------


@router.get("/loop/calls/{call_id}", response_class=HTMLResponse)
def board(request: Request, state: State, call_id: int) -> Response:
    who = _who(request)
    if who is None:
        return _login(request)
    with loop_errors(request_lang(request)):
        call = calls.get_call(state.engine, call_id)
        data = inbox.coordinator_board(state.engine, who.user, call_id)
    counts: dict[str, int] = {}
    for u in data["units"]:
        counts[u["state"]] = counts.get(u["state"], 0) + 1
    late = sum(u["late"] for u in data["units"])
    owing_late = sum(u["late"] and u["state"] != "accepted" for u in data["units"])  # whom the letter addresses
    return _page(request, "loop_board.html", who, call=call, data=data, counts=counts, late=late,
                 owing_late=owing_late)  # fmt: skip


@router.get("/loop/calls/{call_id}/letter.docx")
def urging_letter(request: Request, state: State, who: Writer, call_id: int) -> Response:
    """The urging letter to the late units the coordinator covers (DOCX, as ``dxtrack remind --letter``)."""
    return letter_response(state, who.user, call_id, request_lang(request))


# --- a unit's report -----------------------------------------------------------------------------------------------


def _unit_context(state: State, who: Identity, call_id: int, org: str, lang: Lang) -> dict[str, Any]:
    tpl = find_unit(state, call_id, org)
    inbox.require_reader(state.engine, who.user, call_id, org)
    call = calls.get_call(state.engine, call_id)
    report = drafts.current(state.engine, call_id, org)
    unit = next(u for u in submissions.board(state.engine, call_id)["units"] if u["org"] == org)
    roles = inbox.roles_over(state.engine, who.user, org)
    can_edit = "submitter" in roles and report["state"] not in drafts.LOCKED_STATES and call["state"] == "open"
    steps = []
    if "approver" in roles and report["state"] == "submitted":
        steps.append("approve")
    if "coordinator" in roles:
        steps += {"submitted": ["return"], "approved": ["accept", "return"], "accepted": ["reopen"]}.get(
            report["state"], []
        )
    returned = next((e["reason"] for h in reversed(report["history"]) for e in reversed(h["events"])
                     if e["state"] == "returned"), None) if report["state"] == "returned" else None  # fmt: skip
    days_left = (call["due"] - dt.date.today()).days
    reminder = None
    if report["state"] not in ("accepted", "approved", "submitted") and unit["owes"]:
        if unit["late"]:
            reminder = label("reminder_late", lang, due=_date(call["due"], lang), owes=len(unit["owes"]))
        elif days_left <= SOON_DAYS:
            reminder = label("reminder_soon", lang, due=_date(call["due"], lang), days=days_left,
                             owes=len(unit["owes"]))  # fmt: skip
    sent = [r for r in remind.unit_reminders(state.engine, org) if r["call_id"] == call_id]
    return {"sent_reminders": sent,
            "tpl": tpl, "call": call, "report": report, "unit_row": unit, "roles": roles, "can_edit": can_edit,
            "steps": steps, "returned": returned, "reminder": reminder, "labels": {i["id"]: i["label"] for i in
            tpl["items"]}, "rules": {i["id"]: rules_text(i, lang) for i in tpl["items"]},
            "shown": lambda v: show_number(v, lang)}  # fmt: skip


def _date(day: dt.date, lang: Lang) -> str:
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def _checked(state: State, call_id: int, org: str, filled_in: dict[str, Any]) -> dict[str, list[Any]]:
    _, _, errors, warnings = check(state.engine, call_pack(state, call_id), call_id, org, filled_in, file="form")
    return {"errors": errors, "warnings": warnings}


@router.get(UNIT, response_class=HTMLResponse)
def unit_page(request: Request, state: State, call_id: int, org: str) -> Response:
    who = _who(request)
    if who is None:
        return _login(request)
    lang = request_lang(request)
    with loop_errors(lang):
        ctx = _unit_context(state, who, call_id, org, lang)
    report = ctx["report"]
    values = {k: v for k, v in report["values"].items()}
    result = None
    if report["revision"] is not None:
        result = _checked(state, call_id, org, drafts.filled(ctx["tpl"], values, report["comments"]))
    done = request.query_params.get("done")
    notice = None
    if done in ("draft", "same", "submitted", "submitted_same", "approved", "accepted", "returned", "reopened"):
        key = {"draft": "draft_saved", "same": "draft_same", "submitted": "submitted_ok",
               "submitted_same": "submitted_same"}.get(done, "reviewed")  # fmt: skip
        notice = label(key, lang, revision=report["revision"], state=word(REPORT_STATES[report["state"]], lang))
    return _page(request, "loop_unit.html", who, values=values, comments=report["comments"], result=result,
                 notice=notice, **ctx)  # fmt: skip


@router.get(UNIT + "/template.xlsx")
def template_xlsx(request: Request, state: State, call_id: int, org: str) -> Response:
    who = _who(request)
    if who is None:
        return _login(request)
    lang = request_lang(request)
    tpl = find_unit(state, call_id, org)
    inbox.require_reader(state.engine, who.user, call_id, org)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "template.xlsx"
        write_template(tpl, path, lang)
        body = path.read_bytes()
    name = f"bao-cao-dot-{call_id}-{org}.xlsx" if lang == "vi" else f"report-call-{call_id}-{org}.xlsx"
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


def _form_page(request: Request, state: State, who: Identity, call_id: int, org: str, form: dict[str, str],
               **extra: Any) -> HTMLResponse:  # fmt: skip
    """The unit's page showing what the user just entered (not what is stored), with a message."""
    lang = request_lang(request)
    ctx = _unit_context(state, who, call_id, org, lang)
    filled_in = payload(ctx["tpl"], form, lang)
    values = {i["id"]: i["value"] for i in filled_in["items"] if i["value"] is not None}
    comments = {i["id"]: i["comment"] for i in filled_in["items"] if i.get("comment")}
    return _page(request, "loop_unit.html", who, values=values, comments=comments, **{**ctx, **extra})


@router.post(UNIT + "/draft", response_class=HTMLResponse)
async def save_draft(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    lang = request_lang(request)
    form = await _form(request)
    tpl = find_unit(state, call_id, org)
    try:
        with loop_errors(lang):
            saved = drafts.save_draft(state.engine, call_pack(state, call_id), who.user, call_id, org,
                                      payload(tpl, form, lang), file="form")  # fmt: skip
    except AppError as exc:
        if not request.headers.get("hx-request"):
            raise
        # htmx swaps only successful answers: the refusal is shown where the check would be
        return _page(request, "loop_check.html", who, result=None, labels={}, can_edit=True,
                     check_error=error_text(exc.code, exc.params, lang))  # fmt: skip
    if request.headers.get("hx-request"):  # htmx: only the validation report is replaced
        notice = label("draft_saved" if saved["written"] else "draft_same", lang, revision=saved["revision"])
        labels = {i["id"]: i["label"] for i in tpl["items"]}
        return _page(request, "loop_check.html", who, result=saved, labels=labels, check_notice=notice, can_edit=True,
                     oob_state=saved["state"], oob_revision=saved["revision"])  # fmt: skip
    return _back(request, f"/loop/calls/{call_id}/units/{org}", "draft" if saved["written"] else "same")


@router.post(UNIT + "/submit", response_class=HTMLResponse)
async def submit(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    lang = request_lang(request)
    form = await _form(request)
    tpl = find_unit(state, call_id, org)
    try:
        with loop_errors(lang):
            _, _, written = submissions.submit(state.engine, call_pack(state, call_id), who.user, call_id, org,
                                               payload(tpl, form, lang), file="form")  # fmt: skip
    except AppError as exc:
        if exc.code not in ("submission_rejected", "submission_rejected_one"):
            raise
        result = _checked(state, call_id, org, payload(tpl, form, lang))
        return _form_page(request, state, who, call_id, org, form, result=result, rejected=True, status_code=400)
    return _back(request, f"/loop/calls/{call_id}/units/{org}", "submitted" if written else "submitted_same")


@router.post(UNIT + "/upload", response_class=HTMLResponse)
async def upload(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    lang = request_lang(request)
    form = await request.form()
    file = form.get("file")
    if file is None or isinstance(file, str) or not file.filename:
        raise AppError("upload_missing")
    data = await file.read(MAX_UPLOAD_MB * 1024 * 1024 + 1)
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise AppError("upload_too_large", {"limit": MAX_UPLOAD_MB})
    find_unit(state, call_id, org)
    with tempfile.TemporaryDirectory() as folder:
        name = Path(file.filename).name
        path = Path(folder) / (name if name not in ("", ".", "..") else "upload.xlsx")
        path.write_bytes(data)
        try:
            with loop_errors(lang):
                try:
                    filled_in = read_template(path)
                    _, _, written = submissions.submit(state.engine, call_pack(state, call_id), who.user, call_id,
                                                       org, filled_in, file=path.name)  # fmt: skip
                except SubmissionRejected as exc:
                    return _upload_refused(request, state, who, call_id, org, exc.text(lang), exc.issues)
                except (CodedError, TemplateError) as exc:
                    return _upload_refused(request, state, who, call_id, org, error_text(exc.code, exc.params, lang))
        finally:
            await file.close()
    return _back(request, f"/loop/calls/{call_id}/units/{org}", "submitted" if written else "submitted_same")


def _upload_refused(request: Request, state: State, who: Identity, call_id: int, org: str, message: str,
                    issues: list[Any] | None = None) -> HTMLResponse:  # fmt: skip
    lang = request_lang(request)
    ctx = _unit_context(state, who, call_id, org, lang)
    result = {"errors": issues, "warnings": []} if issues else None
    return _page(request, "loop_unit.html", who, values=ctx["report"]["values"], comments=ctx["report"]["comments"],
                 upload_error=message, result=result, status_code=400, **ctx)  # fmt: skip


async def _review(request: Request, state: State, who: Identity, call_id: int, org: str, action: str) -> Response:
    lang = request_lang(request)
    form = await _form(request)
    find_unit(state, call_id, org)
    with loop_errors(lang):
        new = submissions.review(state.engine, call_pack(state, call_id), who.user, call_id, org, action,
                                 reason=form.get("reason") or None)  # fmt: skip
    return _back(request, f"/loop/calls/{call_id}/units/{org}", new if new != "returned" or action == "return"
                 else "reopened")  # fmt: skip


@router.post(UNIT + "/approve")
async def approve(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    return await _review(request, state, who, call_id, org, "approve")


@router.post(UNIT + "/accept")
async def accept(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    return await _review(request, state, who, call_id, org, "accept")


@router.post(UNIT + "/return")
async def return_(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    return await _review(request, state, who, call_id, org, "return")


@router.post(UNIT + "/reopen")
async def reopen(request: Request, state: State, who: Writer, call_id: int, org: str) -> Response:
    return await _review(request, state, who, call_id, org, "reopen")
