"""CLI command: assess — judge every target as of a date, or explain one."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table

from dxtrack.catalog import load_pack
from dxtrack.cli.common import console, engine, parse_day
from dxtrack.errors import DxtrackError
from dxtrack.i18n import reason_text, status_label
from dxtrack.services.assess import assess_all, assess_target

STATUS_COLOUR = {
    "target_achieved": "green",
    "substantial_progress": "green",
    "moderate_progress": "yellow",
    "limited_progress": "dark_orange",
    "deterioration": "red",
}


def _status(status: str) -> str:
    return f"[{STATUS_COLOUR.get(status, 'grey50')}]{status_label(status, 'vi')}[/]"


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


def _num(x: Any, digits: int = 2) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


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


def _goal(r: dict[str, Any]) -> str:
    if r["target_value"] is None:
        return "định tính"
    if r["comparator"] == "rank_within":
        group = "thế giới" if r.get("peer_group") == "WORLD" else r.get("peer_group") or ""
        return f"top {_num(r['target_value'])} {group}".strip()
    if r["kind"] == "growth":
        return f"{r['comparator']} {_num(r['target_value'])}%/năm"
    symbol = {"about": "≈", ">=": "≥", "<=": "≤"}.get(r["comparator"], r["comparator"])
    return f"{symbol} {_num(r['target_value'])} {r['unit'] or ''}".strip()


def _probability(p: float | None) -> str:
    """Never a false certainty: '<1%' and '>99%' at the ends."""
    if p is None:
        return "—"
    return "<1%" if p < 0.005 else ">99%" if p > 0.995 else f"{100 * p:.0f}%"


def _latest(r: dict[str, Any]) -> str:
    latest, base = r.get("latest") or {}, r.get("baseline") or {}
    if not latest:
        return "—"
    if r["kind"] == "growth" and r.get("growth_actual") is not None:
        return f"{100 * r['growth_actual']:.2f}%/năm ({base.get('period')}–{latest.get('period')})"
    return f"{_num(latest.get('value'))} ({latest.get('period')})"


def _note(r: dict[str, Any]) -> str:
    if r.get("reason"):
        return reason_text(str(r["reason"]), "vi")
    if r.get("judged_by"):
        return f"đánh giá bởi {r['judged_by']}"
    editions = (r.get("extra") or {}).get("editions") or []
    if r["kind"] == "rank" and editions and editions[-1].get("missing"):
        return f"thiếu số liệu {', '.join(editions[-1]['missing'])} kỳ {editions[-1]['period']}"
    return ""


def assess_table(results: list[dict[str, Any]], as_of: str | None) -> Table:
    table = Table(title="Đánh giá tiến độ mục tiêu" + (f" (tính đến {as_of})" if as_of else ""), expand=True)
    for col in ("Mục tiêu", "Tình trạng", "Mới nhất", "Mục tiêu đặt ra", "Hạn", "Xác suất đạt", "Ghi chú"):
        table.add_column(col, overflow="fold")
    for r in results:
        goal = _goal(r)
        prob = _probability(r.get("probability"))
        note = _note(r)
        table.add_row(
            r["target"],
            _status(r["status"]),
            _latest(r),
            goal.strip(),
            str(r["deadline"] or "—"),
            prob,
            note,
        )
    return table


def assess(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge on what had been published by this date.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Explain one target in detail.")] = None,
    format: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
) -> None:
    """Judge every target of the content pack (status, projection, probability), or explain one."""
    if format not in ("table", "json", "csv"):
        raise DxtrackError(f"--format '{format}' is not known; expected table, json or csv")
    eng, pack, day = engine(ctx), load_pack(), parse_day(as_of, "--as-of")
    if target:
        detail = assess_target(eng, pack, target, day)
        if format == "json":
            print(json.dumps(detail, ensure_ascii=False, indent=2, default=str))
            return
        if format == "csv":
            _write_csv([detail])
            return
        lines = [
            f"[b]{detail['target']}[/b] — {_status(detail['status'])}",
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
    results = assess_all(eng, pack, day)
    if format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    elif format == "csv":
        _write_csv(results)
    else:
        console.print(assess_table(results, as_of))
        run = results[0]["run"] if results else {}
        hashes = f"catalogue {run.get('catalogue_hash', '')[:12]}, data {run.get('data_hash', '')[:12]}"
        console.print(f"Lần đánh giá đã lưu / run stored: {hashes}", style="grey50")


def _write_csv(results: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for r in results:
        writer.writerow(_flat(r))
    print(buffer.getvalue(), end="")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("assess")(assess)
