"""Areas: world and regional aggregates, countries, Vietnam's provinces before and after 1 July 2025."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query

from dxtrack.services.series import area_detail, area_list
from dxtrack.web.api.v1.common import NOT_FOUND, not_found
from dxtrack.web.api.v1.models import AreaDetailOut, AreaOut
from dxtrack.web.deps import State

router = APIRouter(tags=["areas"])


@router.get("/areas", response_model=list[AreaOut], summary="All areas")
def list_areas(
    state: State,
    level: Literal["world", "region", "country", "province"] | None = Query(None, description="Only this level"),
) -> list[AreaOut]:
    """Areas with codes (ISO3 for countries, VN63_xx / VN34_xx for provinces) and validity dates."""
    return [AreaOut.model_validate(a) for a in area_list(state.engine, level)]


@router.get("/areas/{code}", response_model=AreaDetailOut, responses=NOT_FOUND, summary="One area")
def get_area(state: State, code: str) -> AreaDetailOut:
    """One area with the areas it was merged from or into (the 2025 province merger)."""
    found = area_detail(state.engine, code)
    if found is None:
        raise not_found("area", code)
    return AreaDetailOut.model_validate(found)
