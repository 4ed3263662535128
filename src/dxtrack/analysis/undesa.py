"""UN DESA Progress Chart method (UNSD Progress Chart Technical Note 2023; METHODS.md §1.3).

With a target: the observed compound growth since the base year is extended to the target year and
compared with the progress needed, ``r = (v^e_T − v_b)/(v_T − v_b)``: score 3 (on track) if
r ≥ 0.95, 2 (fair progress) if 0.10 ≤ r < 0.95, else 1 (stagnation or regression).
Without a target the growth rate itself is classed (±2 % and ±0.5 % a year).

Exceptions handled: the latest value meets the target → achieved; a 0 % or 100 % target met to
within 1 point (``percent=True``) → achieved; no base-year value → the nearest later year (else the
nearest earlier) that still leaves two values; no target year → 2030; a target year already passed
→ the evaluation stops at the target year; fewer than two years → not assessed; binary indicators
→ achieved or stagnation; growth-rate series → expert judgement (not assessed here).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from dxtrack.analysis import opensdg
from dxtrack.domain.status import Reason

METHOD_NAME = "undesa"
METHOD_VERSION = "unsd-progress-chart-2023"

LABELS = {
    3: "target met or on track",
    2: "fair progress, acceleration needed",
    1: "stagnation or regression",
}


@dataclass(frozen=True)
class UndesaResult:
    """``score`` is 3/2/1 (None when not assessed); ``status`` uses the open-sdg names."""

    score: int | None
    label: str
    status: str
    achieved: bool
    cagr: float | None
    ratio: float | None
    expected_value: float | None
    base_year: int | None
    base_value: float | None
    current_year: int | None
    current_value: float | None
    reason: str | None = None
    why: Reason | None = None


def _not_assessed(reason: str, why: Reason, **kw: Any) -> UndesaResult:
    base: dict[str, Any] = dict(
        score=None,
        label="not assessed",
        status=opensdg.NOT_AVAILABLE,
        achieved=False,
        cagr=None,
        ratio=None,
        expected_value=None,
        base_year=None,
        base_value=None,
        current_year=None,
        current_value=None,
        reason=reason,
        why=why,
    )
    base.update(kw)
    return UndesaResult(**base)


def _status(score: int, moving_right_way: bool) -> str:
    if score == 3:
        return opensdg.SUBSTANTIAL
    if score == 2:
        return opensdg.MODERATE
    return opensdg.LIMITED if moving_right_way else opensdg.DETERIORATION


def undesa_progress(
    years: Sequence[int] | np.ndarray[Any, Any],
    values: Sequence[float] | np.ndarray[Any, Any],
    *,
    direction: Literal["positive", "negative"] | None = None,
    target: float | None = None,
    target_year: int | None = None,
    base_year: int = 2015,
    percent: bool = False,
    binary: bool = False,
    growth_rate_series: bool = False,
) -> UndesaResult:
    """Classify one series. ``direction`` may be omitted when a target is given (inferred)."""
    if growth_rate_series:
        return _not_assessed("series is itself a growth rate: needs expert judgement", Reason("growth_rate_series"))
    y = np.asarray(years, dtype=np.int64)
    v = np.asarray(values, dtype=float)
    keep = ~np.isnan(v)
    y, v = y[keep], v[keep]
    order = np.argsort(y, kind="stable")
    y, v = y[order], v[order]
    if y.size and np.unique(y).size != y.size:
        raise ValueError("duplicate years")
    t_year = 2030 if target_year is None else int(target_year)
    if y.size == 0:
        return _not_assessed("no data", Reason("no_data"))
    cur_year, cur_value = int(y[-1]), float(v[-1])
    if direction is None:
        if target is None:
            raise ValueError("direction is required when there is no target")
        direction = "positive" if target >= float(v[0]) else "negative"
    d = 1 if direction == "positive" else -1

    def meets(x: float) -> bool:
        assert target is not None
        if percent and target in (0.0, 100.0) and abs(x - target) <= 1.0:
            return True
        return x >= target if d == 1 else x <= target

    if target is not None and meets(cur_value):
        return UndesaResult(
            3, "target met", opensdg.TARGET_ACHIEVED, True, None, None, None, None, None, cur_year, cur_value
        )
    if binary:
        return UndesaResult(1, LABELS[1], opensdg.LIMITED, False, None, None, None, None, None, cur_year, cur_value)
    if y.size < 2:
        return _not_assessed(
            "needs at least two points", Reason("needs_two_points"), current_year=cur_year, current_value=cur_value
        )
    # Base year: as given, else the nearest later year leaving two values, else the nearest earlier.
    if target is not None and cur_year > t_year:
        at_or_before = y <= t_year
        y, v = y[at_or_before], v[at_or_before]
        if y.size < 2:
            return _not_assessed(
                f"needs at least two points up to target year {t_year}", Reason("needs_two_points_by", {"year": t_year})
            )
        cur_year, cur_value = int(y[-1]), float(v[-1])
    candidates = [int(t) for t in y if t >= base_year and t < cur_year]
    if candidates:
        b_year = candidates[0]
    else:
        earlier = [int(t) for t in y if t < base_year]
        b_year = earlier[-1]
    b_value = float(v[y == b_year][0])
    if b_value <= 0 or cur_value < 0:
        return _not_assessed(
            "growth rate undefined for zero or negative values",
            Reason("levels_not_positive"),
            base_year=b_year,
            base_value=b_value,
            current_year=cur_year,
            current_value=cur_value,
        )
    cagr = (cur_value / b_value) ** (1.0 / (cur_year - b_year)) - 1.0
    common: dict[str, Any] = dict(base_year=b_year, base_value=b_value, current_year=cur_year, current_value=cur_value)
    if target is None:
        g = d * cagr
        score = 3 if g >= 0.02 else 2 if g >= 0.005 else 1
        return UndesaResult(score, LABELS[score], _status(score, g > 0), False, cagr, None, None, **common)
    horizon = max(t_year - cur_year, 0)
    expected = cur_value * (1.0 + cagr) ** horizon
    if target == b_value:
        return _not_assessed("target equals the base value", Reason("target_equals_base"), cagr=cagr, **common)
    r = (expected - b_value) / (target - b_value)
    score = 3 if r >= 0.95 else 2 if r >= 0.10 else 1
    if math.isnan(r):
        return _not_assessed("progress ratio undefined", Reason("progress_undefined"), cagr=cagr, **common)
    return UndesaResult(score, LABELS[score], _status(score, r > 0), False, cagr, r, expected, **common)
