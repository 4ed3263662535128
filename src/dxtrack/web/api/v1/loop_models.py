"""Request models of the reporting loop's API (the reports themselves are the template JSON, not a model)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class CallIn(BaseModel):
    """A new data call (as ``dxtrack call create``)."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=500, description="The call's title")
    period: str = Field(min_length=4, max_length=24, description="Reporting period: 2025, 2025-H1, 2025-Q2, 2025-06")
    cutoff: dt.date = Field(description="Data cut-off date (thời gian chốt số liệu)")
    due: dt.date = Field(description="Deadline")
    pack: str | None = Field(None, max_length=60, description="Bundled content pack id (default: the served pack)")
    orgs: Literal["all"] | list[str] = Field("all", description="'all' or the reporting units' organisation ids")
    repeat_months: int | None = Field(None, ge=1, le=60, description="Repeat every N months")


class ReasonIn(BaseModel):
    """The reason of a review step (required to return or reopen a report)."""

    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(None, max_length=4000, description="Why (required to return or reopen)")
