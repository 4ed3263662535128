"""Helpers of the v1 routers: errors, conversions from read-model dicts to response models."""

from __future__ import annotations

from typing import Any

from dxtrack.domain.catalog import Target
from dxtrack.domain.reported_value import from_comment
from dxtrack.present.errors import AppError
from dxtrack.services.results import Assessment
from dxtrack.web.api.v1.models import AssessmentOut, ErrorOut, ObservationOut, SourceOut, StatusRow, TargetOut
from dxtrack.web.state import WebState

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Not found"}}
DENIED: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No valid credentials (missing, unknown, expired or revoked)"},
    403: {"model": ErrorOut, "description": "Outside the user's roles or organisations, or the CSRF token is wrong"},
}
THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorOut, "description": "Too many failed logins; wait Retry-After seconds"}
}


def not_found(what: str, key: str) -> AppError:
    """The catalogue's not-found error for a target, indicator or area."""
    return AppError(f"{what}_not_found", {what: key})


def find_target(state: WebState, target_id: str) -> Target:
    try:
        return state.pack.target(target_id)
    except KeyError:
        raise not_found("target", target_id) from None


def target_out(target: Target) -> TargetOut:
    data = target.model_dump(mode="json")
    data["kind"] = target.kind.value
    data["comparator"] = target.comparator.value
    return TargetOut.model_validate(data)


def status_out(row: dict[str, Any]) -> StatusRow:
    return StatusRow.model_validate(row)


def assessment_out(data: Assessment | None) -> AssessmentOut | None:
    """The typed result as the API's model (read from its attributes: no renamed keys in between)."""
    if data is None:
        return None
    return AssessmentOut.model_validate(data, from_attributes=True)


def observation_out(row: dict[str, Any]) -> ObservationOut:
    source = SourceOut(
        id=row["source_id"],
        publisher=row.get("source_publisher"),
        title=row.get("source_title"),
        url_or_document=row.get("source_url"),
        retrieved_on=row.get("source_retrieved_on"),
    )
    comment = row.get("comment")
    meta, _ = from_comment(comment if isinstance(comment, str) else None)
    return ObservationOut.model_validate({**row, "source": source, "reported": meta or None})
