"""The `dxtrack` command: one Typer app; each command group registers itself from its own module, and a run
imports only the module of the command it invokes (:data:`MODULE_OF`).

Start-up is kept light (tests/test_cli_start.py, bench/cli/run.py): the command modules import only Typer and
light dxtrack modules at module level; Rich, pandas, SQLAlchemy, the analysis stack, the report writers and the
web app are imported inside the commands that use them. Help is Click's plain text (``rich_markup_mode=None``):
Typer's Rich help formatter alone would import Rich's Markdown and Pygments, about as much as all the rest.
`dxtrack --version` alone is answered by :func:`dxtrack.cli.run` before this module is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cache
from importlib import import_module
from typing import Annotated

import typer

from dxtrack.cli import plain_params
from dxtrack.cli.common import pack_folder
from dxtrack.cli.context import DEFAULT_PACK, CliState
from dxtrack.cli.version import version_line
from dxtrack.errors import CodedError, DxtrackError
from dxtrack.present import errors as _catalogue  # noqa: F401  (installs the catalogue's wording)

plain_params.install()


def _print_version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="DXTRACK_DB", metavar="URL", help="Database URL (default: SQLite file in var/)."),
    ] = None,
    pack: Annotated[
        str,
        typer.Option(
            "--pack",
            envvar="DXTRACK_PACK",
            metavar="ID|PATH",
            help="Content pack: a bundled id (see `dxtrack catalog packs`) or a pack folder.",
        ),
    ] = DEFAULT_PACK,
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
    ] = False,
) -> None:
    """Global options shared by every command."""
    if pack != DEFAULT_PACK:  # the default is bundled; checking it would cost every command the pack loader
        pack_folder(pack)
    ctx.obj = CliState(db_url=db, pack=pack)


MODULE_OF = {
    "init": "data", "quickstart": "data", "load": "data", "import": "data", "status": "data", "fetch": "data",
    "catalog": "catalog", "assess": "assess", "backtest": "backtest", "evidence": "records", "note": "records",
    "report": "report", "progress": "progress", "index": "index", "serve": "serve", "data": "sync",
    "services": "services", "org": "org", "file": "org", "audit": "audit", "user": "user", "token": "token",
    "call": "loop", "submit": "loop", "review": "loop", "remind": "loop",
}  # fmt: skip
"""Each command or group → the module of ``dxtrack.cli`` that registers it (its ``register(app)``); the invoked
one's module is imported alone. tests/test_cli_start.py checks this against what the modules register."""
MODULES = tuple(dict.fromkeys(MODULE_OF.values()))


def new_app(modules: Sequence[str] = MODULES) -> typer.Typer:
    """The `dxtrack` app with the global options and the commands of ``modules``."""
    app = typer.Typer(
        name="dxtrack",
        help="Monitor and evaluate national digital-transformation strategies; the strategy is a content pack "
        "(--pack).",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        rich_markup_mode=None,
    )
    app.callback()(main)
    for module in modules:
        import_module(f"dxtrack.cli.{module}").register(app)
    return app


@cache
def full_app() -> typer.Typer:
    """The app with every command (built once)."""
    return new_app()


def __getattr__(name: str) -> typer.Typer:
    # PEP 562: ``from dxtrack.cli.main import app`` builds the full app on first use, not on importing this module
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def error_line(exc: DxtrackError) -> str:
    """A user error in one line; an error of the catalogue in ``DXTRACK_LANG`` (vi, the default, or en)."""
    if isinstance(exc, CodedError):
        return exc.text("en" if os.environ.get("DXTRACK_LANG", "vi").strip().lower() == "en" else "vi")
    return str(exc)


GLOBAL_OPTIONS = ("--db", "--pack")


def invoked_name(argv: Sequence[str]) -> str | None:
    """The command (or group) named after the global options, or None (no name, or another option first)."""
    rest = iter(argv)
    for arg in rest:
        if arg in GLOBAL_OPTIONS:
            next(rest, None)
        elif not arg.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            return None if arg.startswith("-") else arg
    return None


def app_for(argv: Sequence[str]) -> typer.Typer:
    """An app with only the command or group ``argv`` names, when it names one.

    Only the module registering it is imported, and Typer builds only its parameters (building every command's
    from its signature costs about 70 ms); anything else (help, an unknown name) gets the full app.
    """
    name = invoked_name(argv)
    if name is None or name not in MODULE_OF:
        return full_app()
    slim = new_app([MODULE_OF[name]])
    slim.registered_commands = [c for c in slim.registered_commands if c.name == name]
    slim.registered_groups = [g for g in slim.registered_groups if g.name == name]
    return slim


def run() -> None:
    """Entry point: user errors become one line on stderr and exit code 1, never a traceback."""
    try:
        app_for(sys.argv[1:])()
    except DxtrackError as exc:
        from rich.console import Console

        Console(stderr=True).print(f"[bold red]error:[/] {error_line(exc)}", highlight=False, soft_wrap=True)
        sys.exit(1)
