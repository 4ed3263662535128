"""Column statistics used by the index engine: COINr's skewness/kurtosis and R-style ranks.

All functions work on 2-D float arrays (units in rows, variables in columns) with NaN for
missing values, and treat each column independently, like R's ``na.rm = TRUE``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def _as_2d(x: FloatArray) -> tuple[FloatArray, bool]:
    a = np.asarray(x, dtype=np.float64)
    if a.ndim == 1:
        return a[:, None], True
    return a, False


def central_moments(x: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Per column: count of non-NaN values, and sums of squared, cubed and 4th-power deviations."""
    a, _ = _as_2d(x)
    ok = ~np.isnan(a)
    n = ok.sum(axis=0).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(ok, a, 0.0).sum(axis=0) / n
        d = np.where(ok, a - mean, 0.0)
    d2 = d * d
    return n, d2.sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)


def skew_kurt(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """:func:`skew` and :func:`kurt` of each column from one pass over the data."""
    n, s2, s3, s4 = central_moments(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        sk = np.sqrt(n) * s3 / s2**1.5 * np.sqrt(n * (n - 1.0)) / (n - 2.0)
        r = n * s4 / (s2 * s2)
        kt = ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
    return np.where(n < 3, np.nan, sk), np.where(n < 4, np.nan, kt)


def skew(x: FloatArray) -> FloatArray:
    """Sample skewness, type 2 of e1071 (= Excel's SKEW), as COINr's ``skew()``.

    ``g = sqrt(n) * sum(d^3) / sum(d^2)^1.5`` and ``skew = g * sqrt(n(n-1)) / (n-2)`` with
    ``d = x - mean(x)``. NaNs are dropped; columns with fewer than 3 values give NaN (COINr's
    ``skew()`` returns NA). A constant column gives NaN (0/0).
    """
    a, flat = _as_2d(x)
    n, s2, s3, _ = central_moments(a)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.sqrt(n) * s3 / s2**1.5
        out = g * np.sqrt(n * (n - 1.0)) / (n - 2.0)
    out = np.where(n < 3, np.nan, out)
    return out[0:1].reshape(()) if flat else out


def kurt(x: FloatArray) -> FloatArray:
    """Sample excess kurtosis, type 2 of e1071 (= Excel's KURT), as COINr's ``kurt()``.

    ``r = n * sum(d^4) / sum(d^2)^2`` and ``kurt = ((n+1)(r-3) + 6)(n-1) / ((n-2)(n-3))``.
    NaNs are dropped; columns with fewer than 4 values give NaN.
    """
    a, flat = _as_2d(x)
    n, s2, _, s4 = central_moments(a)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * s4 / (s2 * s2)
        out = ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
    out = np.where(n < 4, np.nan, out)
    return out[0:1].reshape(()) if flat else out


def rank_min(x: FloatArray, *, descending: bool = False) -> FloatArray:
    """Ranks per column as R's ``rank(x, ties.method = "min", na.last = "keep")``.

    Ties share the lowest rank, NaN stays NaN. With ``descending=True`` this is
    ``rank(-x, ...)``: 1 = highest value, the rule COINr uses for unit ranks.
    """
    a, flat = _as_2d(x)
    v = -a if descending else a
    n = v.shape[0]
    if n == 0:
        return a.copy()
    order = np.argsort(v, axis=0, kind="stable")  # NaN sorts last
    s = np.take_along_axis(v, order, axis=0)
    new = np.ones(s.shape, dtype=bool)
    new[1:] = s[1:] != s[:-1]
    pos = np.arange(n, dtype=np.float64)[:, None]
    first = np.maximum.accumulate(np.where(new, pos, 0.0), axis=0) + 1.0
    first[np.isnan(s)] = np.nan
    out = np.empty_like(first)
    np.put_along_axis(out, order, first, axis=0)
    return out[:, 0] if flat else out


def quantile_type7(x: FloatArray, q: float, axis: int = 0) -> FloatArray:
    """R's default ``quantile(type = 7, na.rm = TRUE)`` along an axis (NaN if all missing)."""
    a = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        ok = ~np.isnan(a)
        if ok.all():
            return np.asarray(np.quantile(a, q, axis=axis), dtype=np.float64)
        s = np.sort(a, axis=axis)  # NaN last
        m = ok.sum(axis=axis)
        h = (m - 1) * q
        lo = np.floor(h).astype(np.int64)
        hi = np.minimum(lo + 1, np.maximum(m - 1, 0))
        lo = np.clip(lo, 0, None)
        xlo = np.take_along_axis(s, np.expand_dims(lo, axis), axis=axis).squeeze(axis)
        xhi = np.take_along_axis(s, np.expand_dims(hi, axis), axis=axis).squeeze(axis)
        res = xlo + (h - np.floor(h)) * (xhi - xlo)
        return np.asarray(np.where(m > 0, res, np.nan), dtype=np.float64)


def col_min(x: FloatArray) -> FloatArray:
    """Column minimum ignoring NaN (NaN if a column has no values; no warnings)."""
    return np.asarray(np.fmin.reduce(x, axis=0), dtype=np.float64)


def col_max(x: FloatArray) -> FloatArray:
    """Column maximum ignoring NaN (NaN if a column has no values; no warnings)."""
    return np.asarray(np.fmax.reduce(x, axis=0), dtype=np.float64)


def col_mean(x: FloatArray) -> FloatArray:
    """Column mean ignoring NaN (NaN for an empty column; no warnings)."""
    ok = ~np.isnan(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(ok, x, 0.0).sum(axis=0) / ok.sum(axis=0), dtype=np.float64)


def col_sd(x: FloatArray) -> FloatArray:
    """Column sample standard deviation (n - 1) ignoring NaN, like R's ``sd(na.rm = TRUE)``."""
    n, s2, _, _ = central_moments(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.sqrt(s2 / (n - 1.0)), dtype=np.float64)
