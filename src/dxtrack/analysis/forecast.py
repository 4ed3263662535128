"""Forecasts with prediction intervals and attainment probabilities.

Scale (chosen per indicator): bounded shares on a logit scale, positive levels on a log scale,
anything else as is. Two linear models on that scale:

* ``damped`` (the default, any length ≥ 2): damped trend — a random walk with a damped drift,
  ``z_{t+i} = z_{t+i−1} + φ^i d + ε`` (Holt's damped trend with α = 1, β = 0). The drift is the WLS
  mean of the yearly changes, ``d = (z_n − z_1)/(t_n − t_1)``; the predictive variance is
  ``σ²(h + S_h²/(t_n − t_1) + q Q_h)`` with ``S_h = Σ_{i≤h} φ^i`` and ``Q_h = Σ_{m≤h} S_m²``
  (shocks, the drift estimate, and future drift changes as in a damped local-linear-trend model
  with drift innovations of variance qσ²), Student-t with n − 2 degrees of freedom; two points give
  a point forecast only. **Calibrated** (the default): that spread is the series' own volatility,
  and the distribution of outcomes around the centre in units of it — a Student-t per
  signal-to-noise class and horizon — was measured by rolling-origin backtests on a fixed tuning set
  of indicators (:mod:`dxtrack.analysis.calibration`; φ, q and the table are data in
  ``resources/forecast/calibration.json``, with held-out evidence, docs/methods.md §4).
* ``trend`` (on request, ≥ 3 points): OLS linear trend over the last ``window`` points; the
  predictive distribution at year T is Student-t with n − 2 degrees of freedom, centre
  ``a + b(T − t̄)`` and scale ``s·sqrt(1 + 1/n + (T − t̄)²/Sxx)`` — statsmodels' observation
  interval from ``get_prediction``.

Intervals and the attainment probability come from the same predictive distribution,
transformed back. Two engines give identical numbers: ``forecast`` (one series, statsmodels) and
``forecast_batch`` (many series at once, closed-form NumPy).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy import special, stats

from dxtrack.analysis import calibration

ScaleKind = Literal["logit", "log", "identity"]
ModelKind = Literal["trend", "damped"]
ModelChoice = Literal["auto", "trend", "damped"]
Requested = Literal["auto", "logit", "log", "linear", "damped"]
Comparator = Literal[">=", ">", "<=", "<", "==", "about"]

DEFAULT_WINDOW: int | None = None
MIN_TREND_POINTS = 3
LOGIT_EPS = 1e-3
LEVELS = (0.80, 0.95)

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True)
class Scale:
    """Transform to the modelling scale and back (logit uses the bounds ``lo``/``hi``)."""

    kind: ScaleKind
    lo: float = 0.0
    hi: float = 1.0

    def forward(self, x: Any) -> Any:
        """Original → modelling scale (shares are clipped 0.1 % inside their bounds)."""
        a = np.asarray(x, dtype=float)
        if self.kind == "logit":
            p = np.clip((a - self.lo) / (self.hi - self.lo), LOGIT_EPS, 1 - LOGIT_EPS)
            return np.log(p / (1 - p))
        if self.kind == "log":
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.log(a)
        return a

    def inverse(self, z: Any) -> Any:
        """Modelling → original scale."""
        a = np.asarray(z, dtype=float)
        if self.kind == "logit":
            return self.lo + (self.hi - self.lo) * special.expit(a)
        if self.kind == "log":
            return np.exp(np.clip(a, -745.0, 709.0))  # heavy-tailed draws must not overflow
        return a

    @property
    def name(self) -> str:
        return {"logit": "logit", "log": "log", "identity": "linear"}[self.kind]


def choose_scale(
    values: Sequence[float] | FloatArray,
    bounds: tuple[float, float] | None = None,
    requested: Requested = "auto",
) -> Scale:
    """Logit for bounded shares, log for positive levels, identity otherwise."""
    v = np.asarray(values, dtype=float)
    if requested == "linear":
        return Scale("identity")
    if requested in ("auto", "logit", "damped") and bounds is not None:
        lo, hi = float(bounds[0]), float(bounds[1])
        if math.isfinite(lo) and math.isfinite(hi) and hi > lo:
            return Scale("logit", lo, hi)
    if requested == "logit":
        return Scale("logit", 0.0, 100.0)
    if v.size and bool((v > 0).all()):
        return Scale("log")
    return Scale("identity")


def choose_model(n: int, model: ModelChoice = "auto") -> ModelKind:
    """Damped trend unless a deterministic trend is asked for and there are ≥ 3 points."""
    if model == "trend" and n >= MIN_TREND_POINTS:
        return "trend"
    return "damped"


@dataclass(frozen=True)
class Forecast:
    """Predictive distribution at ``year``: Student-t(df, loc, spread) on the model scale."""

    year: int
    model: ModelKind
    scale: Scale
    n_obs: int
    loc: float
    spread: float | None
    df: float | None

    @property
    def method(self) -> str:
        return f"{self.scale.name}-{self.model}"

    @property
    def mean(self) -> float:
        """Point forecast: the back-transformed centre (the predictive median)."""
        return float(self.scale.inverse(self.loc))

    def quantile(self, q: float) -> float | None:
        """Quantile of the predictive distribution on the original scale."""
        if self.spread is None or self.df is None:
            return None
        return float(self.scale.inverse(self.loc + self.spread * stats.t.ppf(q, self.df)))

    def interval(self, level: float) -> tuple[float, float] | None:
        """Central prediction interval at ``level`` (e.g. 0.8)."""
        lo = self.quantile((1 - level) / 2)
        hi = self.quantile((1 + level) / 2)
        return None if lo is None or hi is None else (lo, hi)

    def cdf(self, value: float) -> float | None:
        """P(Y ≤ value)."""
        if self.spread is None or self.df is None:
            return None
        z = float(self.scale.forward(value))
        if self.spread == 0:
            return 1.0 if self.loc <= z else 0.0
        return float(stats.t.cdf((z - self.loc) / self.spread, self.df))

    def prob(self, comparator: str, value: float, tolerance: float | None = None) -> float | None:
        """Probability that the value at ``year`` satisfies ``comparator value``."""
        if comparator in (">=", ">"):
            c = self.cdf(value)
            return None if c is None else 1.0 - c
        if comparator in ("<=", "<"):
            return self.cdf(value)
        if comparator in ("==", "about"):
            tol = tolerance or 0.0
            hi, lo = self.cdf(value + tol), self.cdf(value - tol)
            return None if hi is None or lo is None else max(hi - lo, 0.0)
        return None

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        """Draws from the predictive distribution (a point mass without a spread)."""
        if self.spread is None or self.df is None:
            return np.full(size, self.mean)
        z = self.loc + self.spread * rng.standard_t(self.df, size)
        return np.asarray(self.scale.inverse(z), dtype=float)


def _prepare(
    years: Sequence[int] | np.ndarray[Any, Any],
    values: Sequence[float] | np.ndarray[Any, Any],
    window: int | None,
) -> tuple[FloatArray, FloatArray]:
    y = np.asarray(years, dtype=float)
    v = np.asarray(values, dtype=float)
    keep = ~np.isnan(v)
    y, v = y[keep], v[keep]
    order = np.argsort(y, kind="stable")
    y, v = y[order], v[order]
    if np.unique(y).size != y.size:
        raise ValueError("duplicate years")
    if window is not None and y.size > window:
        y, v = y[-window:], v[-window:]
    return y, v


def damping_sum(h: int, phi: float) -> float:
    """``S_h = φ + φ² + … + φ^h``."""
    if phi == 1.0:
        return float(h)
    return float(phi * (1 - phi**h) / (1 - phi))


def drift_change_sum(h: int, phi: float) -> float:
    """``Q_h = S_1² + … + S_h²``: variance multiplier of the drift innovations at horizon h."""
    return float(sum(damping_sum(m, phi) ** 2 for m in range(1, h + 1)))


def forecast(
    years: Sequence[int] | np.ndarray[Any, Any],
    values: Sequence[float] | np.ndarray[Any, Any],
    year: int,
    *,
    bounds: tuple[float, float] | None = None,
    requested: Requested = "auto",
    model: ModelChoice = "auto",
    window: int | None = DEFAULT_WINDOW,
    phi: float | None = None,
    drift_q: float | None = None,
    calibrate: bool = True,
) -> Forecast | None:
    """Forecast one series to ``year`` with statsmodels; None if fewer than two points or
    ``year`` is not after the last observation. ``phi``/``drift_q`` default to the packaged
    calibration's; ``calibrate=False`` gives the raw damped-trend spread (n − 2 df)."""
    import statsmodels.api as sm

    cal = calibration.load()
    phi = cal.phi if phi is None else phi
    drift_q = cal.drift_q if drift_q is None else drift_q

    t, x = _prepare(years, values, window)
    if t.size < 2 or year <= t[-1]:
        return None
    scale = choose_scale(x, bounds, requested)
    z = np.asarray(scale.forward(x), dtype=float)
    kind = choose_model(int(t.size), model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "trend":
            tbar = float(t.mean())
            exog = np.column_stack([np.ones_like(t), t - tbar])
            res = sm.OLS(z, exog).fit()
            pred = res.get_prediction(np.array([[1.0, year - tbar]]))
            loc = float(pred.predicted_mean[0])
            spread = math.sqrt(float(pred.var_pred_mean[0]) + float(res.scale))
            return Forecast(int(year), kind, scale, int(t.size), loc, spread, float(res.df_resid))
        dt = np.diff(t)
        dz = np.diff(z)
        h = int(year - t[-1])
        s_h = damping_sum(h, phi)
        res = sm.WLS(dz, dt, weights=1.0 / dt).fit()
        drift = float(res.params[0])
        loc = float(z[-1] + drift * s_h)
        if dz.size < 2:
            return Forecast(int(year), kind, scale, int(t.size), loc, None, None)
        sigma2 = float(res.scale)
        var_drift = float(res.bse[0]) ** 2
        spread = math.sqrt(h * sigma2 + s_h**2 * var_drift + drift_q * drift_change_sum(h, phi) * sigma2)
        df = float(res.df_resid)
        if calibrate:
            k, df = (float(a) for a in cal.lookup(calibration.signal_to_noise(drift, math.sqrt(sigma2)), h))
            spread *= k
        return Forecast(int(year), kind, scale, int(t.size), loc, spread, df)


# --------------------------------------------------------------------------- batch engine


@dataclass(frozen=True)
class BatchForecast:
    """Column arrays for many series (NaN where not available); ``model`` 0 none, 1 trend, 2 damped."""

    model: np.ndarray[Any, np.dtype[np.int8]]
    scale: np.ndarray[Any, np.dtype[np.int8]]
    loc: FloatArray
    spread: FloatArray
    df: FloatArray
    mean: FloatArray
    lo80: FloatArray
    hi80: FloatArray
    lo95: FloatArray
    hi95: FloatArray
    prob: FloatArray
    bounds_lo: FloatArray
    bounds_hi: FloatArray
    snr: FloatArray

    def standardised_error(self, actual: Any) -> FloatArray:
        """``(z(actual) − loc) / spread`` on the model scale (calibration and diagnostics)."""
        z = _forward_rows(np.asarray(actual, dtype=float)[:, None], self.scale, self.bounds_lo, self.bounds_hi)[:, 0]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray((z - self.loc) / self.spread, dtype=float)

    def prob_of(self, target: Any, sense: Any) -> FloatArray:
        """P(Y ≥ target) where ``sense`` > 0, P(Y ≤ target) where < 0, NaN where 0 or no spread; the
        same predictive distribution as the intervals."""
        tgt = np.broadcast_to(np.asarray(target, dtype=float), self.loc.shape)
        sgn = np.broadcast_to(np.asarray(sense, dtype=np.int8), self.loc.shape)
        return _prob_rows(self.loc, self.spread, self.df, self.scale, self.bounds_lo, self.bounds_hi, tgt, sgn)


def _prob_rows(
    loc: FloatArray,
    spread: FloatArray,
    df: FloatArray,
    kind: np.ndarray[Any, Any],
    lo: FloatArray,
    hi: FloatArray,
    tgt: FloatArray,
    sense: np.ndarray[Any, Any],
) -> FloatArray:
    has = np.isfinite(spread)
    dfs = np.where(has, df, 1.0)
    with np.errstate(invalid="ignore"):
        zt = _forward_rows(np.asarray(tgt, dtype=float)[:, None], kind, lo, hi)[:, 0]
        cdf = np.where(
            spread > 0,
            stats.t.cdf((zt - loc) / np.where(spread > 0, spread, 1.0), dfs),
            np.where(loc <= zt, 1.0, 0.0),
        )
    prob = np.where(sense > 0, 1 - cdf, np.where(sense < 0, cdf, np.nan))
    return np.asarray(np.where(has & np.isfinite(tgt), prob, np.nan), dtype=float)


SCALE_CODES = {"identity": 0, "log": 1, "logit": 2}


def _forward_rows(x: FloatArray, kind: np.ndarray[Any, Any], lo: FloatArray, hi: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.clip((x - lo[:, None]) / (hi - lo)[:, None], LOGIT_EPS, 1 - LOGIT_EPS)
        logit = np.log(p / (1 - p))
        logv = np.log(x)
    k = kind[:, None]
    return np.asarray(np.where(k == 2, logit, np.where(k == 1, logv, x)), dtype=float)


def _inverse_rows(z: FloatArray, kind: np.ndarray[Any, Any], lo: FloatArray, hi: FloatArray) -> FloatArray:
    with np.errstate(over="ignore", invalid="ignore"):
        logit = lo + (hi - lo) * special.expit(z)
        expv = np.exp(z)
    return np.asarray(np.where(kind == 2, logit, np.where(kind == 1, expv, z)), dtype=float)


def _drift_change_rows(h: FloatArray, phi: float) -> FloatArray:
    """:func:`drift_change_sum` for an array of integer horizons (via a lookup table)."""
    hi = np.asarray(h, dtype=np.int64)
    table = np.array([drift_change_sum(m, phi) for m in range(int(hi.max(initial=0)) + 1)])
    return np.asarray(table[hi], dtype=float)


def forecast_batch(
    years: Sequence[np.ndarray[Any, Any]],
    values: Sequence[np.ndarray[Any, Any]],
    year: Sequence[int] | np.ndarray[Any, Any],
    *,
    bounds_lo: Sequence[float] | np.ndarray[Any, Any] | None = None,
    bounds_hi: Sequence[float] | np.ndarray[Any, Any] | None = None,
    target: Sequence[float] | np.ndarray[Any, Any] | None = None,
    target_sense: Sequence[int] | np.ndarray[Any, Any] | None = None,
    model: ModelChoice = "auto",
    window: int | None = DEFAULT_WINDOW,
    phi: float | None = None,
    drift_q: float | None = None,
    calibrate: bool = True,
    table: calibration.Calibration | None = None,
) -> BatchForecast:
    """Closed-form forecasts for many series at once (same numbers as :func:`forecast`).

    Each series is sorted, NaN-free and without duplicate years. ``bounds_lo/hi`` are NaN for
    unbounded series. ``target_sense`` is +1 for P(Y ≥ target), −1 for P(Y ≤ target), 0 for none.
    ``table`` replaces the packaged calibration (scripts/calibrate_forecast.py).
    """
    cal = calibration.load() if table is None else table
    phi = cal.phi if phi is None else phi
    drift_q = cal.drift_q if drift_q is None else drift_q
    m = len(years)
    yr = np.asarray(year, dtype=float)
    lo = np.full(m, np.nan) if bounds_lo is None else np.asarray(bounds_lo, dtype=float)
    hi = np.full(m, np.nan) if bounds_hi is None else np.asarray(bounds_hi, dtype=float)
    tgt = np.full(m, np.nan) if target is None else np.asarray(target, dtype=float)
    sense = np.zeros(m, dtype=np.int8) if target_sense is None else np.asarray(target_sense, dtype=np.int8)
    out = {k: np.full(m, np.nan) for k in ("loc", "spread", "df", "snr")}
    model_code = np.zeros(m, dtype=np.int8)
    lengths = np.fromiter((len(a) for a in years), dtype=np.int64, count=m)
    eff = lengths if window is None else np.minimum(lengths, window)
    bounded = np.isfinite(lo) & np.isfinite(hi) & (hi > lo)
    allpos = np.fromiter((bool((np.asarray(v) > 0).all()) for v in values), dtype=bool, count=m)
    kind = np.where(bounded, 2, np.where(allpos & (lengths > 0), 1, 0)).astype(np.int8)
    for n in np.unique(eff):
        if n < 2:
            continue
        idx = np.flatnonzero(eff == n)
        t: FloatArray = np.stack([np.asarray(years[int(i)], dtype=np.float64)[-n:] for i in idx])
        x: FloatArray = np.stack([np.asarray(values[int(i)], dtype=np.float64)[-n:] for i in idx])
        z = _forward_rows(x, kind[idx], lo[idx], hi[idx])
        target_year = yr[idx]
        ok = target_year > t[:, -1]
        if choose_model(int(n), model) == "trend":
            tbar = t.mean(axis=1)
            dtm = t - tbar[:, None]
            sxx = (dtm**2).sum(axis=1)
            zbar = z.mean(axis=1)
            b = (dtm * (z - zbar[:, None])).sum(axis=1) / sxx
            resid = z - zbar[:, None] - b[:, None] * dtm
            s2 = (resid**2).sum(axis=1) / (n - 2)
            x0 = target_year - tbar
            out["loc"][idx] = np.where(ok, zbar + b * x0, np.nan)
            out["spread"][idx] = np.where(ok, np.sqrt(s2 * (1 + 1 / n + x0**2 / sxx)), np.nan)
            out["df"][idx] = np.where(ok, n - 2, np.nan)
            model_code[idx] = np.where(ok, 1, 0)
        else:
            dt = np.diff(t, axis=1)
            dz = np.diff(z, axis=1)
            span = t[:, -1] - t[:, 0]
            drift = (z[:, -1] - z[:, 0]) / span
            h = np.where(ok, target_year - t[:, -1], 1.0)
            s_h = h if phi == 1.0 else phi * (1 - phi**h) / (1 - phi)
            out["loc"][idx] = np.where(ok, z[:, -1] + drift * s_h, np.nan)
            model_code[idx] = np.where(ok, 2, 0)
            if n >= 3:
                sigma2 = ((dz - drift[:, None] * dt) ** 2 / dt).sum(axis=1) / (n - 2)
                q_h = _drift_change_rows(h, phi)
                var = sigma2 * (h + s_h**2 / span + drift_q * q_h)
                spread = np.sqrt(var)
                df = np.full(idx.size, float(n - 2))
                snr = calibration.signal_to_noise(drift, np.sqrt(sigma2))
                out["snr"][idx] = np.where(ok, snr, np.nan)
                if calibrate:
                    k, df = cal.lookup(snr, h)
                    spread = spread * k
                out["spread"][idx] = np.where(ok, spread, np.nan)
                out["df"][idx] = np.where(ok, df, np.nan)
    loc, spread, df = out["loc"], out["spread"], out["df"]
    has = np.isfinite(spread)
    dfs = np.where(has, df, 1.0)
    q80 = stats.t.ppf(0.90, dfs)
    q95 = stats.t.ppf(0.975, dfs)
    with np.errstate(invalid="ignore"):
        bands = {
            "lo80": _inverse_rows(loc - q80 * spread, kind, lo, hi),
            "hi80": _inverse_rows(loc + q80 * spread, kind, lo, hi),
            "lo95": _inverse_rows(loc - q95 * spread, kind, lo, hi),
            "hi95": _inverse_rows(loc + q95 * spread, kind, lo, hi),
        }
    prob = _prob_rows(loc, spread, df, kind, lo, hi, tgt, sense)
    return BatchForecast(
        model=model_code,
        scale=kind,
        loc=loc,
        spread=spread,
        df=df,
        mean=_inverse_rows(loc, kind, lo, hi),
        lo80=bands["lo80"],
        hi80=bands["hi80"],
        lo95=bands["lo95"],
        hi95=bands["hi95"],
        prob=prob,
        bounds_lo=lo,
        bounds_hi=hi,
        snr=out["snr"],
    )
