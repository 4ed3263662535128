"""CLI commands: evidence and notes recorded by people."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from dxtrack.cli.common import chosen_pack, console, engine, parse_day
from dxtrack.domain.records import JUDGEMENTS, NOTE_SECTIONS

evidence_app = typer.Typer(
    help="Evidence and judgements on targets (milestones are judged only by evidence).", no_args_is_help=True
)
note_app = typer.Typer(help="Analysts' notes, such as causes for the review report.", no_args_is_help=True)


@evidence_app.command("add")
def evidence_add(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Target id, e.g. NQ52.2030.DIGITAL_GOV")],
    text: Annotated[str, typer.Option(help="What the evidence shows.")],
    judgement: Annotated[str, typer.Option(help=f"One of: {', '.join(JUDGEMENTS)}")],
    as_user: Annotated[
        str | None,
        typer.Option("--as", envvar="DXTRACK_USER", metavar="USER", help="The assessor: an existing user."),
    ] = None,
    org: Annotated[str | None, typer.Option(help="Organisation judged for (default: the user's own).")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the evidence, YYYY-MM-DD (default today).")] = None,
    link: Annotated[str | None, typer.Option(help="Link or document reference.")] = None,
) -> None:
    """Record evidence and a judgement on a target, as a user with the assessor role."""
    from dxtrack.services import acting

    db = engine(ctx)
    day = parse_day(date, "--date") or dt.date.today()
    new_id = acting.add_evidence(
        db,
        chosen_pack(ctx),
        acting.acting_user(db, as_user),
        target_id=target,
        date=day,
        text=text,
        judgement=judgement,
        link=link,
        org_id=org,
    )
    console.print(f"evidence #{new_id} recorded for {target}")


@evidence_app.command("list")
def evidence_list(ctx: typer.Context, target: Annotated[str | None, typer.Argument()] = None) -> None:
    """List recorded evidence."""
    from rich.table import Table

    from dxtrack.services import records

    table = Table("#", "Mục tiêu", "Ngày", "Đánh giá", "Người đánh giá", "Nội dung")
    for r in records.evidence(engine(ctx), target):
        table.add_row(
            str(r["id"]), r["target_id"], r["date"].strftime("%d/%m/%Y"), r["judgement"], r["assessor"], r["text"]
        )
    console.print(table)


@note_app.command("add")
def note_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The note.")],
    as_user: Annotated[
        str | None,
        typer.Option("--as", envvar="DXTRACK_USER", metavar="USER", help="The author: an existing user."),
    ] = None,
    org: Annotated[str | None, typer.Option(help="Organisation written for (default: the user's own).")] = None,
    section: Annotated[str, typer.Option(help=f"One of: {', '.join(NOTE_SECTIONS)}")] = "causes",
    target: Annotated[str | None, typer.Option(help="Target it concerns (optional).")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default today).")] = None,
    lang: Annotated[str, typer.Option(help="vi or en")] = "vi",
) -> None:
    """Record an analyst's note, as a user with the assessor or coordinator role."""
    from dxtrack.services import acting

    db = engine(ctx)
    day = parse_day(date, "--date") or dt.date.today()
    user = acting.acting_user(db, as_user)
    new_id = acting.add_note(db, user, section=section, text=text, date=day, target_id=target, lang=lang, org_id=org)
    console.print(f"note #{new_id} recorded ({section})")


@note_app.command("list")
def note_list(ctx: typer.Context, section: Annotated[str | None, typer.Option()] = None) -> None:
    """List analysts' notes."""
    from rich.table import Table

    from dxtrack.services import records

    table = Table("#", "Mục", "Ngày", "Tác giả", "Nội dung")
    for r in records.notes(engine(ctx), section):
        table.add_row(str(r["id"]), r["section"], r["date"].strftime("%d/%m/%Y"), r["author"], r["text"])
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(evidence_app, name="evidence")
    app.add_typer(note_app, name="note")
