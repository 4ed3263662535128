"""FastAPI dependencies shared by the API and the pages: the app state and the one reading of ``as_of``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query, Request

from dxtrack.present.dates import read_day
from dxtrack.present.errors import AppError
from dxtrack.web.state import WebState

SHOWN = 40  # characters of a rejected value repeated in the error message
EARLIEST_OFFSET = dt.timedelta(hours=14)  # UTC+14: the first time zone to reach a new day


def state_of(request: Request) -> WebState:
    """The app's :class:`WebState` (set by ``create_app``)."""
    state: WebState = request.app.state.dx
    return state


async def get_state(request: Request) -> WebState:
    """:func:`state_of` as a dependency (``async``: resolved on the event loop, no thread needed)."""
    return state_of(request)


State = Annotated[WebState, Depends(get_state)]


def newest_day() -> dt.date:
    """The latest day that has begun somewhere on Earth (no reader is refused their own today)."""
    return (dt.datetime.now(dt.UTC) + EARLIEST_OFFSET).date()


def client_of(request: Request) -> str:
    """Who is asking, for the per-client limits: the peer's IP address."""
    return request.client.host if request.client else "-"


def read_as_of(request: Request, raw: str | None) -> dt.date | None:
    """``as_of`` of a page or an API call: None when absent or empty; otherwise a day (``YYYY-MM-DD``, or
    ``dd/mm/yyyy`` as the Vietnamese pages show it) not in the future, and a new date counts towards the
    client's limit of different dates per minute. Errors: 400 ``invalid_as_of`` / ``future_as_of``, 429
    ``too_many_as_of`` (with ``retry_after``)."""
    if raw is None or not raw.strip():
        return None
    try:
        day = read_day(raw)
    except ValueError:
        shown = raw if len(raw) <= SHOWN else raw[:SHOWN] + "…"
        raise AppError("invalid_as_of", {"value": shown}) from None
    if day > newest_day():
        raise AppError("future_as_of", {"value": day.isoformat()})
    state = state_of(request)
    wait = state.as_of_limiter.admit(client_of(request), day)
    if wait is not None:
        raise AppError("too_many_as_of", {"limit": state.as_of_limiter.per_minute, "retry_after": wait})
    return day


async def get_as_of(
    request: Request,
    as_of: Annotated[
        str | None,
        Query(
            description="Show the data as published on this day (YYYY-MM-DD, not in the future); default: "
            "everything published. Each client may ask for a limited number of different dates a minute (429)"
        ),
    ] = None,
) -> dt.date | None:
    """The API's ``as_of`` parameter (:func:`read_as_of`)."""
    return read_as_of(request, as_of)


def page_as_of(request: Request) -> dt.date | None:
    """A page's ``?as_of=`` (:func:`read_as_of`)."""
    return read_as_of(request, request.query_params.get("as_of"))


AsOf = Annotated[dt.date | None, Depends(get_as_of)]
