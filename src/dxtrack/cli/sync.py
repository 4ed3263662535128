"""CLI command `dxtrack data sync`: refresh the packaged data snapshot from a newer data drop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.errors import DxtrackError


def sync(
    drop: Annotated[Path, typer.Argument(help="A newer data drop (a folder with SOURCES.md and sources.csv).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only report what would change.")] = False,
    into: Annotated[
        Path | None, typer.Option(help="Snapshot folder to refresh (default: the snapshot shipped in the package).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Snapshot date YYYY-MM-DD written to the manifest (default: today).")
    ] = None,
) -> None:
    """Compare DROP with the snapshot's manifest by sha256, report added/changed/removed files, and copy them in."""
    from dxtrack.ingest.snapshot import sync as run_sync
    from dxtrack.settings import packaged_data_dir

    try:
        day = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise DxtrackError(f"--date '{date}' is not a date; expected YYYY-MM-DD") from None
    target = into or packaged_data_dir()
    report = run_sync(drop, target, dry_run=dry_run, today=day)
    for line in report.lines():
        typer.echo(line)
    if not report.has_changes:
        typer.echo(f"{target}: snapshot of {report.old_date} is up to date")
    elif dry_run:
        typer.echo(f"dry run: {target} left unchanged (snapshot of {report.old_date})")
    else:
        typer.echo(f"{target}: snapshot {report.old_date} → {report.new_date}, manifest rewritten")


def register(app: typer.Typer) -> None:
    """Add the `data` command group."""
    group = typer.Typer(help="The bundled data snapshot.", no_args_is_help=True)
    group.command("sync")(sync)
    app.add_typer(group, name="data")
