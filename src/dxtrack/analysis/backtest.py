"""Backtest of the forecasts: hide the last k years of each series, forecast them, and report the
empirical coverage of the 80 % and 95 % prediction intervals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.analysis.forecast import DEFAULT_PHI, DEFAULT_WINDOW, ModelChoice, forecast_batch


@dataclass(frozen=True)
class BacktestSeries:
    """One series to backtest; ``bounds`` selects the logit scale."""

    key: str
    years: np.ndarray[Any, Any]
    values: np.ndarray[Any, Any]
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class BacktestResult:
    """Coverage over all hidden points (and per horizon); ``skipped`` lists series too short."""

    k: int
    n_series: int
    n_forecasts: int
    coverage80: float
    coverage95: float
    by_horizon: Mapping[int, tuple[int, float, float]] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for reports."""
        return (
            f"backtest (hide last {self.k} years): {self.n_series} series, {self.n_forecasts} forecasts, "
            f"80% interval coverage {self.coverage80:.1%}, 95% interval coverage {self.coverage95:.1%}"
        )


def _observed(s: BacktestSeries) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """A series' observed years and values (missing values dropped), in year order."""
    y = np.asarray(s.years, dtype=np.int64)
    v = np.asarray(s.values, dtype=float)
    keep = ~np.isnan(v)
    y, v = y[keep], v[keep]
    order = np.argsort(y)
    return y[order], v[order]


def _coverage(
    fc: Any, actual: list[float], horizon: list[int]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any], dict[int, tuple[int, float, float]]]:
    """Which forecasts have intervals, which intervals hold the actual value, and coverage by horizon."""
    a = np.asarray(actual)
    has = np.isfinite(fc.lo95)
    in80 = (fc.lo80 <= a) & (a <= fc.hi80)
    in95 = (fc.lo95 <= a) & (a <= fc.hi95)
    h = np.asarray(horizon)
    by_h: dict[int, tuple[int, float, float]] = {}
    for hh in np.unique(h[has]):
        sel = has & (h == hh)
        by_h[int(hh)] = (int(sel.sum()), float(in80[sel].mean()), float(in95[sel].mean()))
    return has, in80, in95, by_h


def backtest(
    series: Iterable[BacktestSeries],
    *,
    k: int = 3,
    min_train: int = 3,
    model: ModelChoice = "auto",
    window: int | None = DEFAULT_WINDOW,
    phi: float = DEFAULT_PHI,
) -> BacktestResult:
    """Hide the last ``k`` years of every series, forecast each hidden year from the rest."""
    ys: list[np.ndarray[Any, Any]] = []
    vs: list[np.ndarray[Any, Any]] = []
    target_year: list[int] = []
    actual: list[float] = []
    horizon: list[int] = []
    lo: list[float] = []
    hi: list[float] = []
    used = 0
    skipped: list[str] = []
    for s in series:
        y, v = _observed(s)
        if y.size == 0:
            skipped.append(s.key)
            continue
        cut = y[-1] - k
        train = y <= cut
        if int(train.sum()) < min_train or int((~train).sum()) == 0:
            skipped.append(s.key)
            continue
        used += 1
        for t, x in zip(y[~train], v[~train], strict=True):
            ys.append(y[train])
            vs.append(v[train])
            target_year.append(int(t))
            actual.append(float(x))
            horizon.append(int(t - y[train][-1]))
            lo.append(np.nan if s.bounds is None else s.bounds[0])
            hi.append(np.nan if s.bounds is None else s.bounds[1])
    if not ys:
        return BacktestResult(k, 0, 0, float("nan"), float("nan"), {}, tuple(skipped))
    fc = forecast_batch(ys, vs, target_year, bounds_lo=lo, bounds_hi=hi, model=model, window=window, phi=phi)
    has, in80, in95, by_h = _coverage(fc, actual, horizon)
    return BacktestResult(
        k=k,
        n_series=used,
        n_forecasts=int(has.sum()),
        coverage80=float(in80[has].mean()),
        coverage95=float(in95[has].mean()),
        by_horizon=by_h,
        skipped=tuple(skipped),
    )


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


@dataclass(frozen=True)
class RollingResult:
    """Coverage of rolling-origin forecasts: overall and per horizon ``h → (n, cov80, cov95)``."""

    n_series: int
    n_forecasts: int
    coverage80: float
    coverage95: float
    by_horizon: Mapping[int, tuple[int, float, float]] = field(default_factory=dict)

    def summary(self) -> str:
        """One line overall, then one per horizon."""
        head = (
            f"rolling backtest: {self.n_series} series, {self.n_forecasts} forecasts, "
            f"80% coverage {self.coverage80:.1%}, 95% coverage {self.coverage95:.1%}"
        )
        rows = [f"  h={h}: n={n}, 80% {c80:.1%}, 95% {c95:.1%}" for h, (n, c80, c95) in self.by_horizon.items()]
        return "\n".join([head, *rows])


def rolling_backtest(
    series: Iterable[BacktestSeries],
    *,
    cuts: Iterable[int] = (2000, 2003, 2006, 2009, 2012, 2015, 2018),
    horizons: int = 5,
    min_train: int = 5,
    model: ModelChoice = "auto",
    window: int | None = DEFAULT_WINDOW,
    phi: float = DEFAULT_PHI,
    drift_q: float | None = None,
) -> RollingResult:
    """Rolling-origin backtest: for every series and cut year c, fit on the years ≤ c (at least
    ``min_train`` points) and forecast each observed year c+1 … c+``horizons``; horizon = year − c.
    ``drift_q`` overrides the engine's drift-innovation ratio (for calibration)."""
    ys: list[np.ndarray[Any, Any]] = []
    vs: list[np.ndarray[Any, Any]] = []
    target_year: list[int] = []
    actual: list[float] = []
    horizon: list[int] = []
    lo: list[float] = []
    hi: list[float] = []
    used: set[str] = set()
    cut_list = list(cuts)
    for s in series:
        y, v = _observed(s)
        for c in cut_list:
            train = y <= c
            test = (y > c) & (y <= c + horizons)
            if int(train.sum()) < min_train or not bool(test.any()):
                continue
            used.add(s.key)
            for t, x in zip(y[test], v[test], strict=True):
                ys.append(y[train])
                vs.append(v[train])
                target_year.append(int(t))
                actual.append(float(x))
                horizon.append(int(t - c))
                lo.append(np.nan if s.bounds is None else s.bounds[0])
                hi.append(np.nan if s.bounds is None else s.bounds[1])
    if not ys:
        return RollingResult(0, 0, float("nan"), float("nan"), {})
    extra: dict[str, Any] = {} if drift_q is None else {"drift_q": drift_q}
    fc = forecast_batch(ys, vs, target_year, bounds_lo=lo, bounds_hi=hi, model=model, window=window, phi=phi, **extra)
    has, in80, in95, by_h = _coverage(fc, actual, horizon)
    return RollingResult(
        n_series=len(used),
        n_forecasts=int(has.sum()),
        coverage80=float(in80[has].mean()),
        coverage95=float(in95[has].mean()),
        by_horizon=by_h,
    )


ASEAN = ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS")

# Bundled WDI annual indicators for the broad backtest (bounds → logit scale, None → log scale),
# in two groups of comparable make-up: spread factors are calibrated on one and reported on the other.
WDI_GROUP_A: dict[str, tuple[float, float] | None] = {
    "IT.NET.USER.ZS": (0.0, 100.0),
    "NY.GDP.PCAP.CD": None,
    "IT.CEL.SETS.P2": None,
    "SP.POP.TOTL": None,
    "SE.TER.ENRR": None,
    "NV.MNF.TECH.ZS.UN": (0.0, 100.0),
}
WDI_GROUP_B: dict[str, tuple[float, float] | None] = {
    "SL.GDP.PCAP.EM.KD": None,
    "IT.NET.BBND.P2": (0.0, 100.0),
    "SP.URB.TOTL.IN.ZS": (0.0, 100.0),
    "NY.GDP.PCAP.PP.CD": None,
    "SL.TLF.TOTL.IN": None,
    "TX.VAL.TECH.MF.ZS": (0.0, 100.0),
}
