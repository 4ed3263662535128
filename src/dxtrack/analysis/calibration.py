"""Interval calibration of the damped-trend forecasts: constants are data, not code.

The damped trend gives a centre ``loc`` and a model spread (the series' own volatility, see
:mod:`dxtrack.analysis.forecast`). How far the outcome falls from the centre, in units of that spread,
was measured by rolling-origin backtests on a fixed tuning set of bundled indicators (split-conformal
calibration): per signal-to-noise class of the series (``|drift| / σ`` of its yearly changes, both from
its own data) and per horizon, the 80 % and 95 % quantiles of ``|error| / spread``. Each pair is turned
into a Student-t (scale ``s``, degrees of freedom ``ν``) whose central 80 % and 95 % intervals match the
two quantiles, so intervals and probabilities come from one predictive distribution
``loc + s · spread · t_ν``.

The constants live in ``resources/forecast/calibration.json``, written by
``scripts/calibrate_forecast.py`` together with its provenance and its held-out evidence.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from scipy import optimize, stats

FloatArray = np.ndarray[Any, np.dtype[np.float64]]

RESOURCE = ("forecast", "calibration.json")
LEVELS = (0.80, 0.95)
# Student-t degrees of freedom searched when matching two quantiles (above 200, normal). The floor keeps
# the tails finite enough for a mean interval score on log scales (ν ≤ 2 has no variance).
DF_RANGE = (3.0, 200.0)


@dataclass(frozen=True)
class Calibration:
    """Model constants and the per-class, per-horizon Student-t (``scale[c, h−1]``, ``df[c, h−1]``)."""

    phi: float
    drift_q: float
    snr_edges: tuple[float, ...]
    scale: FloatArray
    df: FloatArray
    doc: dict[str, Any]

    @property
    def horizons(self) -> int:
        return int(self.scale.shape[1])

    def classes(self, snr: FloatArray | float) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Signal-to-noise class of each series (0 = noisiest)."""
        return np.asarray(np.searchsorted(np.asarray(self.snr_edges), np.asarray(snr, dtype=float), side="right"))

    def lookup(self, snr: FloatArray | float, h: FloatArray | float) -> tuple[FloatArray, FloatArray]:
        """(scale, df) for each series' class and horizon; horizons beyond the table use its last column."""
        c = self.classes(snr)
        col = np.clip(np.asarray(h, dtype=np.int64), 1, self.horizons) - 1
        return np.asarray(self.scale[c, col], dtype=float), np.asarray(self.df[c, col], dtype=float)


def signal_to_noise(drift: FloatArray | float, sigma: FloatArray | float) -> FloatArray:
    """``|drift| / σ`` (infinite for a noiseless trend, 0 for no drift and no noise)."""
    d = np.abs(np.asarray(drift, dtype=float))
    s = np.asarray(sigma, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(np.where(s > 0, d / np.where(s > 0, s, 1.0), np.where(d > 0, np.inf, 0.0)), dtype=float)


def conformal_quantile(
    scores: Sequence[float] | FloatArray, level: float, weights: Sequence[float] | FloatArray | None = None
) -> float:
    """Split-conformal quantile: the ⌈(n + 1)·level⌉-th smallest score (the largest when that exceeds n).

    With ``weights`` (e.g. 1 / cases of the score's indicator, so that every indicator counts the same):
    the smallest score whose cumulative weight reaches ``level`` of the total plus one average weight."""
    x = np.asarray(scores, dtype=float)
    if x.size == 0:
        return math.nan
    order = np.argsort(x, kind="stable")
    s = x[order]
    if weights is None:
        k = min(math.ceil((s.size + 1) * level), s.size)
        return float(s[k - 1])
    w = np.asarray(weights, dtype=float)[order]
    need = level * (w.sum() + w.mean())
    k = min(int(np.searchsorted(np.cumsum(w), need - 1e-12)), s.size - 1)
    return float(s[k])


def fit_t(k80: float, k95: float) -> tuple[float, float]:
    """Scale and degrees of freedom of a Student-t whose central 80 % / 95 % half-widths are k80 / k95.

    Tails heavier than ``DF_RANGE[0]`` allows: that ν with the 80 % half-width matched (the 95 % interval
    is then narrower than k95); lighter than normal: ν = ``DF_RANGE[1]`` and the geometric mean of the two."""
    ratio = k95 / k80

    def ratio_at(df: float) -> float:
        return float(stats.t.ppf(0.975, df) / stats.t.ppf(0.9, df))

    lo, hi = DF_RANGE
    if ratio >= ratio_at(lo):  # heavier than the floor: keep the 80 % half-width, the 95 % one falls short
        return float(k80 / stats.t.ppf(0.9, lo)), lo
    if ratio <= ratio_at(hi):
        return math.sqrt(k80 / stats.t.ppf(0.9, hi) * k95 / stats.t.ppf(0.975, hi)), hi
    df = float(optimize.brentq(lambda v: ratio_at(v) - ratio, lo, hi, xtol=1e-6))
    return float(k80 / stats.t.ppf(0.9, df)), df


def from_doc(doc: dict[str, Any]) -> Calibration:
    """A :class:`Calibration` from the resource's JSON document."""
    table = doc["table"]
    scale = np.array([[row["scale"] for row in cls] for cls in table], dtype=float)
    df = np.array([[row["df"] for row in cls] for cls in table], dtype=float)
    return Calibration(
        phi=float(doc["model"]["phi"]),
        drift_q=float(doc["model"]["drift_q"]),
        snr_edges=tuple(float(x) for x in doc["snr_edges"]),
        scale=scale,
        df=df,
        doc=doc,
    )


@lru_cache(maxsize=1)
def load() -> Calibration:
    """The packaged calibration (read once)."""
    path = resources.files("dxtrack.resources").joinpath(RESOURCE[0]).joinpath(RESOURCE[1])
    return from_doc(json.loads(path.read_text(encoding="utf-8")))


def identity(phi: float, drift_q: float, edges: Sequence[float], horizons: int) -> Calibration:
    """No calibration (scale 1, df = n − 2 kept by the caller): for measuring raw errors."""
    shape = (len(edges) + 1, horizons)
    return Calibration(phi, drift_q, tuple(edges), np.ones(shape), np.full(shape, np.nan), {})
