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
) -> None:
    """Serve the dashboard (Vietnamese, English by a toggle) and the read-only JSON API under /api/v1."""
    import os

    import uvicorn

    from dxtrack.web.app import create_app

    url = db_url(ctx)
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
