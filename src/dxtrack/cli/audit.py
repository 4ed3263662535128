"""CLI commands: checking the tamper-evident audit trail."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from dxtrack.cli.common import console, engine
from dxtrack.errors import DxtrackError

audit_app = typer.Typer(help="The audit trail (a hash chain of every write).", no_args_is_help=True)


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Walk the chain and re-hash every record it covers; exit 1 naming the first event or record changed,
    removed or reordered."""
    if format not in ("text", "json"):
        raise DxtrackError(f"--format '{format}' is not known; expected text or json")
    from dxtrack.present.audit import finding, summary
    from dxtrack.services.audit import verify

    report = verify(engine(ctx)).to_dict()
    if format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in report["problems"]:
            console.print(f"{finding(problem, 'vi')} / {finding(problem, 'en')}", highlight=False, soft_wrap=True)
        console.print(f"{summary(report, 'vi')}\n{summary(report, 'en')}", highlight=False, soft_wrap=True)
    if not report["ok"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(audit_app, name="audit")
