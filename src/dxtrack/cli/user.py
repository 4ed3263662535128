"""CLI commands: user add|list|disable|grant|revoke|password — accounts and their roles over organisations.

Account changes act as the user named by ``--as`` / ``DXTRACK_USER`` (who must be an admin over the organisation
concerned) or, when none is named, as ``system``: whoever can run these commands on the database itself.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from dxtrack.cli.common import console, engine
from dxtrack.errors import DxtrackError

if TYPE_CHECKING:
    from dxtrack.store import Engine

user_app = typer.Typer(help="User accounts and their roles over organisations.", no_args_is_help=True)

AS_HELP = "Act as this admin user (default: DXTRACK_USER; none = the database operator, 'system')."
AsUser = Annotated[str | None, typer.Option("--as", envvar="DXTRACK_USER", metavar="USER", help=AS_HELP)]


def manager(db: Engine, as_user: str | None, org_id: str) -> str:
    """The actor of an account change: the named admin (checked over ``org_id``), or ``system``."""
    if not as_user:
        return "system"
    from dxtrack.services import acting

    user = acting.acting_user(db, as_user)
    acting.permit(db, user, "user.manage", org_id)
    return user.name


def read_password(prompt: bool) -> str | None:
    """The password from standard input (first line), or None when not asked for."""
    if not prompt:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise DxtrackError("--password-stdin: standard input has no password")
    return line


@user_app.command("add")
def user_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Login name: lower-case letters, digits, '.', '_' or '-'.")],
    org: Annotated[str, typer.Option("--org", help="The user's organisation (see `dxtrack org list`).")],
    role: Annotated[list[str], typer.Option("--role", help="A role over --org; repeat for several.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (else: API tokens only).")
    ] = False,
    display_name: Annotated[str | None, typer.Option("--display-name", help="Full name (default: NAME).")] = None,
    as_user: AsUser = None,
) -> None:
    """Create a user with roles over their organisation."""
    from dxtrack.services import accounts

    db = engine(ctx)
    password = read_password(password_stdin)
    actor = manager(db, as_user, org)
    user = accounts.create_user(
        db, name, org_id=org, roles=role, password=password, display_name=display_name, actor=actor
    )
    console.print(f"user {user.name} created ({user.org_id}: {', '.join(user.roles)})")


@user_app.command("list")
def user_list(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """List users, their organisation, roles and whether they are enabled."""
    from dxtrack.services import accounts

    if format not in ("table", "json"):
        raise DxtrackError(f"--format '{format}' is not known; expected table or json")
    users = accounts.list_users(engine(ctx))
    if format == "json":
        rows = [
            {
                "name": u.name,
                "display_name": u.display_name,
                "org": u.org_id,
                "enabled": u.enabled,
                "roles": [{"role": g.role, "org": g.org_id} for g in u.grants],
            }
            for u in users
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table("Tên đăng nhập", "Họ tên", "Tổ chức", "Vai trò", "Hoạt động")
    for u in users:
        grants = ", ".join(f"{g.role}@{g.org_id}" for g in u.grants)
        table.add_row(u.name, u.display_name, u.org_id, grants, "có" if u.enabled else "khoá")
    console.print(table)


@user_app.command("disable")
def user_disable(ctx: typer.Context, name: Annotated[str, typer.Argument()], as_user: AsUser = None) -> None:
    """Disable a user: no more logins; their sessions and API tokens end now."""
    from dxtrack.services import accounts

    db = engine(ctx)
    found = accounts.get_user(db, name)
    if found is None:
        raise DxtrackError(f"user '{name}' does not exist; see `dxtrack user list`")
    accounts.disable_user(db, name, actor=manager(db, as_user, found.org_id))
    console.print(f"user {name} disabled")


@user_app.command("grant")
def user_grant(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Option("--role")],
    org: Annotated[str, typer.Option("--org")],
    as_user: AsUser = None,
) -> None:
    """Give a user a role over an organisation (and those below it)."""
    from dxtrack.services import accounts

    db = engine(ctx)
    user = accounts.grant(db, name, role, org, actor=manager(db, as_user, org))
    console.print(f"user {name}: {', '.join(f'{g.role}@{g.org_id}' for g in user.grants)}")


@user_app.command("revoke")
def user_revoke(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Option("--role")],
    org: Annotated[str, typer.Option("--org")],
    as_user: AsUser = None,
) -> None:
    """Take a role over an organisation away from a user."""
    from dxtrack.services import accounts

    db = engine(ctx)
    user = accounts.revoke(db, name, role, org, actor=manager(db, as_user, org))
    console.print(f"user {name}: {', '.join(f'{g.role}@{g.org_id}' for g in user.grants) or 'no roles'}")


@user_app.command("password")
def user_password(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the new password from stdin.")] = True,
    as_user: AsUser = None,
) -> None:
    """Set a user's password (read from standard input); their sessions end."""
    from dxtrack.services import accounts

    db = engine(ctx)
    found = accounts.get_user(db, name)
    if found is None:
        raise DxtrackError(f"user '{name}' does not exist; see `dxtrack user list`")
    password = read_password(password_stdin)
    assert password is not None
    accounts.set_password(db, name, password, actor=manager(db, as_user, found.org_id))
    console.print(f"password of {name} changed")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(user_app, name="user")
