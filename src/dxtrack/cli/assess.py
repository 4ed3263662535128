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
from dxtrack.i18n import LANGS, Lang, pick, reason_text, status_label, unit_text
from dxtrack.services.assess import assess_all, assess_target, replay, runs

STATUS_COLOUR = {
    "target_achieved": "green",
    "substantial_progress": "green",
    "moderate_progress": "yellow",
    "limited_progress": "dark_orange",
    "deterioration": "red",
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


WORDS: dict[str, tuple[str, str]] = {
    "title": ("Đánh giá tiến độ mục tiêu", "Progress towards the targets"),
    "as_of": ("tính đến", "as of"),
    "qualitative": ("định tính", "qualitative"),
    "world": ("thế giới", "world"),
    "per_year": ("%/năm", "%/year"),
    "judged_by": ("đánh giá bởi", "judged by"),
    "missing_peers": ("thiếu số liệu {peers} kỳ {period}", "no data for {peers} in {period}"),
    "stored": ("Lần đánh giá đã lưu", "Run stored"),
}
COLUMNS: dict[Lang, tuple[str, ...]] = {
    "vi": ("Mục tiêu", "Tình trạng", "Mới nhất", "Mục tiêu đặt ra", "Hạn", "Xác suất đạt", "Ghi chú"),
    "en": ("Target", "Status", "Latest", "Target value", "Deadline", "Probability", "Note"),
}


def _w(key: str, lang: Lang) -> str:
    return pick(WORDS[key], lang)


def target_goal(r: dict[str, Any], lang: Lang) -> str:
    """The target as short words: '≈ 20 % GDP', 'top 3 ASEAN', '> 7%/năm', 'định tính'."""
    if r["target_value"] is None:
        return _w("qualitative", lang)
    if r["comparator"] == "rank_within":
        group = _w("world", lang) if r.get("peer_group") == "WORLD" else r.get("peer_group") or ""
        return f"top {_num(r['target_value'])} {group}".strip()
    if r["kind"] == "growth":
        return f"{r['comparator']} {_num(r['target_value'])}{_w('per_year', lang)}"
    symbol = {"about": "≈", ">=": "≥", "<=": "≤"}.get(r["comparator"], r["comparator"])
    return f"{symbol} {_num(r['target_value'])} {unit_text(r['unit'], lang)}".strip()


def _probability(p: float | None) -> str:
    """Never a false certainty: '<1%' and '>99%' at the ends."""
    if p is None:
        return "—"
    return "<1%" if p < 0.005 else ">99%" if p > 0.995 else f"{100 * p:.0f}%"


def _latest(r: dict[str, Any], lang: Lang) -> str:
    latest, base = r.get("latest") or {}, r.get("baseline") or {}
    if not latest:
        return "—"
    if r["kind"] == "growth" and r.get("growth_actual") is not None:
        return f"{100 * r['growth_actual']:.2f}{_w('per_year', lang)} ({base.get('period')}–{latest.get('period')})"
    return f"{_num(latest.get('value'))} ({latest.get('period')})"


def _note(r: dict[str, Any], lang: Lang) -> str:
    if r.get("reason"):
        return reason_text(r, lang)
    if r.get("judged_by"):
        return f"{_w('judged_by', lang)} {r['judged_by']}"
    editions = (r.get("extra") or {}).get("editions") or []
    if r["kind"] == "rank" and editions and editions[-1].get("missing"):
        last = editions[-1]
        return _w("missing_peers", lang).format(peers=", ".join(last["missing"]), period=last["period"])
    return ""


def assess_table(results: list[dict[str, Any]], as_of: str | None, lang: Lang = "vi") -> Table:
    """The board of every target's judgement, in Vietnamese (default) or English."""
    suffix = f" ({_w('as_of', lang)} {as_of})" if as_of else ""
    table = Table(title=_w("title", lang) + suffix, expand=True)
    for col in COLUMNS[lang]:
        table.add_column(col, overflow="fold")
    for r in results:
        table.add_row(
            r["target"],
            _status(r["status"], lang),
            _latest(r, lang),
            target_goal(r, lang),
            str(r["deadline"] or "—"),
            _probability(r.get("probability")),
            _note(r, lang),
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
) -> None:
    """Judge every target of the content pack (status, projection, probability), or explain one."""
    if format not in ("table", "json", "csv"):
        raise DxtrackError(f"--format '{format}' is not known; expected table, json or csv")
    if lang not in LANGS:
        raise DxtrackError(f"--lang '{lang}' is not known; expected vi or en")
    language: Lang = "en" if lang == "en" else "vi"
    eng, pack, day = engine(ctx), load_pack(), parse_day(as_of, "--as-of")
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
    results = assess_all(eng, pack, day)
    if format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    elif format == "csv":
        _write_csv(results)
    else:
        console.print(assess_table(results, as_of, language))
        run = results[0]["run"] if results else {}
        hashes = f"catalogue {run.get('catalogue_hash', '')[:12]}, data {run.get('data_hash', '')[:12]}"
        console.print(f"{_w('stored', language)}: {hashes}", style="grey50")


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
