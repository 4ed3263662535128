"""Helpers shared by CLI modules: the database from the global option, dates, console."""

from __future__ import annotations

import datetime as dt
import sys

import typer
from rich.console import Console
from sqlalchemy import Engine

from dxtrack.cli.context import CliState
from dxtrack.present.errors import AppError
from dxtrack.services.store import open_store
from dxtrack.settings import Settings

# Piped output (logs, CI) has no terminal width; tables then get a readable fixed width instead of 80 columns.
console = Console(width=None if sys.stdout.isatty() else 150)
err_console = Console(stderr=True)


def db_url(ctx: typer.Context) -> str:
    state = ctx.find_root().obj
    return Settings.from_env(state.db_url if isinstance(state, CliState) else None).db_url


def engine(ctx: typer.Context, *, create: bool = False) -> Engine:
    return open_store(db_url(ctx), create=create)


def parse_day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AppError("invalid_date", {"option": option, "value": text}) from None
