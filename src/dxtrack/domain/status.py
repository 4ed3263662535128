"""The assessment vocabulary of the domain: the statuses a target can have, and why data are lacking.

A target whose deadline has passed is judged on the official value for the deadline period
(``target_achieved`` / ``target_not_achieved``), or is ``awaiting_official_data`` until that value is released.

A status is what the assessment concludes; a :class:`Reason` is a stable code with parameters saying what is
missing (``Reason("no_observation_in_window", {"first": 2020, "last": 2025})``). Interfaces render both in
Vietnamese or English through :mod:`dxtrack.present`; nothing translates free text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """An assessment status, in display order (judged at the deadline first, then progress best first, then
    the ones that cannot be judged yet)."""

    TARGET_ACHIEVED = "target_achieved"
    TARGET_NOT_ACHIEVED = "target_not_achieved"
    SUBSTANTIAL_PROGRESS = "substantial_progress"
    MODERATE_PROGRESS = "moderate_progress"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    AWAITING_OFFICIAL_DATA = "awaiting_official_data"
    INSUFFICIENT_DATA = "insufficient_data"
    NOT_AVAILABLE = "not_available"
    NOT_ASSESSED = "not_assessed"

    @classmethod
    def parse(cls, value: str | None) -> Status | None:
        """The status named ``value`` (None when empty or not a status)."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None

    @property
    def final(self) -> bool:
        """Whether the status is a judgement at the deadline (achieved or not), not a judgement of progress."""
        return self in (Status.TARGET_ACHIEVED, Status.TARGET_NOT_ACHIEVED)


@dataclass(frozen=True)
class Reason:
    """Why a target cannot be judged: a code of the reason catalogue and its parameters (plain JSON values)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}
