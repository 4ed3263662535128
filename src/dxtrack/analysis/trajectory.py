"""Trajectory from a baseline to a target and each year's gap to it (EU Digital Decade style).

``linear``: straight line ``v(t) = v0 + (vT − v0)(t − t0)/(T − t0)``.
``compound``: constant growth ``v(t) = v0 (vT/v0)^((t − t0)/(T − t0))`` (needs v0, vT > 0).

The gap is ``observed − path`` (positive = above the path); ``gap_favourable`` flips the sign for
lower-is-better targets so that a positive number always means ahead of the path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

Shape = Literal["linear", "compound"]


@dataclass(frozen=True)
class GapRow:
    """One observed year compared with the trajectory."""

    year: int
    observed: float
    path: float
    gap: float
    gap_favourable: float
    share_covered: float | None


def path_values(
    years: Sequence[int] | np.ndarray[Any, Any],
    base_year: int,
    base_value: float,
    target_year: int,
    target_value: float,
    shape: Shape = "linear",
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Trajectory values at ``years`` (extrapolated outside [base_year, target_year])."""
    if target_year == base_year:
        raise ValueError("target year must differ from base year")
    t = (np.asarray(years, dtype=float) - base_year) / (target_year - base_year)
    if shape == "linear":
        return np.asarray(base_value + (target_value - base_value) * t, dtype=float)
    if base_value <= 0 or target_value <= 0:
        raise ValueError("a compound-growth trajectory needs positive base and target values")
    return np.asarray(base_value * (target_value / base_value) ** t, dtype=float)


def share_covered(current: float, base_value: float, target_value: float) -> float | None:
    """Share of the distance from baseline to target covered so far (None if target = base)."""
    if target_value == base_value:
        return None
    return (current - base_value) / (target_value - base_value)


def gaps(
    years: Sequence[int] | np.ndarray[Any, Any],
    values: Sequence[float] | np.ndarray[Any, Any],
    base_year: int,
    base_value: float,
    target_year: int,
    target_value: float,
    shape: Shape = "linear",
    higher_is_better: bool | None = None,
) -> list[GapRow]:
    """Gap to the trajectory for every observed year (sorted by year)."""
    y = np.asarray(years, dtype=np.int64)
    v = np.asarray(values, dtype=float)
    order = np.argsort(y, kind="stable")
    y, v = y[order], v[order]
    p = path_values(y, base_year, base_value, target_year, target_value, shape)
    if higher_is_better is None:
        higher_is_better = target_value >= base_value
    sgn = 1.0 if higher_is_better else -1.0
    return [
        GapRow(
            year=int(t),
            observed=float(x),
            path=float(q),
            gap=float(x - q),
            gap_favourable=float(sgn * (x - q)),
            share_covered=share_covered(float(x), base_value, target_value),
        )
        for t, x, q in zip(y, v, p, strict=True)
    ]


def required_annual_growth(current: float, current_year: int, target_value: float, target_year: int) -> float | None:
    """Compound annual growth needed from the latest value to reach the target on time."""
    if target_year <= current_year or current <= 0 or target_value <= 0:
        return None
    return float((target_value / current) ** (1.0 / (target_year - current_year)) - 1.0)


def actual_annual_growth(base_value: float, base_year: int, current: float, current_year: int) -> float | None:
    """Compound annual growth observed from baseline to the latest value."""
    if current_year <= base_year or base_value <= 0 or current <= 0:
        return None
    return float((current / base_value) ** (1.0 / (current_year - base_year)) - 1.0)
