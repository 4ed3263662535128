"""FastAPI dependencies shared by the API and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query, Request

from dxtrack.web.state import WebState


def get_state(request: Request) -> WebState:
    """The app's :class:`WebState` (set by ``create_app``)."""
    state: WebState = request.app.state.dx
    return state


State = Annotated[WebState, Depends(get_state)]
AsOf = Annotated[
    dt.date | None,
    Query(description="Show the data as published on this day (YYYY-MM-DD); default: everything published"),
]
