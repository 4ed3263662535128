"""Recording evidence and a judgement on a target: the API's first write route (assessor role required)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request

from dxtrack.domain.accounts import AccessError
from dxtrack.errors import DxtrackError
from dxtrack.present.errors import AppError
from dxtrack.services import acting, records
from dxtrack.web.api.v1.common import DENIED, NOT_FOUND, find_target
from dxtrack.web.auth.guard import Writer
from dxtrack.web.auth.models import EvidenceIn, EvidenceOut
from dxtrack.web.deps import State

router = APIRouter(tags=["evidence"])


@router.post(
    "/evidence",
    status_code=201,
    response_model=EvidenceOut,
    summary="Record evidence",
    responses={**DENIED, **NOT_FOUND},
)
def add_evidence(request: Request, state: State, who: Writer, body: EvidenceIn) -> EvidenceOut:
    """Record evidence and a judgement on a target, as the signed-in user (assessor role for the organisation)."""
    find_target(state, body.target)
    day = body.date or dt.date.today()
    try:
        new_id = acting.add_evidence(
            state.engine,
            state.pack,
            who.user,
            target_id=body.target,
            date=day,
            text=body.text,
            judgement=body.judgement,
            link=body.link,
            org_id=body.org,
        )
    except AccessError:
        raise
    except DxtrackError as exc:
        raise AppError("user_error", {"message": str(exc)}) from None
    rows = [r for r in records.evidence(state.engine, body.target) if r["id"] == new_id]
    return EvidenceOut(id=new_id, target=body.target, date=day, judgement=body.judgement, assessor=rows[0]["assessor"])
