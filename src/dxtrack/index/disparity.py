"""Disparity measures across areas (provinces): CV, Gini, Theil, max/min ratio, urban-rural gap.

Formulas (values ``x_i > 0`` unless stated, optional weights ``w_i`` such as population; missing
values are dropped):

* coefficient of variation: ``sd / mean`` (population sd, ``ddof = 0``; weighted mean/variance
  when weights are given);
* Gini: ``sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mean)`` (unweighted: all ``w = 1``);
* Theil T: ``sum_i (w_i / W) (x_i / mean) ln(x_i / mean)`` (needs ``x > 0``);
* max/min ratio: ``max(x) / min(x)``;
* urban-rural gap: ``urban - rural`` (and the ratio) of two aligned series.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from dxtrack.errors import InputError


def _prep(x: Sequence[float] | np.ndarray, w: Sequence[float] | np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(x, dtype=np.float64)
    ww = np.ones_like(a) if w is None else np.asarray(w, dtype=np.float64)
    if ww.shape != a.shape:
        raise InputError("weights must have the same length as the values")
    ok = ~np.isnan(a) & ~np.isnan(ww)
    a, ww = a[ok], ww[ok]
    if a.size == 0:
        raise InputError("no values to measure disparity on")
    if (ww < 0).any() or ww.sum() <= 0:
        raise InputError("weights must be non-negative and not all zero")
    return a, ww


def _wmean(a: np.ndarray, w: np.ndarray) -> float:
    return float((a * w).sum() / w.sum())


def coefficient_of_variation(x: Sequence[float] | np.ndarray, w: Sequence[float] | np.ndarray | None = None) -> float:
    """``sd / mean`` with the population (ddof = 0) standard deviation."""
    a, ww = _prep(x, w)
    m = _wmean(a, ww)
    return float(np.sqrt(((a - m) ** 2 * ww).sum() / ww.sum()) / m)


def gini(x: Sequence[float] | np.ndarray, w: Sequence[float] | np.ndarray | None = None) -> float:
    """Gini coefficient (mean absolute difference over twice the mean)."""
    a, ww = _prep(x, w)
    m = _wmean(a, ww)
    diff = np.abs(a[:, None] - a[None, :])
    return float((ww[:, None] * ww[None, :] * diff).sum() / (2.0 * ww.sum() ** 2 * m))


def theil(x: Sequence[float] | np.ndarray, w: Sequence[float] | np.ndarray | None = None) -> float:
    """Theil T index; all values must be positive."""
    a, ww = _prep(x, w)
    if (a <= 0).any():
        raise InputError("Theil index needs positive values")
    r = a / _wmean(a, ww)
    return float((ww / ww.sum() * r * np.log(r)).sum())


def max_min_ratio(x: Sequence[float] | np.ndarray) -> float:
    """Largest over smallest value."""
    a, _ = _prep(x, None)
    if a.min() <= 0:
        raise InputError("max/min ratio needs positive values")
    return float(a.max() / a.min())


def urban_rural_gap(urban: Sequence[float] | np.ndarray, rural: Sequence[float] | np.ndarray) -> pd.DataFrame:
    """Per area: ``gap = urban - rural`` and ``ratio = urban / rural``."""
    u = np.asarray(urban, dtype=np.float64)
    r = np.asarray(rural, dtype=np.float64)
    if u.shape != r.shape:
        raise InputError("urban and rural series must be aligned")
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame({"urban": u, "rural": r, "gap": u - r, "ratio": u / r})


def disparity_summary(
    x: Sequence[float] | np.ndarray, w: Sequence[float] | np.ndarray | None = None
) -> dict[str, float]:
    """All measures at once (Theil and max/min only when every value is positive)."""
    a, _ = _prep(x, w)
    out = {"n": float(a.size), "mean": float(a.mean()), "cv": coefficient_of_variation(x, w), "gini": gini(x, w)}
    if (a > 0).all():
        out["theil"] = theil(x, w)
        out["max_min_ratio"] = max_min_ratio(x)
    return out
