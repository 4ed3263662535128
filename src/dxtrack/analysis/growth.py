"""Growth targets: average annual growth over a window (e.g. labour productivity > 7 %/yr in
2021–2025) from a level series (e.g. WDI SL.GDP.PCAP.EM.KD, GDP per person employed).

Growth over the window [w0, w1] starts from the level of year w0 − 1 (2020 for 2021–2025). With
base level L_b and latest level L_t (t ≤ w1):

* year-on-year growth ``L_y/L_{y−1} − 1`` for every window year with both levels;
* average (compound) growth so far ``(L_t/L_b)^(1/(t − b)) − 1`` and the arithmetic mean of the
  year-on-year rates;
* the level the target implies at the end of the window ``L* = L_b (1 + g*)^(w1 − b)`` and the
  growth now required for the remaining years ``(L*/L_t)^(1/(w1 − t)) − 1``;
* the probability ``P(L_{w1} ≥ L*)`` from the level forecast (log scale).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dxtrack.analysis.forecast import Forecast, ModelChoice, forecast
from dxtrack.domain.status import Reason


@dataclass(frozen=True)
class GrowthResult:
    """Growth over a window; ``missing`` says what is lacking when nothing can be computed."""

    window: tuple[int, int]
    target_rate: float
    base_year: int | None = None
    base_value: float | None = None
    last_year: int | None = None
    last_value: float | None = None
    yearly: dict[int, float] = field(default_factory=dict)
    average_growth: float | None = None
    arithmetic_mean: float | None = None
    target_level: float | None = None
    required_growth: float | None = None
    complete: bool = False
    probability: float | None = None
    projection: Forecast | None = None
    notes: tuple[str, ...] = ()
    missing: str | None = None
    reason: Reason | None = None


def yearly_growth(
    years: Sequence[int] | np.ndarray[Any, Any], values: Sequence[float] | np.ndarray[Any, Any]
) -> dict[int, float]:
    """Year-on-year growth for consecutive years present in the data."""
    y = np.asarray(years, dtype=np.int64)
    v = np.asarray(values, dtype=float)
    lookup = {int(a): float(b) for a, b in zip(y, v, strict=True) if not np.isnan(b)}
    return {t: lookup[t] / lookup[t - 1] - 1.0 for t in sorted(lookup) if t - 1 in lookup and lookup[t - 1] > 0}


def growth_over_window(
    years: Sequence[int] | np.ndarray[Any, Any],
    values: Sequence[float] | np.ndarray[Any, Any],
    window: tuple[int, int],
    target_rate: float,
    *,
    model: ModelChoice = "auto",
) -> GrowthResult:
    """Average annual growth over ``window`` against ``target_rate`` (a fraction, 0.07 = 7 %)."""
    w0, w1 = int(window[0]), int(window[1])
    y = np.asarray(years, dtype=np.int64)
    v = np.asarray(values, dtype=float)
    keep = ~np.isnan(v)
    y, v = y[keep], v[keep]
    order = np.argsort(y)
    y, v = y[order], v[order]
    notes: list[str] = []
    nominal_base = w0 - 1
    if (y == nominal_base).any():
        base_year = nominal_base
    else:
        inside = y[(y >= w0) & (y <= w1)]
        if inside.size == 0:
            return GrowthResult(
                (w0, w1),
                target_rate,
                missing=f"no observation in {nominal_base}–{w1}",
                reason=Reason("no_observation_in_window", {"first": nominal_base, "last": w1}),
            )
        base_year = int(inside[0])
        notes.append(f"no level for {nominal_base}; growth measured from {base_year}")
    base_value = float(v[y == base_year][0])
    upto = (y > base_year) & (y <= w1)
    if not upto.any():
        return GrowthResult(
            (w0, w1),
            target_rate,
            base_year=base_year,
            base_value=base_value,
            missing=f"no observation after {base_year}",
            reason=Reason("no_observation_after", {"year": base_year}),
            notes=tuple(notes),
        )
    last_year = int(y[upto][-1])
    last_value = float(v[upto][-1])
    if base_value <= 0 or last_value <= 0:
        return GrowthResult(
            (w0, w1),
            target_rate,
            missing="levels must be positive",
            reason=Reason("levels_not_positive"),
            notes=tuple(notes),
        )
    yearly = {t: g for t, g in yearly_growth(y, v).items() if w0 <= t <= w1}
    avg = (last_value / base_value) ** (1.0 / (last_year - base_year)) - 1.0
    arith = float(np.mean(list(yearly.values()))) if yearly else None
    target_level = base_value * (1.0 + target_rate) ** (w1 - base_year)
    complete = last_year >= w1
    required = None if complete else (target_level / last_value) ** (1.0 / (w1 - last_year)) - 1.0
    proj: Forecast | None = None
    if complete:
        prob: float | None = 1.0 if last_value >= target_level else 0.0
    else:
        proj = forecast(y[y <= last_year], v[y <= last_year], w1, model=model)
        prob = None if proj is None else proj.prob(">=", target_level)
    return GrowthResult(
        window=(w0, w1),
        target_rate=target_rate,
        base_year=base_year,
        base_value=base_value,
        last_year=last_year,
        last_value=last_value,
        yearly=yearly,
        average_growth=avg,
        arithmetic_mean=arith,
        target_level=target_level,
        required_growth=required,
        complete=complete,
        probability=prob,
        projection=proj,
        notes=tuple(notes),
    )
