"""The open-sdg / Statistics Canada progress method, reproduced exactly (METHODS.md §2.1).

Two levels, as in sdg-build's progress module:

* :func:`series_progress` — one time series (years, values) and one options mapping
  (``progress_calculation_options`` entry) → progress value, status and score in [−5, 5].
* :class:`IndicatorProgress` — one result per configured series plus the indicator score (mean
  of the series scores) and status, built from an Open SDG indicator table (``Year``,
  disaggregations, ``Value``) and its metadata by :func:`dxtrack.interop.opensdg_table.indicator_progress`.

Deliberately reproduced quirks (so results match sdg-build's own output):

* the default direction is ``negative`` (lower is better);
* a zero base value or zero target is replaced by 0.001;
* the score's branch points are the (possibly user-overridden) thresholds while the score
  formulas themselves are fixed;
* a base value and target of opposite signs give a growth ratio raised to a fractional power:
  sdg-build computes it with Python complex arithmetic when the base year was found in the data
  (so a real, odd-looking progress value results) and with NumPy (NaN → ``not_available``) when
  the base year had to be moved to a later year. Both are reproduced.

Where sdg-build would crash (all observations before the base year, target year equal to the base
year) the series is ``not_available`` with a reason instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from dxtrack.domain.status import Reason

METHOD_NAME = "opensdg"
METHOD_VERSION = "statcan-sdg-build-139fede"

TARGET_ACHIEVED = "target_achieved"
SUBSTANTIAL = "substantial_progress"
MODERATE = "moderate_progress"
LIMITED = "limited_progress"
DETERIORATION = "deterioration"
NOT_AVAILABLE = "not_available"
STATUSES: tuple[str, ...] = (TARGET_ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION, NOT_AVAILABLE)

DEFAULT_BASE_YEAR = 2015
DEFAULT_TARGET_YEAR = 2030
ZERO_REPLACEMENT = 0.001
LIMIT_EXPONENT = 4.44
THRESHOLDS_NO_TARGET: dict[str, float] = {"high": 0.015, "med": 0.005, "low": 0.0}
THRESHOLDS_TARGET: dict[str, float] = {"high": 0.95, "med": 0.6, "low": 0.0}


class OpenSdgDataError(ValueError):
    """The data cannot be reduced to one series (sdg-build raises here too)."""


@dataclass(frozen=True)
class ProgressConfig:
    """One entry of ``progress_calculation_options`` with sdg-build's defaults."""

    series: str | None = None
    unit: str | None = None
    disaggregation: tuple[tuple[str, Any], ...] = ()
    direction: Literal["positive", "negative"] = "negative"
    base_year: int = DEFAULT_BASE_YEAR
    target_year: int = DEFAULT_TARGET_YEAR
    target: float | None = None
    limit: float | None = None
    thresholds: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any] | None) -> ProgressConfig:
        """Build from a metadata mapping; unknown keys are ignored (as sdg-build does)."""
        opts = dict(options or {})
        disagg = opts.get("disaggregation") or []
        pairs = tuple((str(d["field"]), d["value"]) for d in disagg)
        direction: Literal["positive", "negative"] = "positive" if opts.get("direction") == "positive" else "negative"
        target = opts.get("target")
        limit = opts.get("limit")
        thresholds = {str(k): float(v) for k, v in (opts.get("progress_thresholds") or {}).items()}
        series = opts.get("series")
        unit = opts.get("unit")
        return cls(
            series=None if series is None else str(series),
            unit=None if unit is None else str(unit),
            disaggregation=pairs,
            direction=direction,
            base_year=int(opts.get("base_year", DEFAULT_BASE_YEAR)),
            target_year=int(opts.get("target_year", DEFAULT_TARGET_YEAR)),
            target=None if target is None else float(target),
            limit=None if limit is None else float(limit),
            thresholds=thresholds,
        )

    @property
    def d(self) -> int:
        """+1 if higher is better, −1 otherwise."""
        return 1 if self.direction == "positive" else -1

    def tag(self, indicator_id: str = "") -> str:
        """sdg-build's series tag: id / series / unit / disaggregation values."""
        parts = [indicator_id] if indicator_id else []
        if self.series is not None:
            parts.append(self.series)
        if self.unit is not None:
            parts.append(self.unit)
        parts.extend(str(v) for _, v in self.disaggregation)
        return " / ".join(parts)


@dataclass(frozen=True)
class SeriesProgress:
    """Result for one series; ``reason`` says why the progress value is missing."""

    tag: str
    status: str
    score: float | None
    progress_value: float | None
    base_year: int | None
    base_value: float | None
    current_year: int | None
    current_value: float | None
    target: float | None
    target_year: int
    direction: Literal["positive", "negative"]
    sign: int | None
    limit: float | None
    method: int
    thresholds: Mapping[str, float]
    coefficient: float
    target_achieved: bool
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    why: Reason | None = None


@dataclass(frozen=True)
class IndicatorProgress:
    """Indicator result: ``status``/``score`` are None where open-sdg gives none."""

    id: str
    status: str | None
    score: float | None
    series: tuple[SeriesProgress, ...]
    auto: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``dxtrack progress --format json``."""
        return {
            "id": self.id,
            "status": self.status,
            "score": self.score,
            "series": [
                {
                    "status": s.status,
                    "score": s.score,
                    "progress_value": _json_number(s.progress_value),
                    "base_year": s.base_year,
                    "base_value": s.base_value,
                    "current_year": s.current_year,
                    "current_value": s.current_value,
                    "target": s.target,
                    "direction": s.direction,
                }
                for s in self.series
            ],
        }


def _json_number(x: float | None) -> float | None:
    """None for missing or non-finite numbers (JSON has no NaN/Infinity)."""
    if x is None or not math.isfinite(x):
        return None
    return float(x)


# --------------------------------------------------------------------------- formulas


def growth(v1: float, v0: float, t1: float, t0: float) -> float:
    """Compound annual growth rate ``(v1/v0)^(1/(t1−t0)) − 1`` (NaN for a negative ratio)."""
    ratio = v1 / v0
    expo = 1.0 / (t1 - t0)
    if ratio < 0:
        return math.nan
    return float(ratio**expo - 1.0)


def _required_growth_abs(target: float, base: float, t_target: int, t_base: int, python_complex: bool) -> float:
    """``|CAGR_r|``; a negative ratio follows sdg-build's Python-complex or NumPy-NaN semantics."""
    ratio = target / base
    expo = 1.0 / (t_target - t_base)
    if ratio >= 0:
        return abs(float(ratio**expo) - 1.0)
    if python_complex:
        return abs(complex(ratio) ** expo - 1.0)
    return math.nan


def limit_coefficient(base_value: float, limit: float, a: float = LIMIT_EXPONENT) -> float:
    """Threshold reduction factor C near a natural limit (1 far from it, 0 at it)."""
    b = abs(base_value)
    lim = abs(limit)
    if b >= 2 * lim:
        return 1.0
    if b <= lim:
        return float(1.0 - (b / lim) ** a)
    return float(1.0 - ((2 * lim - b) / lim) ** a)


def progress_thresholds(
    method: int,
    user: Mapping[str, float] | None = None,
    *,
    base_value: float | None = None,
    limit: float | None = None,
) -> tuple[dict[str, float], float]:
    """Thresholds (defaults updated by the user's) and the limit coefficient C (method 1 only)."""
    if method == 1:
        th = dict(THRESHOLDS_NO_TARGET)
        th.update(user or {})
        coeff = 1.0
        if limit is not None and base_value is not None:
            coeff = limit_coefficient(base_value, limit)
            for key in ("high", "med", "low"):
                th[key] *= coeff
        return th, coeff
    th = dict(THRESHOLDS_TARGET)
    th.update(user or {})
    return th, 1.0


def status_from_progress(value: float | None, thresholds: Mapping[str, float], achieved: bool = False) -> str:
    """Series status from the progress value (NaN or None → ``not_available``)."""
    if achieved:
        return TARGET_ACHIEVED
    if value is not None:
        high, med, low = float(thresholds["high"]), float(thresholds["med"]), float(thresholds["low"])
        if value >= high:
            return SUBSTANTIAL
        if med <= value < high:
            return MODERATE
        if low <= value < med:
            return LIMITED
        if value < low:
            return DETERIORATION
    return NOT_AVAILABLE


def progress_score(
    value: float | None,
    method: int,
    thresholds: Mapping[str, float],
    coefficient: float = 1.0,
    achieved: bool = False,
) -> float | None:
    """Series score in [−5, 5] (piecewise linear; 5 if the target is achieved)."""
    if achieved:
        return 5.0
    if value is None:
        return None
    high, med, low = thresholds["high"], thresholds["med"], thresholds["low"]
    if method == 1:
        if value < low:
            return max(125 * value - 2.5, -5.0)
        if coefficient == 0:
            return 5.0
        if value >= high:
            return min(500 * value / coefficient - 5, 5.0)
        if value >= med:
            return 250 * value / coefficient - 1.25
        if value >= low:
            return 500 * value / coefficient - 2.5
        return None
    if value >= high or value >= med:
        return min(7.1429 * value - 4.2857, 5.0)
    if value >= low or value < low:
        return max(4.1667 * value - 2.5, -5.0)
    return None


def status_from_score(score: float | None, all_achieved: bool = False) -> str | None:
    """Indicator status from the mean score; None if the score lies outside [−5, 5]."""
    if all_achieved:
        return TARGET_ACHIEVED
    if score is None:
        return NOT_AVAILABLE
    if 2.5 <= score <= 5:
        return SUBSTANTIAL
    if 0 <= score < 2.5:
        return MODERATE
    if -2.5 <= score < 0:
        return LIMITED
    if -5 <= score < -2.5:
        return DETERIORATION
    return None


# --------------------------------------------------------------------------- one series


def series_progress(
    years: Sequence[int] | np.ndarray[Any, Any],
    values: Sequence[float] | np.ndarray[Any, Any],
    config: ProgressConfig | Mapping[str, Any] | None = None,
    *,
    tag: str = "",
) -> SeriesProgress:
    """Progress of one series. Rows may come in any order; NaN values are dropped.

    Raises ``OpenSdgDataError`` on duplicate years (as sdg-build does).
    """
    cfg = config if isinstance(config, ProgressConfig) else ProgressConfig.from_mapping(config)
    warnings: list[str] = []
    target = cfg.target
    if target == 0:
        warnings.append("target is zero; using 0.001")
        target = ZERO_REPLACEMENT
    method = 1 if target is None else 2
    y = np.asarray(years, dtype=np.int64)
    v = np.asarray(values, dtype=float)
    keep = ~np.isnan(v)
    y, v = y[keep], v[keep]
    uniq, counts = np.unique(y, return_counts=True)
    if (counts > 1).any():
        dups = ", ".join(str(int(t)) for t in uniq[counts > 1])
        raise OpenSdgDataError(f"duplicate values for year(s) {dups}")

    def unavailable(reason: str, why: Reason, **kw: Any) -> SeriesProgress:
        th, coeff = progress_thresholds(method, cfg.thresholds)
        base = dict(
            tag=tag or cfg.tag(),
            status=NOT_AVAILABLE,
            score=None,
            progress_value=None,
            base_year=None,
            base_value=None,
            current_year=None,
            current_value=None,
            target=target,
            target_year=cfg.target_year,
            direction=cfg.direction,
            sign=None,
            limit=cfg.limit,
            method=method,
            thresholds=th,
            coefficient=coeff,
            target_achieved=False,
            reason=reason,
            warnings=tuple(warnings),
            why=why,
        )
        base.update(kw)
        return SeriesProgress(**base)  # type: ignore[arg-type]

    if y.size == 0:
        return unavailable("no data", Reason("no_data"))
    order = np.argsort(y)
    y, v = y[order], v[order]
    current_year = int(y[-1])
    current_value = float(v[-1])
    base_exact = bool((y == cfg.base_year).any())
    later = y[y >= cfg.base_year]
    if later.size == 0:
        return unavailable(
            f"no observation in or after base year {cfg.base_year}",
            Reason("no_observation_since", {"year": cfg.base_year}),
            current_year=current_year,
            current_value=current_value,
        )
    base_year = int(later[0])
    base_value = float(v[y == base_year][0])
    sign = -1 if base_value < 0 else 1
    d = cfg.d
    thresholds, coeff = progress_thresholds(method, cfg.thresholds, base_value=base_value, limit=cfg.limit)
    if cfg.limit is not None:
        if method == 2:
            warnings.append(f"limit {cfg.limit} ignored because a target is given")
        elif (base_value < cfg.limit and d == -1) or (base_value > cfg.limit and d == 1):
            warnings.append(f"base value {base_value} is beyond the limit {cfg.limit}")
    achieved = target is not None and ((d == -1 and current_value <= target) or (d == 1 and current_value >= target))

    reason: str | None = None
    why: Reason | None = None
    pv: float | None = None
    if base_value == 0:
        warnings.append("base value is zero; using 0.001")
        base_value = ZERO_REPLACEMENT
    if (base_value > 0 and current_value < 0) or (base_value < 0 and current_value > 0):
        reason = f"base value ({base_value}) and current value ({current_value}) have opposite signs"
        why = Reason("opposite_signs", {"base": base_value, "current": current_value})
    elif current_year - base_year < 1:
        reason = "needs at least two points (base year and a later year)"
        why = Reason("needs_two_points")
    elif method == 2 and cfg.target_year == base_year:
        reason = f"target year equals base year {base_year}"
        why = Reason("target_year_is_base_year", {"year": base_year})
    else:
        cagr_o = growth(current_value, base_value, current_year, base_year)
        if method == 1:
            pv = sign * d * cagr_o
        else:
            assert target is not None
            cagr_r = _required_growth_abs(target, base_value, cfg.target_year, base_year, base_exact)
            with np.errstate(divide="ignore", invalid="ignore"):
                pv = float(sign * d * np.float64(cagr_o) / np.float64(cagr_r))
        if math.isnan(pv):
            reason = "progress value undefined (target and base value have opposite signs)"
            why = Reason("progress_undefined")
            pv = None
    status = status_from_progress(pv, thresholds, achieved)
    score = progress_score(pv, method, thresholds, coeff, achieved)
    return SeriesProgress(
        tag=tag or cfg.tag(),
        status=status,
        score=None if score is None else float(score),
        progress_value=pv,
        base_year=base_year,
        base_value=base_value,
        current_year=current_year,
        current_value=current_value,
        target=target,
        target_year=cfg.target_year,
        direction=cfg.direction,
        sign=sign,
        limit=cfg.limit,
        method=method,
        thresholds=thresholds,
        coefficient=coeff,
        target_achieved=achieved,
        reason=reason if status == NOT_AVAILABLE else None,
        warnings=tuple(warnings),
        why=why if status == NOT_AVAILABLE else None,
    )


# --------------------------------------------------------------------------- batch engine

STATUS_CODES: tuple[str, ...] = (NOT_AVAILABLE, DETERIORATION, LIMITED, MODERATE, SUBSTANTIAL, TARGET_ACHIEVED)


@dataclass(frozen=True)
class BatchProgress:
    """Column arrays for many series: ``status`` indexes :data:`STATUS_CODES`; NaN = none."""

    status: np.ndarray[Any, np.dtype[np.int8]]
    score: np.ndarray[Any, np.dtype[np.float64]]
    progress_value: np.ndarray[Any, np.dtype[np.float64]]
    base_year: np.ndarray[Any, np.dtype[np.float64]]
    base_value: np.ndarray[Any, np.dtype[np.float64]]
    current_year: np.ndarray[Any, np.dtype[np.float64]]
    current_value: np.ndarray[Any, np.dtype[np.float64]]

    def status_names(self) -> list[str]:
        return [STATUS_CODES[int(c)] for c in self.status]


def progress_batch(
    years: Sequence[np.ndarray[Any, Any]],
    values: Sequence[np.ndarray[Any, Any]],
    direction: Sequence[int] | np.ndarray[Any, Any],
    *,
    target: Sequence[float] | np.ndarray[Any, Any] | None = None,
    limit: Sequence[float] | np.ndarray[Any, Any] | None = None,
    base_year: int | Sequence[int] | np.ndarray[Any, Any] = DEFAULT_BASE_YEAR,
    target_year: int | Sequence[int] | np.ndarray[Any, Any] = DEFAULT_TARGET_YEAR,
) -> BatchProgress:
    """Vectorised :func:`series_progress` with default thresholds (same numbers, many series).

    Each series must be sorted by year, without NaN and without duplicate years. ``direction`` is
    +1 (positive) or −1 (negative); ``target``/``limit`` are NaN where absent.
    """
    m = len(years)
    d = np.asarray(direction, dtype=float)
    tg = np.full(m, np.nan) if target is None else np.asarray(target, dtype=float).copy()
    lim = np.full(m, np.nan) if limit is None else np.asarray(limit, dtype=float)
    by_cfg = np.broadcast_to(np.asarray(base_year, dtype=float), (m,))
    ty = np.broadcast_to(np.asarray(target_year, dtype=float), (m,))
    tg = np.where(tg == 0, ZERO_REPLACEMENT, tg)
    out = {k: np.full(m, np.nan) for k in ("pv", "score", "by", "bv", "cy", "cv")}
    status = np.zeros(m, dtype=np.int8)
    lengths = np.fromiter((len(a) for a in years), dtype=np.int64, count=m)
    for n in np.unique(lengths):
        if n == 0:
            continue
        idx = np.flatnonzero(lengths == n)
        y = np.stack([np.asarray(years[int(i)], dtype=np.float64) for i in idx])
        v = np.stack([np.asarray(values[int(i)], dtype=np.float64) for i in idx])
        rows = np.arange(idx.size)
        cy, cur = y[:, -1], v[:, -1]
        mask = y >= by_cfg[idx][:, None]
        has = mask.any(axis=1)
        bi = mask.argmax(axis=1)
        byr = np.where(has, y[rows, bi], np.nan)
        bv0 = np.where(has, v[rows, bi], np.nan)
        exact = has & (byr == by_cfg[idx])
        dd, t, L, tyr = d[idx], tg[idx], lim[idx], ty[idx]
        method2 = ~np.isnan(t)
        sign = np.where(bv0 < 0, -1.0, 1.0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            b, lm = np.abs(bv0), np.abs(L)
            coeff = np.where(
                np.isnan(L) | method2,
                1.0,
                np.where(
                    b >= 2 * lm,
                    1.0,
                    np.where(b <= lm, 1 - (b / lm) ** LIMIT_EXPONENT, 1 - ((2 * lm - b) / lm) ** LIMIT_EXPONENT),
                ),
            )
            high = np.where(method2, THRESHOLDS_TARGET["high"], THRESHOLDS_NO_TARGET["high"] * coeff)
            med = np.where(method2, THRESHOLDS_TARGET["med"], THRESHOLDS_NO_TARGET["med"] * coeff)
            low = np.where(method2, THRESHOLDS_TARGET["low"], THRESHOLDS_NO_TARGET["low"] * coeff)
            achieved = has & method2 & (((dd == -1) & (cur <= t)) | ((dd == 1) & (cur >= t)))
            bv = np.where(bv0 == 0, ZERO_REPLACEMENT, bv0)
            invalid = ~has | ((bv > 0) & (cur < 0)) | ((bv < 0) & (cur > 0)) | (cy - byr < 1) | (method2 & (tyr == byr))
            cagr_o = (cur / bv) ** (1.0 / (cy - byr)) - 1.0
            ratio = t / bv
            expo = 1.0 / (tyr - byr)
            mag = np.abs(ratio) ** expo
            r_pos = np.abs(mag - 1.0)
            r_cplx = np.sqrt((mag * np.cos(np.pi * expo) - 1.0) ** 2 + (mag * np.sin(np.pi * expo)) ** 2)
            cagr_r = np.where(ratio >= 0, r_pos, np.where(exact, r_cplx, np.nan))
            pv = np.where(method2, sign * dd * cagr_o / cagr_r, sign * dd * cagr_o)
            pv = np.where(invalid, np.nan, pv)
            st = np.where(
                achieved,
                5,
                np.where(np.isnan(pv), 0, np.where(pv >= high, 4, np.where(pv >= med, 3, np.where(pv >= low, 2, 1)))),
            )
            c_safe = np.where(coeff == 0, 1.0, coeff)
            s1 = np.where(
                pv < low,
                np.maximum(125 * pv - 2.5, -5.0),
                np.where(
                    coeff == 0,
                    5.0,
                    np.where(
                        pv >= high,
                        np.minimum(500 * pv / c_safe - 5, 5.0),
                        np.where(pv >= med, 250 * pv / c_safe - 1.25, 500 * pv / c_safe - 2.5),
                    ),
                ),
            )
            s2 = np.where(
                (pv >= high) | (pv >= med), np.minimum(7.1429 * pv - 4.2857, 5.0), np.maximum(4.1667 * pv - 2.5, -5.0)
            )
            score = np.where(achieved, 5.0, np.where(np.isnan(pv), np.nan, np.where(method2, s2, s1)))
        status[idx] = st.astype(np.int8)
        out["pv"][idx] = pv
        out["score"][idx] = score
        out["by"][idx] = byr
        out["bv"][idx] = np.where(has, bv, np.nan)
        out["cy"][idx] = cy
        out["cv"][idx] = cur
    return BatchProgress(
        status=status,
        score=out["score"],
        progress_value=out["pv"],
        base_year=out["by"],
        base_value=out["bv"],
        current_year=out["cy"],
        current_value=out["cv"],
    )
