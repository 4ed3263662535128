"""CLI commands: index (composite indices: COINr interop, build from a spec, sensitivity analysis)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

index_app = typer.Typer(
    help="Composite indices: COINr-compatible engine, uncertainty and sensitivity.", no_args_is_help=True
)


def _emit(doc: dict[str, Any], out: Path | None) -> None:
    # NaN is already null; infinities (e.g. fracmax with a zero maximum) are written as Infinity
    _emit_text(json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=True), out)


@index_app.command("coinr")
def coinr_cmd(
    idata: Annotated[Path, typer.Option("--idata", help="COINr iData CSV (uCode + indicator columns).")],
    imeta: Annotated[Path, typer.Option("--imeta", help="COINr iMeta CSV (Level, iCode, Parent, ...).")],
    treat: Annotated[str, typer.Option(help="none | default (COINr's winsorise + log_CT)")] = "default",
    normalise: Annotated[
        str, typer.Option(help="minmax | zscore | rank | prank | borda | fracmax | dist2max | dist2targ")
    ] = "minmax",
    aggregate: Annotated[str, typer.Option(help="amean | gmean | hmean | copeland")] = "amean",
    fmt: Annotated[str, typer.Option("--format", help="Output format (json).")] = "json",
    details: Annotated[
        bool, typer.Option("--details", help="Add treated/normalised values and treated points.")
    ] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    time: Annotated[
        str | None,
        typer.Option("--time", help="Panel data: the Time to build (default: the latest), or 'all' (one per Time)."),
    ] = None,
) -> None:
    """Build an index from COINr's iData/iMeta as COINr would (scores and ranks at every level)."""
    from dxtrack.errors import InputError
    from dxtrack.interop.coinr import run_pipeline

    if fmt != "json":
        raise InputError(f"--format: only 'json' is supported, got '{fmt}'")
    doc = run_pipeline(idata, imeta, treat=treat, normalise=normalise, aggregate=aggregate, details=details, time=time)
    _emit(doc, out)


@index_app.command("build")
def build_cmd(
    ctx: typer.Context,
    spec: Annotated[Path, typer.Argument(help="Index spec YAML (tree + optional pipeline section).")],
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Tidy CSV (indicator,area,period,value); without it the store (--db) is used."),
    ] = None,
    period: Annotated[str | None, typer.Option(help="--data: use the latest value up to this period.")] = None,
    year: Annotated[
        int | None, typer.Option(help="Store: latest value up to this year (default: the spec's year).")
    ] = None,
    areas: Annotated[
        str, typer.Option(help="Store: 63 (provinces before 2025-07) | 34 (units from 2025-07) | countries")
    ] = "63",
    fmt: Annotated[str, typer.Option("--format", help="json | table")] = "json",
    details: Annotated[bool, typer.Option("--details", help="Add treated/normalised indicator values.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Build a user-defined index from a spec file on stored data (or on a tidy CSV with --data)."""
    from dxtrack.errors import InputError
    from dxtrack.index.build import build, build_from_store
    from dxtrack.index.pipeline import results_json

    if fmt not in ("json", "table"):
        raise InputError(f"--format must be json or table, got '{fmt}'")
    if data is not None:
        per: Any = period
        if period is not None:
            try:
                per = int(period)
            except ValueError:
                per = period
        res = build(spec, data, period=per)
    else:
        from dxtrack.cli.common import engine

        eng = engine(ctx)
        try:
            res = build_from_store(spec, eng, year=year, areas=areas)
        finally:
            eng.dispose()
    if fmt == "json":
        _emit(results_json(res, details=details), out)
        return
    scores = res.scores()
    ranks = res.ranks()
    top = res.spec.aggregates[-1]
    table = scores.assign(rank=ranks[top].astype("Int64")).sort_values(["rank", top], na_position="last")
    _emit_text(table.to_string(float_format=lambda v: f"{v:.2f}"), out)
    for w in res.warnings:  # JSON output carries them in "warnings"
        sys.stderr.write(f"warning: {w}\n")


def _emit_text(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")


@index_app.command("provinces")
def provinces_cmd(
    ctx: typer.Context,
    year: Annotated[int, typer.Option(help="Year of the DTI and population data.")] = 2022,
    view: Annotated[str, typer.Option(help="63 | 34 | both")] = "both",
    fmt: Annotated[str, typer.Option("--format", help="table | json | csv")] = "table",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Provincial digital-transformation scorecard of the pack: 63 provinces and 34 units side by side,
    disparities (re-aggregation rules from the pack's indicators)."""
    import pandas as pd

    from dxtrack.cli.common import chosen_pack, engine
    from dxtrack.errors import InputError
    from dxtrack.present.untrusted import csv_cell
    from dxtrack.services.scorecard import build_scorecard, scorecard_table

    if view not in ("63", "34", "both"):
        raise InputError(f"--view must be 63, 34 or both, got '{view}'")
    if fmt not in ("table", "json", "csv"):
        raise InputError(f"--format must be table, json or csv, got '{fmt}'")
    pack = chosen_pack(ctx)
    eng = engine(ctx)
    try:
        sc = build_scorecard(eng, pack, year=year)
    finally:
        eng.dispose()
    if fmt == "json":
        _emit(sc.to_json(view), out)
        return
    if fmt == "csv":
        frames = []
        if view in ("63", "both"):
            frames.append(sc.view63.assign(view="63").rename(columns={"successor": "related"}))
        if view in ("34", "both"):
            frames.append(sc.view34.assign(view="34").rename(columns={"predecessors": "related"}))
        table = pd.concat(frames, ignore_index=True)
        table = table.apply(lambda col: col.map(csv_cell) if col.dtype == object else col)  # no formula cells
        _emit_text(table.to_csv(index=False).rstrip("\n"), out)
        return
    parts = []
    with pd.option_context("display.width", 250, "display.max_columns", 40, "display.max_rows", 200):
        for title, frame in scorecard_table(sc, view):
            parts.append(f"== {title} ==\n{frame.to_string(index=False, float_format=lambda v: f'{v:.4g}')}")
    parts.append("== Urban-rural ==\n" + json.dumps(sc.urban_rural, indent=1))
    parts.append("Notes:\n" + "\n".join(f"* {n}" for n in sc.notes))
    _emit_text("\n\n".join(parts), out)


@index_app.command("sensitivity")
def sensitivity_cmd(
    spec: Annotated[Path, typer.Argument(help="Analysis YAML (data, pipeline, factors, N, type UA/SA).")],
    samples: Annotated[
        Path | None,
        typer.Option("--samples", help="CSV of uniform draws (rows = runs, columns = factors), e.g. COINr's."),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write JSON here instead of stdout.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
) -> None:
    """Monte Carlo uncertainty (UA) or variance-based sensitivity (SA) analysis of an index."""
    import numpy as np
    import pandas as pd
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from dxtrack.errors import InputError
    from dxtrack.index import sensitivity as sa
    from dxtrack.services.index_analysis import load_analysis

    a = load_analysis(spec)
    d = len(a.factors)
    total = a.n * (d + 2) if a.kind == "SA" else a.n
    x = None
    if samples is not None:
        try:
            x = pd.read_csv(samples).to_numpy(dtype=np.float64)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the sample: {exc}", file=str(samples)) from None
        total = x.shape[0]
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} runs"),
        TimeElapsedColumn(),
        disable=quiet,
        transient=True,
    ) as bar:
        task = bar.add_task(f"{a.kind} N={a.n}", total=total)

        def tick(done: int, _total: int) -> None:
            bar.update(task, completed=done)

        rng = np.random.default_rng(a.seed)
        if x is not None:
            res = sa.run_samples(
                a.data,
                a.spec,
                a.base,
                a.factors,
                x,
                sa=a.kind == "SA",
                n=a.n if a.kind == "SA" else None,
                nboot=a.nboot,
                target=a.target,
                rng=rng,
                progress=tick,
            )
        elif a.kind == "SA":
            res = sa.sensitivity(
                a.data, a.spec, a.base, a.factors, a.n, nboot=a.nboot, seed=a.seed, target=a.target, progress=tick
            )
        else:
            res = sa.uncertainty(a.data, a.spec, a.base, a.factors, a.n, seed=a.seed, target=a.target, progress=tick)
    _emit(res.to_json(), out)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(index_app, name="index")
