"""CLI command: assess — judge every target as of a date, or explain one."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dxtrack.cli.common import chosen_pack, console, engine, parse_day
from dxtrack.errors import DxtrackError
from dxtrack.present import LANGS, Lang, date_text, pick, status_label
from dxtrack.present.assessment import goal_text, latest_text, note_text, probability_text
from dxtrack.present.untrusted import csv_cell

if TYPE_CHECKING:
    from rich.table import Table

    from dxtrack.services.results import Assessment

STATUS_COLOUR = {
    "target_achieved": "green",
    "substantial_progress": "green",
    "moderate_progress": "yellow",
    "limited_progress": "dark_orange",
    "deterioration": "red",
    "target_not_achieved": "red",
}


def _status(status: str, lang: Lang = "vi") -> str:
    return f"[{STATUS_COLOUR.get(status, 'grey50')}]{status_label(status, lang)}[/]"


CSV_FIELDS = [
    "target",
    "kind",
    "indicator",
    "area",
    "status",
    "reason",
    "baseline_period",
    "baseline_value",
    "latest_period",
    "latest_value",
    "comparator",
    "target_value",
    "unit",
    "deadline",
    "peer_group",
    "share_covered",
    "growth_actual",
    "growth_required",
    "projection_year",
    "projection_value",
    "projection_lo80",
    "projection_hi80",
    "projection_lo95",
    "projection_hi95",
    "probability",
    "judged_by",
    "method",
    "method_version",
    "observation_ids",
    "detail",
]


def _flat(r: dict[str, Any]) -> dict[str, Any]:
    proj = r.get("projection") or {}
    base, latest = r.get("baseline") or {}, r.get("latest") or {}
    row = {k: r.get(k) for k in CSV_FIELDS if k in r}
    row.update(
        baseline_period=base.get("period"),
        baseline_value=base.get("value"),
        latest_period=latest.get("period"),
        latest_value=latest.get("value"),
        projection_year=proj.get("year"),
        projection_value=proj.get("value"),
        projection_lo80=proj.get("lo80"),
        projection_hi80=proj.get("hi80"),
        projection_lo95=proj.get("lo95"),
        projection_hi95=proj.get("hi95"),
        observation_ids=" ".join(map(str, r.get("observation_ids") or [])),
    )
    return row


WORDS: dict[str, tuple[str, str]] = {
    "title": ("Đánh giá tiến độ mục tiêu", "Progress towards the targets"),
    "as_of": ("tính đến", "as of"),
    "stored": ("Lần đánh giá đã lưu", "Run stored"),
}
COLUMNS: dict[Lang, tuple[str, ...]] = {
    "vi": ("Mục tiêu", "Tình trạng", "Mới nhất", "Mục tiêu đặt ra", "Hạn", "Xác suất đạt", "Ghi chú"),
    "en": ("Target", "Status", "Latest", "Target value", "Deadline", "Probability", "Note"),
}


def _w(key: str, lang: Lang) -> str:
    return pick(WORDS[key], lang)


def assess_table(
    results: Sequence[Assessment | dict[str, Any]],
    as_of: str | None,
    groups: Sequence[Any],
    lang: Lang = "vi",
) -> Table:
    """The board of every target's judgement, in Vietnamese (default) or English (words from present/)."""
    from rich.table import Table

    from dxtrack.services.results import Assessment

    suffix = f" ({_w('as_of', lang)} {date_text(as_of, lang)})" if as_of else ""
    table = Table(title=_w("title", lang) + suffix, expand=True)
    for col in COLUMNS[lang]:
        table.add_column(col, overflow="fold")
    for item in results:
        a = item if isinstance(item, Assessment) else Assessment.from_dict(item)
        table.add_row(
            a.target,
            _status(a.status, lang),
            latest_text(a, lang, groups),
            goal_text(a, lang, groups),
            str(a.deadline or "—"),
            probability_text(a, lang),
            note_text(a, lang),
        )
    return table


def assess(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge on what had been published by this date.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Explain one target in detail.")] = None,
    format: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
    lang: Annotated[str, typer.Option("--lang", help="vi (default) or en, for the table")] = "vi",
    replay_run: Annotated[
        int | None, typer.Option("--replay", help="Recompute stored run N on exactly its inputs and compare.")
    ] = None,
    list_runs: Annotated[bool, typer.Option("--runs", help="List the stored assessment runs.")] = False,
    tasks: Annotated[
        bool, typer.Option("--tasks", help="Each task's status as reported in the units' accepted reports.")
    ] = False,
) -> None:
    """Judge every target of the content pack (status, projection, probability), or explain one."""
    from rich.panel import Panel
    from rich.table import Table

    from dxtrack.services.assess import assess_results, assess_target, replay, runs

    if format not in ("table", "json", "csv"):
        raise DxtrackError(f"--format '{format}' is not known; expected table, json or csv")
    if lang not in LANGS:
        raise DxtrackError(f"--lang '{lang}' is not known; expected vi or en")
    language: Lang = "en" if lang == "en" else "vi"
    eng, pack, day = engine(ctx), chosen_pack(ctx), parse_day(as_of, "--as-of")
    if tasks:
        _tasks(eng, pack, day, format, language)
        return
    if list_runs:
        table = Table("#", "as of", "recorded", "catalogue", "data", "method")
        for r in runs(eng):
            table.add_row(
                str(r["id"]),
                str(r["as_of"]),
                str(r["created_at"])[:19],
                r["catalogue_hash"][:12],
                r["data_hash"][:12],
                r["method_version"],
            )
        console.print(table)
        return
    if replay_run is not None:
        outcome = replay(eng, pack, replay_run)
        if format == "json":
            print(json.dumps(outcome, ensure_ascii=False, indent=2))
        else:
            verdict = "[green]identical[/]" if outcome["identical"] else "[red]different[/]"
            console.print(f"run #{replay_run} (as of {outcome['as_of']}): {verdict}")
            for c in outcome["changed"]:
                console.print(f"  {c['target']}: {c['stored']} → {c['now']}")
        if not outcome["identical"]:
            raise typer.Exit(1)
        return
    if target:
        detail = assess_target(eng, pack, target, day)
        if format == "json":
            print(json.dumps(detail, ensure_ascii=False, indent=2, default=str))
            return
        if format == "csv":
            _write_csv([detail])
            return
        lines = [
            f"[b]{detail['target']}[/b] — {_status(detail['status'], language)}",
            f"“{detail['quote_vi']}”",
            detail["gloss_en"],
            "",
        ]
        lines.append(detail["detail"])
        for key in ("baseline", "latest", "projection"):
            if detail.get(key):
                lines.append(f"{key}: {detail[key]}")
        for key in ("share_covered", "growth_actual", "growth_required", "probability"):
            if detail.get(key) is not None:
                lines.append(f"{key}: {detail[key]:.4f}")
        lines.append(
            f"method: {detail['method']} {detail['method_version']}; observations: {detail['observation_ids']}"
        )
        console.print(Panel("\n".join(lines), expand=True))
        return
    assessed = assess_results(eng, pack, day)
    results = [a.to_dict() for a in assessed]
    if format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    elif format == "csv":
        _write_csv(results)
    else:
        console.print(assess_table(assessed, day.isoformat() if day else None, pack.peer_groups, language))
        run = assessed[0].run if assessed else None
        hashes = f"catalogue {run.catalogue_hash[:12] if run else ''}, data {run.data_hash[:12] if run else ''}"
        console.print(f"{_w('stored', language)}: {hashes}", style="grey50")


def _tasks(eng: Any, pack: Any, day: Any, format: str, lang: Lang) -> None:
    """``assess --tasks``: every task's reported status as of the day (services/task_status decides it)."""
    import datetime as dt

    from rich.table import Table

    from dxtrack.domain.report_items import OVERDUE, TASK_STATE_WORDS, word
    from dxtrack.services.task_status import statuses

    when = day or dt.date.today()
    found = statuses(eng, pack, when)
    rows: list[dict[str, Any]] = [
        {"task": t.task_id, "group": t.group_id, "due": t.due.isoformat() if t.due else None, "status": t.status,
         "overdue": t.overdue, "leads": [{"body": b.body_id, "status": b.status,
                                          "reported_on": max((r.reported_on for r in b.reports), default=None)}
                                         for b in t.leads]}
        for t in found
    ]  # fmt: skip
    if format == "json":
        print(json.dumps({"as_of": when.isoformat(), "tasks": rows}, ensure_ascii=False, indent=2, default=str))
        return
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["task", "group", "due", "status", "overdue", "leads"])
        for r in rows:
            leads = "; ".join(f"{b['body']}={b['status']}" for b in r["leads"])
            writer.writerow([r["task"], r["group"], r["due"] or "", r["status"], r["overdue"], leads])
        print(buffer.getvalue(), end="")
        return
    heads = pick(
        ("Nhiệm vụ|Hạn|Tình hình (theo báo cáo)|Cơ quan chủ trì", "Task|Due|Reported status|Lead bodies"), lang
    )
    table = Table(*heads.split("|"), title=f"{date_text(when, lang)}")
    for t in found:
        said = word(TASK_STATE_WORDS[t.status], lang) + (f" — {word(OVERDUE, lang)}" if t.overdue else "")
        table.add_row(t.task_id, date_text(t.due, lang) if t.due else "—", f"[red]{said}[/]" if t.overdue else said,
                      ", ".join(b.body_id for b in t.leads))  # fmt: skip
    console.print(table)


def _write_csv(results: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for r in results:
        writer.writerow({k: csv_cell(v) for k, v in _flat(r).items()})
    print(buffer.getvalue(), end="")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("assess")(assess)
