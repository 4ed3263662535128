"""CLI command: serve (the web dashboard and JSON API)."""

from __future__ import annotations

from typing import Annotated

import typer

from dxtrack.cli.common import chosen_pack, console, db_url, pack_folder, pack_id

GRACE = 5  # seconds a stopping server gives requests still waiting for a computation


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1 = this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (1 is enough for a desk; more for a server).")] = 1,
    require_login: Annotated[
        bool,
        typer.Option("--require-login", envvar="DXTRACK_REQUIRE_LOGIN", help="Every page and API call needs a user."),
    ] = False,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies", envvar="DXTRACK_SECURE_COOKIES", help="Cookies only over HTTPS (behind a TLS proxy)."
        ),
    ] = False,
) -> None:
    """Serve the dashboard (Vietnamese, English by a toggle) and the JSON API under /api/v1 (public reads; writes
    need a user: `dxtrack user add`, `dxtrack token create`)."""
    import os

    import uvicorn

    from dxtrack.web.app import create_app

    url = db_url(ctx)
    # read by create_app (in each worker too)
    os.environ["DXTRACK_REQUIRE_LOGIN"] = "1" if require_login else ""
    os.environ["DXTRACK_SECURE_COOKIES"] = "1" if secure_cookies else ""
    if workers > 1:
        os.environ["DXTRACK_DB"] = url
        os.environ["DXTRACK_PACK"] = str(pack_folder(pack_id(ctx)))  # read by create_app in each worker
        console.print(f"dxtrack: http://{host}:{port}/  (API docs: /api/docs; {workers} workers)")
        uvicorn.run(
            "dxtrack.web.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            timeout_graceful_shutdown=GRACE,
        )
        return
    app = create_app(url, pack=chosen_pack(ctx))
    console.print(f"dxtrack: http://{host}:{port}/  (API docs: /api/docs)")
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=GRACE)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("serve")(serve)
