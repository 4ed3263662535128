"""Response models of the JSON API (they make the OpenAPI document precise)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorOut(Out):
    """The one shape of every API error (404, 400, 405, 422, 500)."""

    error: str = Field(description="HTTP-level kind, e.g. 'not_found', 'bad_request'", examples=["not_found"])
    code: str = Field(description="Stable code of the error catalogue", examples=["target_not_found"])
    params: dict[str, Any] = Field(default_factory=dict, description="The values the message is built from")
    detail: str = Field(description="What went wrong (English; Vietnamese with ?lang=vi)")
    status: int = Field(description="The HTTP status", examples=[404])


class BaselineOut(Out):
    period: str
    value: float


class TargetOut(Out):
    id: str
    doc: str = Field(description="Id of the pack's document that sets the target (vn-nq52: '000' = Resolution 52)")
    section: str
    kind: str = Field(description="threshold | growth | rank | milestone")
    horizon: str
    quote_vi: str = Field(description="The document's own words")
    gloss_en: str
    indicator: str | None
    comparator: str
    value: float | None
    tolerance: float | None
    unit: str | None
    deadline: int | None
    peer_group: str | None
    window: tuple[int, int] | None
    area: str
    baseline: BaselineOut | None
    related_targets: list[str]
    evidence_indicators: list[str]


class IndicatorOut(Out):
    code: str
    name_vi: str
    name_en: str
    unit: str
    direction: str
    definition_vi: str
    definition_en: str
    frequency: str
    aggregation: str = Field(description="How values combine across areas: sum, mean, weighted_mean, ratio, …")
    sources: list[str]


class AreaOut(Out):
    code: str
    name_vi: str
    name_en: str
    level: str
    parent: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    gso_code: str | None
    attributes: dict[str, Any] | None


class AreaDetailOut(AreaOut):
    predecessors: list[str] = Field(description="Areas merged into this one")
    successors: list[str] = Field(description="Areas this one was merged into")


class SourceOut(Out):
    id: str
    publisher: str | None
    title: str | None
    url_or_document: str | None
    retrieved_on: dt.date | None


class ObservationOut(Out):
    id: int
    indicator: str
    area: str
    period: str
    period_start: dt.date
    period_end: dt.date
    disaggregation: str
    value: float
    unit: str | None
    status: str
    published_on: dt.date
    recorded_at: AwareDatetime = Field(description="When dxtrack recorded it: ISO 8601 in UTC, with its offset")
    supersedes: int | None
    comment: str | None
    reported: dict[str, str] | None = Field(
        default=None,
        description="For a value a unit reported in a data call: its `method` note, `source` and `collection` "
        "(`automatic` or `self_reported`), those it gave (kept in `comment`)",
    )
    source: SourceOut


class ObservationPage(Out):
    as_of: dt.date | None
    total: int = Field(description="Rows matching the filters")
    limit: int
    offset: int
    items: list[ObservationOut]


class YearValue(Out):
    year: int
    value: float


class PeriodValue(Out):
    period: str | None = None
    value: float | None = None


class Projection(Out):
    year: int
    value: float
    lo80: float | None = None
    hi80: float | None = None
    lo95: float | None = None
    hi95: float | None = None


class PeerRank(Out):
    edition: int | str
    rank: int | None = Field(description="Rank of the target's area within the peer group in this edition")
    n: int | None = Field(default=None, description="Members ranked in this edition")
    value: float | None = Field(default=None, description="The area's own value (e.g. world rank)")
    missing: list[str] = Field(default_factory=list, description="Members without a value in this edition")


class AssessmentOut(Out):
    target: str
    status: str = Field(description="target_achieved, substantial_progress, …, insufficient_data or a judgement")
    detail: str | None = Field(default=None, description="One-line explanation (English)")
    reason: str | None = Field(default=None, description="Why the target could not be assessed (English)")
    reason_code: str | None = Field(default=None, description="The same reason as a stable code")
    reason_params: dict[str, Any] | None = Field(default=None, description="The reason's parameters")
    baseline: PeriodValue | None = None
    latest: PeriodValue | None = None
    target_value: float | None = None
    deadline: int | None = None
    share_covered: float | None = None
    growth_actual: float | None = None
    growth_required: float | None = None
    projection: Projection | None = None
    probability: float | None = Field(default=None, description="Probability of meeting the target (0–1)")
    method: str | None = None
    method_version: str | None = None
    observation_ids: list[int] = Field(default_factory=list)
    trajectory: list[YearValue] = Field(default_factory=list)
    forecast: list[Projection] = Field(default_factory=list)
    peer_ranks: list[PeerRank] = Field(default_factory=list)


class AssessmentList(Out):
    as_of: dt.date | None
    assessed: bool = Field(description="False while the assessment service is not available")
    items: list[AssessmentOut]


class StatusRow(Out):
    target: str
    kind: str
    horizon: str
    indicator: str | None
    area: str
    period: str | None
    value: float | None
    unit: str | None
    source: str | None
    source_url: str | None
    published_on: dt.date | None
    observation_id: int | None
    comparator: str
    target_value: float | None
    target_unit: str | None
    deadline: int | None
    status: str | None = Field(description="Assessment status; null when not yet assessed")
    probability: float | None


class StatusBoard(Out):
    as_of: dt.date | None
    assessed: bool
    items: list[StatusRow]


class TargetDetailOut(Out):
    target: TargetOut
    status: StatusRow
    assessment: AssessmentOut | None
