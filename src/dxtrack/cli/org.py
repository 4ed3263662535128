"""CLI commands: the organisations (reporting units) dxtrack knows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dxtrack.cli.common import console, engine, parse_day
from dxtrack.errors import DxtrackError

org_app = typer.Typer(help="Organisations: central unit, ministries, agencies, provinces.", no_args_is_help=True)
COLUMNS = ("Mã / id", "Tên / name", "Loại / kind", "Từ / from", "Đến / to", "Kế thừa bởi / successor")


@org_app.command("list")
def org_list(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option("--kind", help="central, ministry, agency, province, commune or other")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Only those existing on this day (YYYY-MM-DD).")] = None,
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """List the organisations with their validity and successor."""
    if format not in ("table", "json"):
        raise DxtrackError(f"--format '{format}' is not known; expected table or json")
    from dxtrack.services.orgs import list_orgs

    orgs = list_orgs(engine(ctx), kind=kind, on=parse_day(on, "--on"))
    rows = [
        {
            "id": o.id,
            "name_vi": o.name_vi,
            "name_en": o.name_en,
            "kind": o.kind,
            "parent": o.parent_id,
            "valid_from": o.valid_from.isoformat() if o.valid_from else None,
            "valid_to": o.valid_to.isoformat() if o.valid_to else None,
            "successor": o.successor_id,
            "area_code": o.area_code,
        }
        for o in orgs
    ]
    if format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(*COLUMNS)
    for r in rows:
        table.add_row(
            r["id"], r["name_vi"], r["kind"], r["valid_from"] or "—", r["valid_to"] or "—", r["successor"] or "—"
        )
    console.print(table)


contact_app = typer.Typer(help="E-mail contacts of reporting units (where reminders go).", no_args_is_help=True)
org_app.add_typer(contact_app, name="contact")


@contact_app.command("add")
def contact_add(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(help="The reporting unit.")],
    email: Annotated[str, typer.Option("--email", help="The contact's e-mail address.")],
    name: Annotated[str | None, typer.Option("--name", help="The contact's name.")] = None,
    as_user: Annotated[
        str | None, typer.Option("--as", envvar="DXTRACK_USER", metavar="USER", help="Act as this user.")
    ] = None,
) -> None:
    """Add an e-mail contact to a unit (a coordinator or an admin; audited)."""
    from dxtrack.services import acting, contacts

    db = engine(ctx)
    written = contacts.add_contact(db, acting.acting_user(db, as_user), org, email, name)
    print(f"{email} {'added to' if written else 'is already a contact of'} {org}")


file_app = typer.Typer(help="Evidence files (PDF, DOCX, XLSX, PNG, JPEG), stored by content.", no_args_is_help=True)


@file_app.command("add")
def file_add(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The file.")],
    org: Annotated[str, typer.Option("--org", help="The unit whose evidence it is.")],
    as_user: Annotated[
        str | None, typer.Option("--as", envvar="DXTRACK_USER", metavar="USER", help="Act as this user.")
    ] = None,
) -> None:
    """Check and store an evidence file (a submitter or coordinator of the unit); prints its sha256."""
    from dxtrack.services import acting, files

    db = engine(ctx)
    added = files.add_file(db, acting.acting_user(db, as_user), path, org)
    print(added["sha256"])


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(org_app, name="org")
    app.add_typer(file_app, name="file")
