"""dxtrack's per-target result and its status vocabulary.

Statuses are open-sdg's names plus ``insufficient_data`` (always with a ``missing`` reason such as
"needs at least two points", and the same reason as a code with parameters, ``reason``, that interfaces
render in Vietnamese or English); a milestone's status is the assessor's own judgement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from dxtrack.analysis.opensdg import (
    DETERIORATION,
    LIMITED,
    MODERATE,
    NOT_AVAILABLE,
    SUBSTANTIAL,
    TARGET_ACHIEVED,
)
from dxtrack.domain.status import Reason, Status

INSUFFICIENT_DATA = Status.INSUFFICIENT_DATA.value
STATUS_VOCABULARY: tuple[str, ...] = (
    TARGET_ACHIEVED,
    SUBSTANTIAL,
    MODERATE,
    LIMITED,
    DETERIORATION,
    INSUFFICIENT_DATA,
)
__all__ = [
    "DETERIORATION",
    "INSUFFICIENT_DATA",
    "LIMITED",
    "MODERATE",
    "NOT_AVAILABLE",
    "STATUS_VOCABULARY",
    "SUBSTANTIAL",
    "TARGET_ACHIEVED",
    "Point",
    "Projection",
    "Reason",
    "TargetResult",
    "insufficient",
]


@dataclass(frozen=True)
class Point:
    """An observed (period, value)."""

    period: str
    value: float


@dataclass(frozen=True)
class Projection:
    """Forecast at the deadline: point (predictive median) and 80 %/95 % intervals."""

    year: int
    value: float
    lo80: float | None
    hi80: float | None
    lo95: float | None
    hi95: float | None
    model: str


@dataclass(frozen=True)
class TargetResult:
    """Everything the assessment reports for one target (plain data, JSON-ready via ``to_dict``)."""

    status: str
    detail: str
    method: str
    method_version: str
    baseline: Point | None = None
    latest: Point | None = None
    target_value: float | None = None
    deadline: int | None = None
    share_covered: float | None = None
    actual_growth: float | None = None
    required_growth: float | None = None
    score: float | None = None
    progress_value: float | None = None
    projection: Projection | None = None
    probability: float | None = None
    obs_ids: tuple[Any, ...] = ()
    missing: str | None = None
    reason: Reason | None = None
    judged_by: str | None = None
    judged_on: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def insufficient(self) -> bool:
        return self.status == INSUFFICIENT_DATA

    def to_dict(self) -> dict[str, Any]:
        """Plain dict; non-finite numbers become None."""

        def clean(x: Any) -> Any:
            if isinstance(x, float) and not math.isfinite(x):
                return None
            if isinstance(x, dict):
                return {k: clean(v) for k, v in x.items()}
            if isinstance(x, list | tuple):
                return [clean(v) for v in x]
            return x

        out = asdict(self)
        out["extra"] = dict(self.extra)
        out["reason"] = None if self.reason is None else self.reason.to_dict()
        return {k: clean(v) for k, v in out.items()}


def insufficient(
    missing: str,
    reason: Reason,
    *,
    method: str,
    method_version: str,
    obs_ids: Sequence[Any] = (),
    **kw: Any,
) -> TargetResult:
    """An ``insufficient_data`` result that says what is missing (``missing`` in English, ``reason`` as a code)."""
    return TargetResult(
        status=INSUFFICIENT_DATA,
        detail=f"insufficient data: {missing}",
        method=method,
        method_version=method_version,
        obs_ids=tuple(obs_ids),
        missing=missing,
        reason=reason,
        **kw,
    )
