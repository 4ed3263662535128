"""Version 1 of the JSON API: targets, indicators, areas, observations, assessments, status board."""

from __future__ import annotations

from fastapi import APIRouter

from dxtrack.web.api.v1 import areas, assessments, indicators, observations, targets

router = APIRouter()
for module in (targets, indicators, areas, observations, assessments):
    router.include_router(module.router)
