"""Indicators of the content pack."""

from __future__ import annotations

from fastapi import APIRouter

from dxtrack.domain.catalog import Indicator
from dxtrack.web.api.v1.common import NOT_FOUND, not_found
from dxtrack.web.api.v1.models import IndicatorOut
from dxtrack.web.deps import State

router = APIRouter(tags=["indicators"])


def indicator_out(ind: Indicator) -> IndicatorOut:
    data = ind.model_dump(mode="json")
    data["aggregation"] = ind.aggregation.kind.value
    data["direction"] = ind.direction.value
    return IndicatorOut.model_validate(data)


@router.get("/indicators", response_model=list[IndicatorOut], summary="All indicators")
def list_indicators(state: State) -> list[IndicatorOut]:
    """Every indicator: names in Vietnamese and English, unit, better direction, definition."""
    return [indicator_out(i) for i in state.pack.indicators]


@router.get("/indicators/{code}", response_model=IndicatorOut, responses=NOT_FOUND, summary="One indicator")
def get_indicator(state: State, code: str) -> IndicatorOut:
    try:
        return indicator_out(state.pack.indicator(code))
    except KeyError:
        raise not_found("indicator", code) from None
