"""Screening of units by data availability, as COINr's ``Screen()``.

Per unit: ``Dat_Avail = 1 - n_missing / n_indicators`` and
``Non_Zero = 1 - n_zero / (n_indicators - n_missing)``. ``byNA`` drops units with
``Dat_Avail < dat_thresh`` (default 2/3), ``byzeros`` those with ``Non_Zero < nonzero_thresh``
(default 0.05), ``byNAandzeros`` either; ``force`` maps unit codes to True/False to override.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from dxtrack.errors import InputError
from dxtrack.index.stats import FloatArray

SCREEN_RULES = ("none", "byNA", "byzeros", "byNAandzeros")


@dataclass
class ScreenResult:
    """Which units are kept, with their availability statistics."""

    keep: np.ndarray
    dat_avail: FloatArray
    non_zero: FloatArray


def screen(
    x: FloatArray,
    units: Sequence[str],
    rule: str = "byNA",
    dat_thresh: float | None = None,
    nonzero_thresh: float | None = None,
    force: Mapping[str, bool] | None = None,
) -> ScreenResult:
    """Flag units to keep according to ``rule``."""
    if rule not in SCREEN_RULES:
        raise InputError(f"screen: unknown rule '{rule}' (one of {', '.join(SCREEN_RULES)})")
    dt = 2.0 / 3.0 if dat_thresh is None else float(dat_thresh)
    nz = 0.05 if nonzero_thresh is None else float(nonzero_thresh)
    if not (0 <= dt <= 1 and 0 <= nz <= 1):
        raise InputError("screen: thresholds must be between 0 and 1")
    x = np.asarray(x, dtype=np.float64)
    k = x.shape[1]
    nmiss = np.isnan(x).sum(axis=1)
    nzero = (x == 0).sum(axis=1)
    avail = 1.0 - nmiss / k
    with np.errstate(divide="ignore", invalid="ignore"):
        nonzero = 1.0 - nzero / (k - nmiss)
    low_data = avail < dt
    low_nz = nonzero < nz
    keep = {
        "none": np.ones(len(units), dtype=bool),
        "byNA": ~low_data,
        "byzeros": ~low_nz,
        "byNAandzeros": ~(low_data | low_nz),
    }[rule]
    for code, inc in (force or {}).items():
        if code not in units:
            raise InputError(f"screen: forced unit '{code}' not found")
        keep[list(units).index(code)] = bool(inc)
    return ScreenResult(keep=keep, dat_avail=avail, non_zero=nonzero)
