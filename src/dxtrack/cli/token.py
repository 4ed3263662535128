"""CLI commands: token create|list|revoke — API tokens for machine clients (stored hashed, expiring)."""

from __future__ import annotations

from typing import Annotated

import typer

from dxtrack.cli.common import console, engine
from dxtrack.cli.user import AsUser, manager
from dxtrack.errors import DxtrackError

token_app = typer.Typer(help="API tokens (Authorization: Bearer …) for machine clients.", no_args_is_help=True)


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="The user the token acts as.")],
    expires: Annotated[int, typer.Option("--expires", metavar="DAYS", help="Days until it expires (1-366).")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    as_user: AsUser = None,
) -> None:
    """Create a token and print it once (only its hash is kept)."""
    from dxtrack.services import accounts

    db = engine(ctx)
    found = accounts.get_user(db, user)
    if found is None:
        raise DxtrackError(f"user '{user}' does not exist; see `dxtrack user list`")
    issued = accounts.create_token(db, user, days=expires, label=label, actor=manager(db, as_user, found.org_id))
    typer.echo(
        f"token #{issued.id} for {user}, expires {issued.expires_at:%Y-%m-%d %H:%M} UTC; it is shown only now:",
        err=True,
    )
    typer.echo(issued.secret)


@token_app.command("list")
def token_list(ctx: typer.Context, user: Annotated[str | None, typer.Argument()] = None) -> None:
    """List tokens (never their secrets)."""
    from rich.table import Table

    from dxtrack.services import accounts

    table = Table("#", "Người dùng", "Nhãn", "Tạo lúc", "Hết hạn", "Thu hồi")
    for t in accounts.list_tokens(engine(ctx), user):
        revoked = f"{t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else ""
        table.add_row(
            str(t.id), t.user, t.label, f"{t.created_at:%Y-%m-%d %H:%M}", f"{t.expires_at:%Y-%m-%d %H:%M}", revoked
        )
    console.print(table)


@token_app.command("revoke")
def token_revoke(ctx: typer.Context, token_id: Annotated[int, typer.Argument()], as_user: AsUser = None) -> None:
    """Revoke a token now."""
    from dxtrack.services import accounts

    db = engine(ctx)
    owner = next((t.user for t in accounts.list_tokens(db) if t.id == token_id), None)
    if owner is None:
        raise DxtrackError(f"token #{token_id} does not exist; see `dxtrack token list`")
    user = accounts.get_user(db, owner)
    actor = manager(db, as_user, user.org_id if user else "CENTRAL")
    accounts.revoke_token(db, token_id, actor=actor)
    console.print(f"token #{token_id} revoked")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.add_typer(token_app, name="token")
