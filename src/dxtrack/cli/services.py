"""CLI commands: services (public-service records: synthetic records, indicators, Decision 766 score)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dxtrack.cli.common import LazyConsole

if TYPE_CHECKING:
    import pandas as pd

    from dxtrack.domain.catalog import ContentPack

services_app = typer.Typer(
    help="Public-service records: synthetic records, indicators on DuckDB or Spark, Decision 766 score.",
    no_args_is_help=True,
)
err = LazyConsole(stderr=True)


@services_app.command("generate")
def generate_cmd(
    rows: Annotated[int, typer.Option("--rows", help="Number of records.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write (Parquet, one folder per month).")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same records.")] = 0,
    start: Annotated[str, typer.Option("--start", help="First month, YYYY-MM.")] = "2025-01",
    months: Annotated[int, typer.Option("--months", help="Number of months.")] = 12,
) -> None:
    """Write synthetic service records (deterministic for a seed, streamed in chunks)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from dxtrack.microdata.areas import load_areas
    from dxtrack.microdata.generate import generate
    from dxtrack.settings import data_dir

    areas = load_areas(data_dir())
    cols = (TextColumn("records"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*cols, console=err.rich, transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("generate", total=rows)
        res = generate(
            out, rows=rows, seed=seed, start=start, count=months, areas=areas, progress=lambda n: bar.advance(task, n)
        )
    typer.echo(f"{res.rows} records, {res.files} files, {res.months[0]}..{res.months[-1]} -> {res.out}")


def _pack(ctx: typer.Context) -> ContentPack:
    from dxtrack.cli.common import chosen_pack, pack_id
    from dxtrack.cli.context import DEFAULT_PACK
    from dxtrack.microdata.packs import record_pack

    return record_pack(chosen_pack(ctx), explicit=pack_id(ctx) != DEFAULT_PACK)


def _write(frame: pd.DataFrame, fmt: str, out: Path | None) -> None:
    if fmt == "csv":
        text = frame.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    else:
        recs = json.loads(frame.to_json(orient="records", double_precision=15))
        text = json.dumps(recs, ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def _compute(ctx: typer.Context, folder: Path, engine: str, master: str | None, codes: list[str] | None) -> Any:
    from dxtrack.microdata.areas import load_areas
    from dxtrack.microdata.definitions import definitions
    from dxtrack.microdata.engines import run
    from dxtrack.microdata.rollup import tidy
    from dxtrack.settings import data_dir

    pack = _pack(ctx)
    defs = definitions(pack, codes)
    part = run(engine, folder, defs, master=master)
    table, report = tidy(part, defs, load_areas(data_dir()))
    return pack, table, report


def _report_bad(report: Any, path: Path | None) -> None:
    doc = report.as_dict()
    broken = ", ".join(f"{r['rule']} {r['records']}" for r in doc["rules"] if r["records"])
    err.print(
        f"{doc['records']} records, {doc['valid']} valid, {doc['excluded']} excluded"
        + (f" ({broken})" if broken else ""),
        highlight=False,
    )
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


ENGINE_HELP = "duckdb (in process) | spark (local[*], or the cluster of --master)"
FORMAT_HELP = "csv | json"


def _check(engine: str, fmt: str) -> None:
    from dxtrack.errors import InputError

    if engine not in ("duckdb", "spark"):
        raise InputError(f"unknown engine '{engine}'; expected duckdb or spark", column="--engine")
    if fmt not in ("csv", "json"):
        raise InputError(f"unknown format '{fmt}'; expected csv or json", column="--format")


@services_app.command("indicators")
def indicators_cmd(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Folder of Parquet service records.")],
    engine: Annotated[str, typer.Option("--engine", help=ENGINE_HELP)] = "duckdb",
    master: Annotated[
        str | None, typer.Option("--master", help="Spark master URL (spark://host:7077, yarn, local[4]).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Write the table here (default: stdout).")] = None,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only this indicator (repeatable).")
    ] = None,
    bad_report: Annotated[
        Path | None, typer.Option("--bad-report", help="Write the bad-record report (JSON) here.")
    ] = None,
    load: Annotated[
        bool, typer.Option("--load", help="Also record the values as observations sourced to the data set.")
    ] = False,
) -> None:
    """Compute the record indicators: indicator,area,period,value,numerator,denominator (months and years, VN time)."""
    _check(engine, fmt)
    pack, table, report = _compute(ctx, folder, engine, master, indicator)
    _report_bad(report, bad_report)
    _write(table, fmt, out)
    if load:
        from dxtrack.cli.common import engine as store_engine
        from dxtrack.microdata.dataset import identify
        from dxtrack.microdata.provenance import observation_batch
        from dxtrack.services.series import area_list
        from dxtrack.services.store import load_areas, load_content_pack, store_batch
        from dxtrack.settings import data_dir

        db = store_engine(ctx, create=True)
        load_areas(db, data_dir())
        load_content_pack(db, pack)
        data = identify(folder)
        validity = {a["code"]: (a.get("valid_from"), a.get("valid_to")) for a in area_list(db)}
        batch, left_out = observation_batch(table, pack, data, engine=engine, areas=validity)
        written, skipped = store_batch(db, batch, recorded_by="dxtrack services indicators")
        err.print(f"recorded {written} observations ({skipped} already known) from {data.describe()}", highlight=False)
        if left_out:
            err.print(
                f"{left_out} values for periods before or after their unit existed (series rebuilt across the "
                "63 → 34 change) are in the output table only, not recorded",
                highlight=False,
            )


@services_app.command("score")
def score_cmd(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="Folder of Parquet service records.")],
    period: Annotated[str, typer.Option("--period", help="A year (2025) or month (2025-07), Viet Nam time.")],
    engine: Annotated[str, typer.Option("--engine", help=ENGINE_HELP)] = "duckdb",
    master: Annotated[str | None, typer.Option("--master", help="Spark master URL.")] = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Write the table here (default: stdout).")] = None,
) -> None:
    """Decision 766/QĐ-TTg score per ministry and province: computable groups only, the others marked."""
    from dxtrack.microdata.score import score

    _check(engine, fmt)
    _, table, report = _compute(ctx, folder, engine, master, None)
    _report_bad(report, None)
    _write(score(table, period), fmt, out)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(services_app, name="services")
