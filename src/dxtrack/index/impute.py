"""Imputation of missing indicator values, as COINr's ``Impute()`` with ``impute_by = "column"``.

* ``mean`` / ``median``: each NaN is replaced by the column mean / median of the non-missing values
  (R's ``median``: the mean of the two middle values when n is even).
* ``mean_grp`` / ``median_grp``: the same within groups of units (e.g. ``EurAsia_group``); units
  whose group is missing are left as they are, and a group with no values keeps its NaNs.
* ``none``: nothing is changed.

Non-missing values are never altered.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dxtrack.errors import InputError
from dxtrack.index.stats import FloatArray, col_mean

IMPUTE_METHODS = ("none", "mean", "median", "mean_grp", "median_grp")


def col_median(x: FloatArray) -> FloatArray:
    """Column median ignoring NaN, as R's ``median(na.rm = TRUE)`` (NaN for an empty column)."""
    s = np.sort(x, axis=0)  # NaN last
    m = (~np.isnan(x)).sum(axis=0)
    lo = np.clip((m - 1) // 2, 0, None)
    hi = np.clip(m // 2, 0, None)
    a = np.take_along_axis(s, lo[None, :], axis=0)[0]
    b = np.take_along_axis(s, np.minimum(hi, max(x.shape[0] - 1, 0))[None, :], axis=0)[0]
    return np.asarray(np.where(m > 0, (a + b) / 2.0, np.nan), dtype=np.float64)


def _fill(x: FloatArray, stat: FloatArray) -> FloatArray:
    return np.asarray(np.where(np.isnan(x), stat[None, :], x), dtype=np.float64)


def impute(x: FloatArray, method: str = "mean", groups: Sequence[object] | None = None) -> FloatArray:
    """Impute NaNs column by column (``groups``: one label per unit, for the ``*_grp`` methods)."""
    x = np.asarray(x, dtype=np.float64)
    if method not in IMPUTE_METHODS:
        raise InputError(f"impute: unknown method '{method}' (one of {', '.join(IMPUTE_METHODS)})")
    if method == "none" or x.size == 0 or not np.isnan(x).any():
        return x.copy()
    stat = col_mean if method.startswith("mean") else col_median
    if not method.endswith("_grp"):
        return _fill(x, stat(x))
    if groups is None or len(groups) != x.shape[0]:
        raise InputError(f"impute {method}: needs a group label for every unit")
    labels = np.array([None if g is None or g != g else str(g) for g in groups], dtype=object)
    out = x.copy()
    for g in dict.fromkeys(lab for lab in labels if lab is not None):
        rows = labels == g
        out[rows] = _fill(x[rows], stat(x[rows]))
    return out
