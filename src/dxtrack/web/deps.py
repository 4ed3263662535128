"""FastAPI dependencies shared by the API and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query, Request

from dxtrack.present.errors import AppError
from dxtrack.web.state import WebState


def get_state(request: Request) -> WebState:
    """The app's :class:`WebState` (set by ``create_app``)."""
    state: WebState = request.app.state.dx
    return state


State = Annotated[WebState, Depends(get_state)]


def get_as_of(
    as_of: Annotated[
        str | None,
        Query(description="Show the data as published on this day (YYYY-MM-DD); default: everything published"),
    ] = None,
) -> dt.date | None:
    """The ``as_of`` query parameter as a date; an invalid one is a 400 ``invalid_as_of`` error."""
    if as_of is None or not as_of.strip():
        return None
    try:
        return dt.date.fromisoformat(as_of.strip())
    except ValueError:
        raise AppError("invalid_as_of", {"value": as_of}) from None


AsOf = Annotated[dt.date | None, Depends(get_as_of)]
