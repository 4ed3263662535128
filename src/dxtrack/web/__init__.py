"""Web interface: JSON API under /api/v1 and server-rendered pages (FastAPI + Jinja2 + htmx + ECharts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(db_url: str | None = None, **kwargs: Any) -> FastAPI:
    """See :func:`dxtrack.web.app.create_app` (imported lazily so ``import dxtrack.web`` stays cheap)."""
    from dxtrack.web.app import create_app as factory

    return factory(db_url, **kwargs)
