"""CLI commands: progress (open-sdg progress for an Open SDG data folder)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _fmt(x: float | int | None, digits: int = 3) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.{digits}f}" if abs(x) < 1e6 else f"{x:.4g}"
    return str(x)


def progress(
    opensdg: Annotated[
        Path,
        typer.Option(
            "--opensdg", help="Open SDG data folder (data/indicator_*.csv, meta/*.yml or indicator-config/*.yml)."
        ),
    ],
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.table,
) -> None:
    """Progress status and score per indicator with the open-sdg (Statistics Canada) method."""
    from rich.console import Console
    from rich.table import Table

    from dxtrack.interop.opensdg import progress_for_folder

    results = progress_for_folder(opensdg)
    if fmt == OutputFormat.json:
        typer.echo(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
        return
    table = Table(title=f"open-sdg progress — {opensdg}")
    for col in ("indicator", "series", "status", "score", "progress", "base", "current", "target", "direction"):
        table.add_column(col)
    for r in results:
        table.add_row(r.id, "(indicator)" if r.auto else "(manual)", r.status or "—", _fmt(r.score), "", "", "", "", "")
        for s in r.series:
            table.add_row(
                "",
                s.tag,
                s.status,
                _fmt(s.score),
                _fmt(s.progress_value, 4),
                f"{_fmt(s.base_value)} ({s.base_year})" if s.base_year is not None else "—",
                f"{_fmt(s.current_value)} ({s.current_year})" if s.current_year is not None else "—",
                _fmt(s.target),
                s.direction,
            )
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("progress")(progress)
