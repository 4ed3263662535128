"""Assessments of the targets (progress status, projection, probability) as of a date."""

from __future__ import annotations

from fastapi import APIRouter

from dxtrack.present.errors import AppError
from dxtrack.web.api.v1.common import NOT_FOUND, assessment_out, find_target
from dxtrack.web.api.v1.models import AssessmentList, AssessmentOut
from dxtrack.web.deps import AsOf, State

router = APIRouter(tags=["assessments"])


@router.get("/assessments", response_model=AssessmentList, summary="Assessment of every target")
async def list_assessments(state: State, as_of: AsOf = None) -> AssessmentList:
    """Every target's assessment; ``assessed`` is false (and the list empty) until the service is available."""
    board = await state.board_async(as_of)
    items = [a for a in (assessment_out(r["assessment"]) for r in board["rows"]) if a is not None]
    return AssessmentList(as_of=as_of, assessed=board["assessed"], items=items)


@router.get(
    "/assessments/{target_id}", response_model=AssessmentOut, responses=NOT_FOUND, summary="One target's assessment"
)
async def get_assessment(state: State, target_id: str, as_of: AsOf = None) -> AssessmentOut:
    target = find_target(state, target_id)
    row = next(r for r in (await state.board_async(as_of))["rows"] if r["target"] == target.id)
    out = assessment_out(row["assessment"])
    if out is None:
        raise AppError("assessment_not_found", {"target": target_id})
    return out
