"""Rolling-origin backtest of the forecasts: coverage, MSIS, MASE and the Brier score.

Every observed year of a series with at least ``min_points`` observations up to and including it is a
forecast origin; the forecast uses only those observations and is compared with each observed year
``h`` = 1 … H years later. Measures, per horizon:

* coverage of the central 80 % and 95 % intervals (share of outcomes inside);
* MSIS (M4 competition): ``(U − L + (2/α)(L − y)⁺ + (2/α)(y − U)⁺) / scale`` at α = 0.05, where
  ``scale`` is the mean absolute yearly change of the series up to the origin;
* MASE: ``|y − ŷ| / scale`` for the model's point forecast (the predictive median) and for two
  benchmarks, the naive (last value) and the drift (last value + h × mean yearly change) forecasts;
* attainment events: for each forecast, "the value h years on reaches the last value moved by k × h ×
  its mean yearly change" (k = 0, ½, 1, 1½, 2, in the direction of that change), with the model's
  probability; Brier score against climatology (the base rate of each (k, h) event in the same sample)
  and a reliability table (probability bands against observed frequencies).

Forecasts at the same origin year are correlated, so the effective sample is smaller than the count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.analysis.calibration import Calibration
from dxtrack.analysis.forecast import forecast_batch

FloatArray = np.ndarray[Any, np.dtype[np.float64]]

EVENT_PACES = (0.0, 0.5, 1.0, 1.5, 2.0)
RELIABILITY_BANDS = 10
MSIS_ALPHA = 0.05
LEVEL_KEYS = ("80", "95")


@dataclass(frozen=True)
class BacktestSeries:
    """One series to backtest; ``bounds`` selects the logit scale."""

    key: str
    years: np.ndarray[Any, Any]
    values: np.ndarray[Any, Any]
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class Rows:
    """Rolling-origin forecast cases: training data, target year, outcome, horizon, series index."""

    train_years: list[np.ndarray[Any, Any]]
    train_values: list[np.ndarray[Any, Any]]
    year: np.ndarray[Any, np.dtype[np.int64]]
    actual: FloatArray
    horizon: np.ndarray[Any, np.dtype[np.int64]]
    bounds_lo: FloatArray
    bounds_hi: FloatArray
    series: np.ndarray[Any, np.dtype[np.int64]]

    def __len__(self) -> int:
        return int(self.year.size)


def observed(s: BacktestSeries) -> tuple[np.ndarray[Any, Any], FloatArray]:
    """A series' observed years and values (missing values dropped), in year order."""
    y = np.asarray(s.years, dtype=np.int64)
    v = np.asarray(s.values, dtype=float)
    keep = ~np.isnan(v)
    y, v = y[keep], v[keep]
    order = np.argsort(y, kind="stable")
    return y[order], v[order]


def rolling_rows(series: Sequence[BacktestSeries], horizons: Sequence[int], min_points: int) -> Rows:
    """Every (origin, outcome) pair: origin = an observed year with ≥ ``min_points`` points up to it."""
    wanted = set(int(h) for h in horizons)
    top = max(wanted)
    ty: list[np.ndarray[Any, Any]] = []
    tv: list[np.ndarray[Any, Any]] = []
    cols: dict[str, list[float]] = {k: [] for k in ("year", "actual", "h", "lo", "hi", "s")}
    for si, s in enumerate(series):
        y, v = observed(s)
        lo, hi = (np.nan, np.nan) if s.bounds is None else s.bounds
        for i in range(max(min_points, 2) - 1, y.size - 1):
            for j in range(i + 1, y.size):
                h = int(y[j] - y[i])
                if h > top:
                    break
                if h not in wanted:
                    continue
                ty.append(y[: i + 1])
                tv.append(v[: i + 1])
                for k, x in zip(cols, (y[j], v[j], h, lo, hi, si), strict=True):
                    cols[k].append(float(x))
    return Rows(
        ty,
        tv,
        np.asarray(cols["year"], dtype=np.int64),
        np.asarray(cols["actual"], dtype=float),
        np.asarray(cols["h"], dtype=np.int64),
        np.asarray(cols["lo"], dtype=float),
        np.asarray(cols["hi"], dtype=float),
        np.asarray(cols["s"], dtype=np.int64),
    )


def interval_score(lo: FloatArray, hi: FloatArray, y: FloatArray, alpha: float = MSIS_ALPHA) -> FloatArray:
    """Interval score of a central (1 − α) interval (Gneiting & Raftery 2007; M4's MSIS numerator)."""
    return np.asarray(
        (hi - lo) + (2 / alpha) * np.maximum(lo - y, 0.0) + (2 / alpha) * np.maximum(y - hi, 0.0), dtype=float
    )


def mean_abs_change(years: np.ndarray[Any, Any], values: np.ndarray[Any, Any]) -> float:
    """MASE/MSIS scale: mean absolute change between consecutive observations (NaN if none or zero)."""
    v = np.asarray(values, dtype=float)
    if v.size < 2:
        return float("nan")
    m = float(np.mean(np.abs(np.diff(v))))
    return m if m > 0 else float("nan")


def brier(p: FloatArray, outcome: FloatArray) -> float:
    """Mean squared difference between probabilities and 0/1 outcomes."""
    return float(np.mean((np.asarray(p) - np.asarray(outcome)) ** 2)) if np.size(p) else float("nan")


def climatology(outcome: FloatArray, group: np.ndarray[Any, Any]) -> FloatArray:
    """Each case's climatological probability: the base rate of its group's event in the sample."""
    out = np.empty(outcome.size, dtype=float)
    for g in np.unique(group):
        sel = group == g
        out[sel] = outcome[sel].mean()
    return out


def reliability(p: FloatArray, outcome: FloatArray, bands: int = RELIABILITY_BANDS) -> list[dict[str, Any]]:
    """Per probability band [i/bands, (i+1)/bands): cases, mean predicted, observed frequency."""
    idx = np.minimum((np.asarray(p) * bands).astype(int), bands - 1)
    rows = []
    for b in range(bands):
        sel = idx == b
        n = int(sel.sum())
        rows.append(
            {
                "band": [b / bands, (b + 1) / bands],
                "n": n,
                "predicted": float(p[sel].mean()) if n else None,
                "observed": float(outcome[sel].mean()) if n else None,
            }
        )
    return rows


@dataclass(frozen=True)
class Evaluation:
    """Backtest measures; per-horizon dicts are keyed by horizon (int)."""

    n: int
    n_series: int
    counts: Mapping[int, int]
    coverage: Mapping[str, Mapping[int, float]]
    msis: Mapping[int, float]
    mase: Mapping[int, float]
    mase_naive: Mapping[int, float]
    mase_drift: Mapping[int, float]
    brier: float
    brier_climatology: float
    n_events: int
    reliability: list[dict[str, Any]] = field(default_factory=list)

    @property
    def mean_coverage(self) -> dict[str, float]:
        """Coverage averaged over horizons (each horizon weighs the same)."""
        return {k: _mean(v.values()) for k, v in self.coverage.items()}

    @property
    def brier_skill(self) -> float:
        """1 − Brier / Brier of climatology (positive: better than the base rate)."""
        if not self.brier_climatology > 0:
            return float("nan")
        return 1.0 - self.brier / self.brier_climatology

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form (``dxtrack backtest --format json``); horizons as string keys, NaN → null."""

        def by_h(m: Mapping[int, float]) -> dict[str, float | None]:
            return {str(h): _num(v) for h, v in m.items()}

        return {
            "n": self.n,
            "n_series": self.n_series,
            "counts": {str(h): c for h, c in self.counts.items()},
            "coverage": {k: by_h(v) for k, v in self.coverage.items()},
            "msis": by_h(self.msis),
            "mase": by_h(self.mase),
            "mase_naive": by_h(self.mase_naive),
            "mase_drift": by_h(self.mase_drift),
            "brier": _num(self.brier),
            "brier_climatology": _num(self.brier_climatology),
            "brier_skill": _num(self.brier_skill),
            "n_events": self.n_events,
            "reliability": self.reliability,
            "mean": {
                "coverage": {k: _num(v) for k, v in self.mean_coverage.items()},
                "msis": _num(_mean(self.msis.values())),
                "mase": _num(_mean(self.mase.values())),
            },
        }


def _mean(values: Iterable[float]) -> float:
    v = [x for x in values if np.isfinite(x)]
    return float(np.mean(v)) if v else float("nan")


def _num(x: float) -> float | None:
    return float(x) if x is not None and np.isfinite(x) else None


def evaluate(
    series: Sequence[BacktestSeries],
    *,
    horizons: Sequence[int] = (1, 2, 3, 4, 5),
    min_points: int = 5,
    calibrate: bool = True,
    table: Calibration | None = None,
) -> Evaluation:
    """Rolling-origin backtest of the default forecast on ``series`` (see the module docstring)."""
    hs = sorted(set(int(h) for h in horizons))
    rows = rolling_rows(series, hs, min_points)
    empty: dict[int, float] = {h: float("nan") for h in hs}
    if len(rows) == 0:
        return Evaluation(
            0, 0, {h: 0 for h in hs}, {k: dict(empty) for k in LEVEL_KEYS}, empty, empty, empty, empty,
            float("nan"), float("nan"), 0, reliability(np.zeros(0), np.zeros(0)),
        )  # fmt: skip
    fc = forecast_batch(
        rows.train_years, rows.train_values, rows.year, bounds_lo=rows.bounds_lo, bounds_hi=rows.bounds_hi,
        calibrate=calibrate, table=table,
    )  # fmt: skip
    y = rows.actual
    has = np.isfinite(fc.lo95) & np.isfinite(fc.hi95)
    last = np.array([float(v[-1]) for v in rows.train_values])
    pace = np.array(
        [
            (float(v[-1]) - float(v[0])) / float(t[-1] - t[0])
            for t, v in zip(rows.train_years, rows.train_values, strict=True)
        ]
    )
    scale = np.array([mean_abs_change(t, v) for t, v in zip(rows.train_years, rows.train_values, strict=True)])
    h = rows.horizon.astype(float)
    with np.errstate(invalid="ignore"):
        in80 = (fc.lo80 <= y) & (y <= fc.hi80)
        in95 = (fc.lo95 <= y) & (y <= fc.hi95)
        msis = interval_score(fc.lo95, fc.hi95, y) / scale
        mase = np.abs(y - fc.mean) / scale
        mase_naive = np.abs(y - last) / scale
        mase_drift = np.abs(y - (last + h * pace)) / scale
    scaled = has & np.isfinite(scale)
    counts: dict[int, int] = {}
    cov: dict[str, dict[int, float]] = {k: {} for k in LEVEL_KEYS}
    out: dict[str, dict[int, float]] = {k: {} for k in ("msis", "mase", "naive", "drift")}
    for hh in hs:
        sel = has & (rows.horizon == hh)
        counts[hh] = int(sel.sum())
        cov["80"][hh] = float(in80[sel].mean()) if sel.any() else float("nan")
        cov["95"][hh] = float(in95[sel].mean()) if sel.any() else float("nan")
        ssel = scaled & (rows.horizon == hh)
        for key, arr in (("msis", msis), ("mase", mase), ("naive", mase_naive), ("drift", mase_drift)):
            out[key][hh] = float(arr[ssel].mean()) if ssel.any() else float("nan")
    p, o, grp = _events(fc, rows, last, pace, has)
    clim = climatology(o, grp) if o.size else np.zeros(0)
    return Evaluation(
        n=int(has.sum()),
        n_series=int(np.unique(rows.series[has]).size),
        counts=counts,
        coverage=cov,
        msis=out["msis"],
        mase=out["mase"],
        mase_naive=out["naive"],
        mase_drift=out["drift"],
        brier=brier(p, o),
        brier_climatology=brier(clim, o),
        n_events=int(o.size),
        reliability=reliability(p, o),
    )


def _events(
    fc: Any, rows: Rows, last: FloatArray, pace: FloatArray, has: np.ndarray[Any, Any]
) -> tuple[FloatArray, FloatArray, np.ndarray[Any, Any]]:
    """Attainment events per forecast (see the module docstring): probabilities, outcomes, (k, h) group."""
    sense = np.where(pace < 0, -1, 1)
    ps, os_, gs = [], [], []
    for ki, k in enumerate(EVENT_PACES):
        threshold = last + k * rows.horizon * pace
        p = fc.prob_of(threshold, sense)
        ok = has & np.isfinite(p)
        hit = np.where(sense > 0, rows.actual >= threshold, rows.actual <= threshold)
        ps.append(p[ok])
        os_.append(hit[ok].astype(float))
        gs.append(ki * 1000 + rows.horizon[ok])
    return np.concatenate(ps), np.concatenate(os_), np.concatenate(gs)


def series_from_long(
    df: pd.DataFrame,
    indicators: Mapping[str, tuple[float, float] | None],
    *,
    area_col: str = "country_iso3",
    year_col: str = "year",
    indicator_col: str = "indicator",
    value_col: str = "value",
    areas: Iterable[str] | None = None,
) -> list[BacktestSeries]:
    """Series per (indicator, area) from a long table such as the bundled WDI file."""
    out: list[BacktestSeries] = []
    wanted = None if areas is None else set(areas)
    sub = df[df[indicator_col].isin(list(indicators))]
    for (ind, area), g in sub.groupby([indicator_col, area_col], sort=True):
        if wanted is not None and area not in wanted:
            continue
        out.append(
            BacktestSeries(
                key=f"{ind}/{area}",
                years=g[year_col].to_numpy(dtype=np.int64),
                values=pd.to_numeric(g[value_col], errors="coerce").to_numpy(dtype=float),
                bounds=indicators[str(ind)],
            )
        )
    return out
