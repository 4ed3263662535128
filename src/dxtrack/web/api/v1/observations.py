"""Observations with filters: indicator, area, period range, as_of, revisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dxtrack.domain.period import PERIOD_HELP, parse_period
from dxtrack.present.errors import AppError
from dxtrack.services.frames import records
from dxtrack.services.series import observations
from dxtrack.web.api.v1.common import observation_out
from dxtrack.web.api.v1.models import ErrorOut, ObservationPage
from dxtrack.web.deps import AsOf, State

router = APIRouter(tags=["observations"])


def _check_period(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        parse_period(value)
    except ValueError:
        raise AppError("invalid_period", {"name": name, "value": value}) from None


@router.get(
    "/observations",
    response_model=ObservationPage,
    responses={400: {"model": ErrorOut, "description": "A filter is not valid"}},
    summary="Observations",
)
def list_observations(
    state: State,
    indicator: Annotated[list[str] | None, Query(description="Indicator code(s); repeat for several")] = None,
    area: Annotated[list[str] | None, Query(description="Area code(s); repeat for several")] = None,
    period_from: Annotated[str | None, Query(description=f"First period: {PERIOD_HELP}")] = None,
    period_to: Annotated[str | None, Query(description=f"Last period: {PERIOD_HELP}")] = None,
    as_of: AsOf = None,
    history: Annotated[bool, Query(description="Every revision instead of the latest per period")] = False,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ObservationPage:
    """Published observations, latest revision per period unless ``history=true``; each with its source."""
    _check_period("period_from", period_from)
    _check_period("period_to", period_to)
    frame = observations(
        state.engine,
        indicators=indicator,
        areas=area,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
        history=history,
    )
    total = len(frame)
    if total:
        frame = frame.sort_values(["indicator", "area", "period_start", "published_on", "id"])
    page = frame.iloc[offset : offset + limit] if total else frame
    items = [observation_out(r) for r in records(page)] if total else []
    return ObservationPage(as_of=as_of, total=total, limit=limit, offset=offset, items=items)
