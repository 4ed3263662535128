"""The `dxtrack` command; the Typer app and its global options are in :mod:`dxtrack.cli.main`."""

from __future__ import annotations

import sys


def run() -> None:
    """Console-script entry: ``dxtrack --version`` answers without loading the CLI; the rest goes to the app."""
    if sys.argv[1:] == ["--version"]:
        from dxtrack.cli.version import version_line

        print(version_line())
        return
    from dxtrack.cli.main import run as run_app

    run_app()
