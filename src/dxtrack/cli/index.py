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
    text = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=True)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")


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
) -> None:
    """Build an index from COINr's iData/iMeta as COINr would (scores and ranks at every level)."""
    from dxtrack.errors import InputError
    from dxtrack.index.coinr import run_pipeline

    if fmt != "json":
        raise InputError(f"--format: only 'json' is supported, got '{fmt}'")
    _emit(run_pipeline(idata, imeta, treat=treat, normalise=normalise, aggregate=aggregate, details=details), out)


@index_app.command("build")
def build_cmd(
    spec: Annotated[Path, typer.Argument(help="Index spec YAML (tree + optional pipeline section).")],
    data: Annotated[Path, typer.Option("--data", help="Tidy CSV with columns indicator,area,period,value.")],
    period: Annotated[str | None, typer.Option(help="Use the latest value up to this period.")] = None,
    details: Annotated[bool, typer.Option("--details", help="Add treated/normalised indicator values.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Build a user-defined index from a spec file and tidy data."""
    from dxtrack.index.build import build
    from dxtrack.index.pipeline import results_json

    per: Any = period
    if period is not None:
        try:
            per = int(period)
        except ValueError:
            per = period
    _emit(results_json(build(spec, data, period=per), details=details), out)


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
    from dxtrack.index.sa_spec import load_analysis

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
