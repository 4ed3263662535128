"""CLI commands of the reporting loop: data calls (`dxtrack call …`), `submit`, `review` and `remind`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dxtrack.cli.common import console, engine, pack_folder, parse_day
from dxtrack.errors import DxtrackError

if TYPE_CHECKING:
    from dxtrack.domain.catalog import ContentPack

call_app = typer.Typer(help="Data calls: ask reporting units for a period's report.", no_args_is_help=True)
AS_HELP = "Act as this user (default: DXTRACK_USER)."
AsUser = Annotated[str | None, typer.Option("--as", envvar="DXTRACK_USER", metavar="USER", help=AS_HELP)]
Format = Annotated[str, typer.Option("--format", help="table or json")]


def _format(fmt: str, allowed: tuple[str, ...] = ("table", "json")) -> str:
    if fmt not in allowed:
        raise DxtrackError(f"--format '{fmt}' is not known; expected {' or '.join(allowed)}")
    return fmt


def _json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _pack(ref: str) -> ContentPack:
    from dxtrack.catalog import load_pack

    return load_pack(pack_folder(ref))


def _call_pack(ctx: typer.Context, call_id: int) -> ContentPack:
    from dxtrack.services import calls

    return _pack(calls.get_call(engine(ctx), call_id)["pack_id"])


@call_app.command("create")
def call_create(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help="The call's title.")],
    period: Annotated[str, typer.Option("--period", help="Reporting period: 2025, 2025-H1, 2025-Q2, 2025-06, …")],
    cutoff: Annotated[str, typer.Option("--cutoff", help="Data cut-off date (thời gian chốt số liệu), YYYY-MM-DD.")],
    due: Annotated[str, typer.Option("--due", help="Deadline, YYYY-MM-DD.")],
    pack: Annotated[str, typer.Option("--pack", help="Content pack id (or folder) the call is on.")],
    orgs: Annotated[str, typer.Option("--orgs", help="'all' or a comma-separated list of organisation ids.")] = "all",
    repeat_months: Annotated[int | None, typer.Option("--repeat-months", help="Repeat every N months.")] = None,
    as_user: AsUser = None,
    format: Format = "table",
) -> None:
    """Open a data call (as a coordinator); prints its id."""
    from dxtrack.services import acting, calls

    fmt = _format(format)
    db = engine(ctx)
    call_id = calls.create_call(
        db, _pack(pack), acting.acting_user(db, as_user), title=title, period=period, cutoff=cutoff, due=due,
        units=orgs, repeat_months=repeat_months,
    )  # fmt: skip
    if fmt == "json":
        _json({"id": call_id})
    else:
        print(call_id)


def _call_json(call: dict[str, Any]) -> dict[str, Any]:
    from dxtrack.services import calls

    return calls.call_json(call)


@call_app.command("repeat")
def call_repeat(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Open what is due on this day, YYYY-MM-DD (today).")
    ] = None,
    as_user: AsUser = None,
    format: Format = "table",
) -> None:
    """Open the next call of every repeating call whose next period has started (as a coordinator); prints the
    calls opened. Running it again opens nothing more."""
    import datetime as dt

    from dxtrack.present.dates import retitle_period
    from dxtrack.services import acting, calls

    fmt = _format(format)
    db = engine(ctx)
    day = parse_day(as_of, "--as-of") or dt.date.today()
    ids = calls.open_due_repeats(db, acting.acting_user(db, as_user), day, retitle=retitle_period)
    opened = [_call_json(calls.get_call(db, i)) for i in ids]
    if fmt == "json":
        _json(opened)
        return
    for c in opened:
        print(f"{c['id']}\t{c['period']}\t{c['title']}\t{c['cutoff']}\t{c['due']}")
    if not opened:
        print(f"Không có kỳ báo cáo nào đến hạn mở ngày {day.isoformat()} / no call due on {day.isoformat()}")


@call_app.command("list")
def call_list(ctx: typer.Context, format: Format = "table") -> None:
    """List the data calls."""
    from dxtrack.services import calls

    data = [_call_json(c) for c in calls.list_calls(engine(ctx))]
    if _format(format) == "json":
        _json(data)
        return
    from rich.table import Table

    table = Table("#", "Tiêu đề / title", "Kỳ / period", "Chốt số liệu / cut-off", "Hạn / due", "Trạng thái / state",
                  "Chuỗi / series", "Kỳ sau / next due")  # fmt: skip
    for c in data:
        nxt = f"{c['next_period']} ({c['next_due']})" if c["next_period"] else "—"
        table.add_row(str(c["id"]), c["title"], c["period"], c["cutoff"], c["due"], c["state"], str(c["series"]), nxt)
    console.print(table)


@call_app.command("show")
def call_show(ctx: typer.Context, call: Annotated[int, typer.Argument()], format: Format = "table") -> None:
    """Show one call and its reporting units with the number of items each owes."""
    from dxtrack.services import calls

    db = engine(ctx)
    data = _call_json(calls.get_call(db, call))
    data["units"] = [{"org": u["org"], "items": len(u["owes"])} for u in _board(db, call, None)["units"]]
    if _format(format) == "json":
        _json(data)
        return
    for k, v in data.items():
        if k != "units":
            print(f"{k}: {v}")
    for u in data["units"]:
        print(f"  {u['org']}: {u['items']} items")


def _board(db: Any, call: int, as_of: str | None) -> dict[str, Any]:
    from dxtrack.services import submissions

    return submissions.board(db, call, parse_day(as_of, "--as-of"))


@call_app.command("status")
def call_status(
    ctx: typer.Context,
    call: Annotated[int, typer.Argument()],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge lateness on this day (default today).")] = None,
    format: Format = "table",
) -> None:
    """Each unit's state (not_submitted, draft, submitted, approved, accepted, returned) and whether it is late."""
    data = _board(engine(ctx), call, as_of)
    units = [{k: u[k] for k in ("org", "org_name", "state", "late", "revision")} for u in data["units"]]
    if _format(format) == "json":
        _json({**{k: data[k] for k in ("call", "title", "due", "as_of")}, "units": units})
        return
    from rich.table import Table

    table = Table("Đơn vị / unit", "Tên / name", "Trạng thái / state", "Muộn / late", "Lần / revision")
    for u in units:
        table.add_row(u["org"], u["org_name"], u["state"], "có / yes" if u["late"] else "—", str(u["revision"] or "—"))
    console.print(table)


@call_app.command("scorecard")
def call_scorecard(
    ctx: typer.Context,
    pack: Annotated[
        str | None, typer.Option("--pack", help="Content pack of the calls (default: that of the latest call).")
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge on this day (default today).")] = None,
    format: Format = "table",
) -> None:
    """Scorecards of the units from the loop: timeliness, completeness, own tasks on time, returned reports."""
    from dxtrack.services import calls, unit_scores

    fmt = _format(format)
    db = engine(ctx)
    if pack is None:
        opened = calls.list_calls(db)
        pack = str(opened[-1]["pack_id"]) if opened else str(ctx.obj.pack)
    data = unit_scores.scorecard(db, _pack(pack), parse_day(as_of, "--as-of"))
    if fmt == "json":
        _json(data)
        return
    from rich.table import Table

    from dxtrack.present.numbers import pct

    def cell(part: int, whole: int) -> str:
        return f"{part}/{whole} ({pct(part / whole, 'vi', 0)})" if whole else "—"

    for group, title in (("ministry", "Bộ, ngành / ministries"), ("province", "Tỉnh, thành phố / provinces")):
        units = [u for u in data["units"] if u["group"] == group]
        table = Table("Đơn vị / unit", "Tên / name", "Báo cáo đúng hạn / on time", "Đầy đủ / complete",
                      "Nhiệm vụ đúng hạn / own tasks on time", "Bị trả lại / returned",
                      title=f"{title}: {len(units)} ({data['pack']}, {data['as_of']})")  # fmt: skip
        for u in [*units, *(g for g in data["groups"] if g["group"] == group)]:
            table.add_row(u.get("org", "Σ"), u.get("org_name", ""), cell(u["calls_on_time"], u["calls"]),
                          cell(u["items_reported"], u["items_asked"]), cell(u["tasks_on_time"], u["tasks_due"]),
                          cell(u["returned"], u["revisions"]))  # fmt: skip
        console.print(table)


@call_app.command("close")
def call_close(ctx: typer.Context, call: Annotated[int, typer.Argument()], as_user: AsUser = None) -> None:
    """Close a call: it takes no more submissions."""
    from dxtrack.services import acting, calls

    db = engine(ctx)
    calls.close_call(db, call, acting.acting_user(db, as_user))
    print(f"call {call} closed")


@call_app.command("template")
def call_template(
    ctx: typer.Context,
    call: Annotated[int, typer.Argument()],
    org: Annotated[str, typer.Option("--org", help="The reporting unit.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    format: Annotated[str, typer.Option("--format", help="json or xlsx")] = "json",
    lang: Annotated[str, typer.Option("--lang", help="xlsx labels: vi or en")] = "vi",
) -> None:
    """Write a unit's template for a call (fill in the values and `dxtrack submit` it)."""
    from dxtrack.services import calls

    tpl = calls.template(engine(ctx), call, org)
    if _format(format, ("json", "xlsx")) == "xlsx":
        from dxtrack.interop.xlsx_template import write_template

        write_template(tpl, out, lang)
    else:
        out.write_text(json.dumps(tpl, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"template for {org} written to {out}")


def submit(
    ctx: typer.Context,
    call: Annotated[int, typer.Argument()],
    org: Annotated[str, typer.Option("--org", help="The reporting unit.")],
    file: Annotated[Path, typer.Option("--file", help="The filled template (.json or .xlsx).")],
    draft: Annotated[
        bool, typer.Option("--draft", help="Save as a draft (partial values; errors do not block) and list them.")
    ] = False,
    evidence: Annotated[
        list[str] | None,
        typer.Option("--evidence", metavar="TASK_ID=PATH", help="Attach an evidence file to a task (repeatable)."),
    ] = None,
    as_user: AsUser = None,
    format: Format = "table",
) -> None:
    """Submit a unit's report to a call (as a submitter of the unit); errors name the item and the rule. Evidence
    files (PDF, DOCX, XLSX, PNG, JPEG) are checked with the report and stored only if it passes."""
    from dxtrack.errors import InputError
    from dxtrack.services import acting, files, submissions

    fmt = _format(format)

    if file.suffix.lower() == ".xlsx":
        from dxtrack.interop.xlsx_template import read_template

        payload: Any = read_template(file)
    else:
        try:
            payload = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the file as JSON: {exc}", file=file.name) from None
    db = engine(ctx)
    user = acting.acting_user(db, as_user)
    if draft:
        if evidence:
            raise DxtrackError("--evidence goes with a submission, not a draft; attach the files when submitting")
        _save_draft(ctx, call, org, user, payload, file.name, fmt)
        return
    checked: list[Any] = []
    if evidence:
        payload, checked = files.attach(payload, [files.evidence_option(e) for e in evidence])
    sub_id, revision, written = submissions.submit(
        db, _call_pack(ctx, call), user, call, org, payload, file=file.name, files=checked
    )
    if fmt == "json":
        _json({"submission": sub_id, "revision": revision, "state": "submitted", "written": written})
    elif written:
        print(f"submission #{sub_id} (revision {revision}) of {org} to call {call} submitted")
    else:
        print(f"submission #{sub_id} (revision {revision}) already has this content; nothing was written")


def _save_draft(ctx: typer.Context, call: int, org: str, user: Any, payload: Any, name: str, fmt: str) -> None:
    from dxtrack.services import drafts

    saved = drafts.save_draft(engine(ctx), _call_pack(ctx, call), user, call, org, payload, file=name)
    lang = "en" if os.environ.get("DXTRACK_LANG", "vi").strip().lower() == "en" else "vi"
    if fmt == "json":
        _json({**saved, "errors": drafts.issues_json(saved["errors"], lang),
               "warnings": drafts.issues_json(saved["warnings"], lang)})  # fmt: skip
        return
    what = "saved" if saved["written"] else "unchanged (nothing was written)"
    print(f"draft #{saved['submission']} (revision {saved['revision']}) of {org} to call {call} {what}; "
          f"{len(saved['errors'])} error(s), {len(saved['warnings'])} warning(s)")  # fmt: skip
    for kind in ("errors", "warnings"):
        for issue in saved[kind]:
            print(f"  {kind[:-1]}: {issue.text(lang)}")


def review(
    ctx: typer.Context,
    call: Annotated[int, typer.Argument()],
    org: Annotated[str, typer.Option("--org", help="The reporting unit.")],
    approve: Annotated[bool, typer.Option("--approve", help="Approve (the unit's approver).")] = False,
    accept: Annotated[bool, typer.Option("--accept", help="Accept and publish (a coordinator).")] = False,
    return_: Annotated[bool, typer.Option("--return", help="Return to the unit (a coordinator; --reason).")] = False,
    reopen: Annotated[
        bool, typer.Option("--reopen", help="Reopen an accepted report (a coordinator; --reason).")
    ] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (required to return or reopen).")] = None,
    as_user: AsUser = None,
) -> None:
    """One review step on a unit's latest submission."""
    from dxtrack.services import acting, submissions

    chosen = [a for a, on in (("approve", approve), ("accept", accept), ("return", return_), ("reopen", reopen)) if on]
    if len(chosen) != 1:
        raise DxtrackError("give exactly one of --approve, --accept, --return, --reopen")
    db = engine(ctx)
    state = submissions.review(
        db, _call_pack(ctx, call), acting.acting_user(db, as_user), call, org, chosen[0], reason=reason
    )
    print(f"call {call}, {org}: {state}")


def remind(
    ctx: typer.Context,
    call: Annotated[int, typer.Argument()],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List the reminders without sending them.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge lateness on this day (default today).")] = None,
    letter: Annotated[Path | None, typer.Option("--letter", help="Write the urging letter (DOCX) here.")] = None,
    issuer: Annotated[str, typer.Option("--issuer", help="The issuing body named in the letter.")] = "",
    lang: Annotated[str, typer.Option("--lang", help="Language of the letter and the e-mails: vi or en")] = "vi",
    before_days: Annotated[
        int,
        typer.Option("--before-days", help="Remind units not yet reported this many days before the due date."),
    ] = 3,
    as_user: AsUser = None,
    format: Format = "table",
) -> None:
    """E-mail the reminders due (a coordinator; after the deadline to late units, before it to units that have not
    reported; never twice the same); --dry-run lists the late units and what each owes; --letter writes the urging
    letter (công văn đôn đốc) instead of sending."""
    if lang not in ("vi", "en"):
        raise DxtrackError(f"--lang '{lang}' is not known; expected vi or en")
    if not dry_run and letter is None:
        _send(ctx, call, as_of, before_days, as_user, lang, _format(format))
        return
    from dxtrack.services import submissions

    data = submissions.reminders(engine(ctx), call, parse_day(as_of, "--as-of"))
    if letter is not None:
        from dxtrack.reports.urging_letter import DEFAULT_ISSUER, write_urging_letter

        if not data["late"]:
            raise DxtrackError(f"call {call} has no late unit; no letter was written")
        write_urging_letter(data, letter, issuer_name=issuer or DEFAULT_ISSUER, lang=lang)  # type: ignore[arg-type]
        print(f"urging letter written to {letter}", file=sys.stderr)
    if _format(format) == "json":
        _json(data)
        return
    for u in data["late"]:
        print(f"{u['org']} {u['org_name']}: {u['state']}, owes {len(u['owes'])} item(s)")


def _send(ctx: typer.Context, call: int, as_of: str | None, before_days: int, as_user: str | None, lang: str,
          fmt: str) -> None:  # fmt: skip
    from dxtrack.services import acting, remind

    db = engine(ctx)
    done = remind.send(db, acting.acting_user(db, as_user), call, as_of=parse_day(as_of, "--as-of"),
                       before_days=before_days, lang=lang)  # fmt: skip
    if fmt == "json":
        _json(done)
        return
    for s in done["sent"]:
        print(f"{s['org']}: reminder ({s['kind']} the due date) sent to {s['to']}")
    for org in done["no_address"]:
        print(f"{org}: no e-mail address; add one with `dxtrack org contact add {org} --email …`")
    if not done["sent"] and not done["no_address"]:
        print(f"call {call}: no reminder due (none late, none due soon, or already sent)")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(call_app, name="call")
    app.command("submit")(submit)
    app.command("review")(review)
    app.command("remind")(remind)
