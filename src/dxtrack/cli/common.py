"""Helpers shared by CLI modules: the database and content pack from the global options, dates, console.

Only light imports at module level: every command module imports this one, and ``dxtrack --help`` must not
pay for SQLAlchemy, pandas or the analysis stack (they are imported by the commands that use them).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from dxtrack.cli.context import DEFAULT_PACK, CliState
from dxtrack.errors import DxtrackError

if TYPE_CHECKING:
    from rich.console import Console

    from dxtrack.domain.catalog import ContentPack
    from dxtrack.store import Engine


class LazyConsole:
    """A Rich console made on first use, so that importing the CLI (e.g. for ``--help``) does not import Rich."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    @property
    def rich(self) -> Console:
        """The Rich console itself (for APIs that need one, e.g. ``Progress(console=...)``)."""
        if self._console is None:
            from rich.console import Console

            if self._stderr:
                self._console = Console(stderr=True)
            else:
                # Piped output (logs, CI) has no terminal width; tables get a readable fixed width instead of 80.
                self._console = Console(width=None if sys.stdout.isatty() else 150)
        return self._console

    def print(self, *objects: Any, **kwargs: Any) -> None:
        self.rich.print(*objects, **kwargs)

    @property
    def width(self) -> int:  # a property, as on Rich's console, so that tests can set it and put it back
        return self.rich.width

    @width.setter
    def width(self, value: int) -> None:
        self.rich.width = value

    # everything else (file, size, …) is the Rich console's, read and written through
    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_"):
            object.__setattr__(self, name, value)
        else:
            setattr(self.rich, name, value)


console = LazyConsole()
err_console = LazyConsole(stderr=True)


def _state(ctx: typer.Context) -> CliState:
    state = ctx.find_root().obj
    return state if isinstance(state, CliState) else CliState()


def db_url(ctx: typer.Context) -> str:
    from dxtrack.settings import Settings

    return Settings.from_env(_state(ctx).db_url).db_url


def engine(ctx: typer.Context, *, create: bool = False) -> Engine:
    from dxtrack.services.store import open_store

    return open_store(db_url(ctx), create=create)


def pack_id(ctx: typer.Context) -> str:
    """The content pack chosen with the global ``--pack`` (an id of a bundled pack, or a pack folder)."""
    return _state(ctx).pack or DEFAULT_PACK


def pack_folder(ref: str) -> Path:
    """The folder (or YAML file) of the pack ``ref``, a bundled id or a path; one clear line when it is neither."""
    from dxtrack.catalog.loader import available_packs, pack_path
    from dxtrack.catalog.problems import CatalogError

    try:
        return pack_path(ref)
    except CatalogError:
        known = ", ".join(available_packs())
        raise DxtrackError(f"unknown content pack '{ref}'; available packs: {known} (or give a pack folder)") from None


def chosen_pack(ctx: typer.Context) -> ContentPack:
    """The content pack chosen with the global ``--pack``, loaded and checked."""
    from dxtrack.catalog import load_pack

    return load_pack(pack_folder(pack_id(ctx)))


def parse_day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    from dxtrack.present.dates import read_day  # the one reading of a typed day (the web's as_of too)

    try:
        return read_day(text)
    except ValueError:
        from dxtrack.present.errors import AppError  # the catalogue loads Babel: only when there is an error

        raise AppError("invalid_date", {"option": option, "value": text}) from None
