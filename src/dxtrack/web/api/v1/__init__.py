"""Version 1 of the JSON API: targets, indicators, areas, observations, assessments, status board."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dxtrack.web.api.v1 import areas, assessments, calls, evidence, indicators, observations, targets
from dxtrack.web.api.v1.models import ErrorOut

# Every operation documents the one error shape (FastAPI's own 422 shape is replaced by it).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter is not valid (e.g. as_of is not a date)"},
    422: {"model": ErrorOut, "description": "The request does not match the operation's parameters"},
    429: {"model": ErrorOut, "description": "Too many different as_of dates from this client (Retry-After)"},
    500: {"model": ErrorOut, "description": "Server error"},
    503: {"model": ErrorOut, "description": "The server is busy computing other dates (Retry-After)"},
}

router = APIRouter(responses=ERRORS)
for module in (targets, indicators, areas, observations, assessments, evidence, calls):
    router.include_router(module.router)
