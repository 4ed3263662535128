"""The assessment vocabulary of the domain: the eight statuses a target can have, and why data are lacking.

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
    """An assessment status, in display order (best first, then the ones that cannot be judged)."""

    TARGET_ACHIEVED = "target_achieved"
    SUBSTANTIAL_PROGRESS = "substantial_progress"
    MODERATE_PROGRESS = "moderate_progress"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    INSUFFICIENT_DATA = "insufficient_data"
    NOT_AVAILABLE = "not_available"
    NOT_ASSESSED = "not_assessed"

    @classmethod
    def parse(cls, value: str | None) -> Status | None:
        """The status named ``value`` (None when empty or not one of the eight)."""
        try:
            return cls(value) if value else None
        except ValueError:
            return None


@dataclass(frozen=True)
class Reason:
    """Why a target cannot be judged: a code of the reason catalogue and its parameters (plain JSON values)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}
