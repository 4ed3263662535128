"""Targets: the list, one target with its status and assessment, its data as CSV or JSON."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter, Query
from fastapi.responses import Response

from dxtrack.present.untrusted import csv_cell
from dxtrack.services.series import target_history
from dxtrack.web.api.v1.common import NOT_FOUND, assessment_out, find_target, observation_out, status_out, target_out
from dxtrack.web.api.v1.models import ObservationOut, StatusBoard, TargetDetailOut, TargetOut
from dxtrack.web.deps import AsOf, State

router = APIRouter(tags=["targets"])

CSV_COLUMNS = (
    "id",
    "indicator",
    "area",
    "period",
    "value",
    "unit",
    "published_on",
    "current",
    "supersedes",
    "source_publisher",
    "source_title",
    "source_url",
    "comment",
)


@router.get("/targets", response_model=list[TargetOut], summary="All targets")
def list_targets(
    state: State,
    kind: str | None = Query(None, description="threshold | growth | rank | milestone"),
    horizon: str | None = Query(
        None, description="A horizon id of the content pack (vn-nq52: general, 2025, 2030, 2045, continuing)"
    ),
) -> list[TargetOut]:
    """Every target of the content pack, with the document's own words and an English gloss."""
    return [
        target_out(t)
        for t in state.pack.targets
        if (kind is None or t.kind.value == kind) and (horizon is None or t.horizon == horizon)
    ]


@router.get("/status", response_model=StatusBoard, summary="Status board")
async def status(state: State, as_of: AsOf = None) -> StatusBoard:
    """Every target with Vietnam's latest value, its source, and the assessment status when available."""
    board = await state.board_async(as_of)
    return StatusBoard(as_of=as_of, assessed=board["assessed"], items=[status_out(r) for r in board["rows"]])


@router.get("/targets/{target_id}", response_model=TargetDetailOut, responses=NOT_FOUND, summary="One target")
async def get_target(state: State, target_id: str, as_of: AsOf = None) -> TargetDetailOut:
    """The target, its latest value and its assessment (null until assessed)."""
    target = find_target(state, target_id)
    row = next(r for r in (await state.board_async(as_of))["rows"] if r["target"] == target.id)
    return TargetDetailOut(
        target=target_out(target), status=status_out(row), assessment=assessment_out(row["assessment"])
    )


@router.get(
    "/targets/{target_id}/data.json",
    response_model=list[ObservationOut],
    responses=NOT_FOUND,
    summary="A target's data with revisions",
)
def target_data_json(state: State, target_id: str, as_of: AsOf = None) -> list[ObservationOut]:
    """Every published revision of the target's series (Vietnam), newest period first."""
    target = find_target(state, target_id)
    return [observation_out(r) for r in target_history(state.engine, target, as_of)]


@router.get(
    "/targets/{target_id}/data.csv",
    responses={**NOT_FOUND, 200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8 with BOM"}},
    response_class=Response,
    summary="A target's data as CSV",
)
def target_data_csv(state: State, target_id: str, as_of: AsOf = None) -> Response:
    """The same rows as ``data.json`` as a CSV file (UTF-8 with BOM so spreadsheet programs read Vietnamese).
    A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with ``'`` so no
    spreadsheet runs it as a formula; numbers (negative ones too) stay numbers."""
    target = find_target(state, target_id)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in target_history(state.engine, target, as_of):
        writer.writerow({k: csv_cell(row.get(k)) for k in CSV_COLUMNS})
    filename = f"dxtrack-{target.id}" + (f"-as-of-{as_of.isoformat()}" if as_of else "") + ".csv"
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
