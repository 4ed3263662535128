"""The `dxtrack` command: one Typer app; each command group registers itself from its own module."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from dxtrack.cli import assess, catalog, data, index, progress, records, report, serve, sync
from dxtrack.cli.context import CliState
from dxtrack.errors import DxtrackError

app = typer.Typer(
    name="dxtrack",
    help="Monitor and evaluate national digital-transformation strategies (Resolution 52-NQ/TW first).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="DXTRACK_DB", help="Database URL (default: SQLite file in var/)."),
    ] = None,
) -> None:
    """Global options shared by every command."""
    ctx.obj = CliState(db_url=db)


for module in (data, catalog, assess, records, report, progress, index, serve, sync):
    module.register(app)


def run() -> None:
    """Entry point: user errors become one line on stderr and exit code 1, never a traceback."""
    try:
        app()
    except DxtrackError as exc:
        Console(stderr=True).print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
