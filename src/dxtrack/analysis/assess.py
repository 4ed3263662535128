"""Per-target assessment: the functions the ``dxtrack assess`` service calls.

Each takes observations as a DataFrame with columns ``indicator, area, period, value, obs_id``
(already filtered to the target's indicator; ``assess_rank`` gets every area) plus the target's
parameters, and returns a :class:`~dxtrack.analysis.status.TargetResult`. Missing data never
raises: it gives ``insufficient_data`` with the reason. Malformed input (two values for one
period) raises :class:`dxtrack.errors.InputError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from dxtrack.analysis import opensdg, undesa
from dxtrack.analysis.forecast import ModelChoice, Requested, forecast
from dxtrack.analysis.growth import growth_over_window
from dxtrack.analysis.milestone import Evidence, judge_milestone
from dxtrack.analysis.ranks import own_rank_probability, rank_probability, ranks_by_edition
from dxtrack.analysis.status import (
    INSUFFICIENT_DATA,
    TARGET_ACHIEVED,
    Point,
    Projection,
    TargetResult,
    insufficient,
)
from dxtrack.analysis.trajectory import Shape, actual_annual_growth, gaps, required_annual_growth
from dxtrack.domain.period import AnnualRule, AnnualValue, Reading, annualise, year_for
from dxtrack.domain.status import Reason
from dxtrack.errors import InputError

__all__ = [
    "AnnualSeries",
    "Evidence",
    "annual_series",
    "assess_growth",
    "assess_milestone",
    "assess_rank",
    "assess_threshold",
]


@dataclass(frozen=True)
class AnnualSeries:
    """One area's annual values, sorted by year, with the periods and obs ids they came from.

    ``periods`` are the labels shown for each year (the year, or the sub-annual period read); ``annual``
    says how each year's value was obtained (see :func:`dxtrack.domain.period.annualise`).
    """

    years: np.ndarray[Any, np.dtype[np.int64]]
    values: np.ndarray[Any, np.dtype[np.float64]]
    periods: tuple[str, ...]
    obs_ids: tuple[Any, ...]
    skipped: tuple[str, ...] = ()
    annual: tuple[AnnualValue, ...] = ()

    def __len__(self) -> int:
        return int(self.years.size)

    def folded(self) -> list[dict[str, Any]]:
        """For each year built from (or shadowing) sub-annual periods: the rule, the periods and obs ids
        used, those set aside, and whether the year is partial. Empty for a purely annual series."""
        return [
            {
                "year": a.year,
                "value": a.value,
                "period": a.period,
                "rule": a.rule,
                "partial": a.partial,
                "used": [{"period": r.period, "obs_id": r.ref} for r in a.used],
                "set_aside": [{"period": r.period, "obs_id": r.ref} for r in a.set_aside],
            }
            for a in self.annual
            if a.folded
        ]


def annual_series(
    obs: pd.DataFrame, *, area: str | None = None, rule: AnnualRule = "latest", complete_only: bool = False
) -> AnnualSeries:
    """One value per year from observation rows, by :func:`dxtrack.domain.period.annualise` with ``rule``.

    Ranges and non-periods are skipped (and listed); ``complete_only`` also leaves out partial years
    (sub-annual readings that do not reach 31 December), listing them as skipped.
    """
    df = obs if area is None else obs[obs["area"] == area]
    has_ids = "obs_id" in df.columns
    readings = []
    for row in df.itertuples(index=False):
        value = row.value
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        ref = row.obs_id if has_ids else None
        readings.append(Reading(str(row.period), float(cast(float, value)), ref))
    try:
        folded = annualise(readings, rule)
    except ValueError as exc:
        raise InputError(str(exc), column="period") from None
    skipped = [r.period for r in folded.skipped]
    kept = []
    for a in folded.values:
        if complete_only and a.partial:
            skipped.append(a.period)
        else:
            kept.append(a)
    return AnnualSeries(
        years=np.asarray([a.year for a in kept], dtype=np.int64),
        values=np.asarray([a.value for a in kept], dtype=float),
        periods=tuple(a.period for a in kept),
        obs_ids=tuple(r.ref for a in kept for r in a.used if r.ref is not None),
        skipped=tuple(skipped),
        annual=tuple(kept),
    )


def _direction(
    direction: str | None, comparator: str, target: float | None, first: float | None
) -> Literal["positive", "negative"]:
    if direction in ("positive", "higher_better"):
        return "positive"
    if direction in ("negative", "lower_better"):
        return "negative"
    if comparator in (">=", ">"):
        return "positive"
    if comparator in ("<=", "<"):
        return "negative"
    if target is not None and first is not None:
        return "positive" if target >= first else "negative"
    return "positive"


def _projection(
    s: AnnualSeries,
    deadline: int | None,
    bounds: tuple[float, float] | None,
    scale: Requested,
    model: ModelChoice,
) -> tuple[Projection | None, Any]:
    if deadline is None or len(s) < 2 or deadline <= int(s.years[-1]):
        return None, None
    fc = forecast(s.years, s.values, deadline, bounds=bounds, requested=scale, model=model)
    if fc is None:
        return None, None
    i80 = fc.interval(0.8)
    i95 = fc.interval(0.95)
    proj = Projection(
        year=deadline,
        value=fc.mean,
        lo80=None if i80 is None else i80[0],
        hi80=None if i80 is None else i80[1],
        lo95=None if i95 is None else i95[0],
        hi95=None if i95 is None else i95[1],
        model=fc.method,
    )
    return proj, fc


def assess_threshold(
    obs: pd.DataFrame,
    *,
    target: float | None,
    comparator: str = ">=",
    deadline: int | None = None,
    direction: str | None = None,
    baseline: tuple[str, float] | None = None,
    method: Literal["opensdg", "undesa"] = "opensdg",
    base_year: int | None = None,
    thresholds: Mapping[str, float] | None = None,
    limit: float | None = None,
    scale: Requested = "auto",
    model: ModelChoice = "auto",
    bounds: tuple[float, float] | None = None,
    trajectory: Shape = "linear",
    tolerance: float | None = None,
    percent: bool = False,
    annual_rule: AnnualRule = "latest",
) -> TargetResult:
    """Level of an indicator against a target value by a deadline (or a direction only, when
    ``target`` is None). ``baseline`` (period, value) from the strategy document is used as the
    base point when no observation exists for that year. Sub-annual values are annualised by
    ``annual_rule`` (a partial latest year is used and marked in ``extra["annualised"]``)."""
    mname = method
    mversion = opensdg.METHOD_VERSION if method == "opensdg" else undesa.METHOD_VERSION
    s = annual_series(obs, rule=annual_rule)
    if baseline is not None:
        by = year_for(baseline[0])
        if by is not None and by not in set(s.years.tolist()):
            doc = Reading(str(baseline[0]), float(baseline[1]))
            annual = sorted(
                (*s.annual, AnnualValue(by, doc.value, doc.period, "annual", False, (doc,))), key=lambda a: a.year
            )
            s = AnnualSeries(
                np.asarray([a.year for a in annual], dtype=np.int64),
                np.asarray([a.value for a in annual], dtype=float),
                tuple(a.period for a in annual),
                s.obs_ids,
                s.skipped,
                tuple(annual),
            )
        if base_year is None and by is not None:
            base_year = by
    common: dict[str, Any] = dict(target_value=target, deadline=deadline)
    if len(s) == 0:
        return insufficient(
            "no observations", Reason("no_observations"), method=mname, method_version=mversion, **common
        )
    by_eff = opensdg.DEFAULT_BASE_YEAR if base_year is None else int(base_year)
    latest = Point(s.periods[-1], float(s.values[-1]))
    common["latest"] = latest
    after = s.years >= by_eff
    if not after.any():
        return insufficient(
            f"no observation in or after {by_eff}",
            Reason("no_observation_since", {"year": by_eff}),
            method=mname,
            method_version=mversion,
            obs_ids=s.obs_ids,
            **common,
        )
    bidx = int(np.flatnonzero(after)[0])
    base_pt = Point(s.periods[bidx], float(s.values[bidx]))
    common["baseline"] = base_pt
    if bidx == len(s) - 1:
        return insufficient(
            f"needs at least two points (only {s.periods[bidx]} from {by_eff} on)",
            Reason("only_one_point", {"period": s.periods[bidx], "since": by_eff}),
            method=mname,
            method_version=mversion,
            obs_ids=s.obs_ids,
            **common,
        )
    d = _direction(direction, comparator, target, float(s.values[0]))
    status: str
    score: float | None = None
    pv: float | None = None
    if method == "opensdg":
        cfg = opensdg.ProgressConfig(
            direction=d,
            base_year=by_eff,
            target_year=deadline or opensdg.DEFAULT_TARGET_YEAR,
            target=target,
            limit=limit,
            thresholds=dict(thresholds or {}),
        )
        sp = opensdg.series_progress(s.years, s.values, cfg)
        status, score, pv = sp.status, sp.score, sp.progress_value
        reason, why = sp.reason, sp.why
    else:
        ur = undesa.undesa_progress(
            s.years, s.values, direction=d, target=target, target_year=deadline, base_year=by_eff, percent=percent
        )
        status, reason, why = ur.status, ur.reason, ur.why
        score = None if ur.score is None else float(ur.score)
        pv = ur.ratio if target is not None else ur.cagr
    if (
        comparator == "about"
        and target is not None
        and tolerance is not None
        and abs(latest.value - target) <= tolerance
    ):
        status = TARGET_ACHIEVED
    if status == opensdg.NOT_AVAILABLE:
        return insufficient(
            reason or "progress cannot be computed",
            why or Reason("progress_not_computed"),
            method=mname,
            method_version=mversion,
            obs_ids=s.obs_ids,
            **common,
        )
    proj, fc = _projection(s, deadline, bounds, scale, model)
    prob = None
    if fc is not None and target is not None:
        cmp = comparator if comparator in (">=", ">", "<=", "<", "about", "==") else (">=" if d == "positive" else "<=")
        prob = fc.prob(cmp, target, tolerance)
    bval, cval = base_pt.value, latest.value
    byear, cyear = int(s.years[bidx]), int(s.years[-1])
    share = None if target is None or target == bval else (cval - bval) / (target - bval)
    extra: dict[str, Any] = {"direction": d}
    if s.skipped:
        extra["skipped_periods"] = list(s.skipped)
    if s.folded():
        extra["annualised"] = s.folded()
    if target is not None and deadline is not None and deadline != byear:
        try:
            rows = gaps(
                s.years[bidx:],
                s.values[bidx:],
                byear,
                bval,
                deadline,
                target,
                trajectory,
                higher_is_better=d == "positive",
            )
            extra["trajectory"] = {"shape": trajectory, "gaps": [asdict(r) for r in rows]}
        except ValueError as exc:
            extra["trajectory"] = {"shape": trajectory, "error": str(exc)}
    detail = f"{status}: {cval:g} in {latest.period} (base {bval:g} in {base_pt.period})"
    if target is not None:
        detail += f", target {comparator} {target:g}" + (f" by {deadline}" if deadline else "")
    if prob is not None:
        detail += f"; P(attained) = {prob:.2f}"
    return TargetResult(
        status=status,
        detail=detail,
        method=mname,
        method_version=mversion,
        share_covered=share,
        actual_growth=actual_annual_growth(bval, byear, cval, cyear),
        required_growth=None
        if target is None or deadline is None
        else required_annual_growth(cval, cyear, target, deadline),
        score=score,
        progress_value=pv,
        projection=proj,
        probability=prob,
        obs_ids=s.obs_ids,
        extra=extra,
        **common,
    )


def assess_growth(
    obs: pd.DataFrame,
    *,
    window: tuple[int, int],
    target_rate: float,
    percent: bool = True,
    model: ModelChoice = "auto",
    annual_rule: AnnualRule = "latest",
) -> TargetResult:
    """Average annual growth of a level series over ``window`` against ``target_rate``
    (7 for 7 % when ``percent``). Status: open-sdg's target method applied to the level the
    target implies at the end of the window. Only complete years count: a partial year (sub-annual
    readings not reaching 31 December) would compare part of a year with whole years."""
    mname, mversion = "growth", "compound-window-1"
    rate = target_rate / 100.0 if percent else target_rate
    s = annual_series(obs, rule=annual_rule, complete_only=True)
    w0, w1 = int(window[0]), int(window[1])
    if len(s) == 0:
        return insufficient(
            "no observations", Reason("no_observations"), method=mname, method_version=mversion, deadline=w1
        )
    g = growth_over_window(s.years, s.values, (w0, w1), rate, model=model)
    if g.missing is not None:
        return insufficient(
            g.missing,
            g.reason or Reason("progress_not_computed"),
            method=mname,
            method_version=mversion,
            obs_ids=s.obs_ids,
            deadline=w1,
        )
    assert g.base_year is not None and g.base_value is not None and g.target_level is not None
    assert g.last_year is not None and g.last_value is not None and g.average_growth is not None
    inside = s.years <= w1
    cfg = opensdg.ProgressConfig(direction="positive", base_year=g.base_year, target_year=w1, target=g.target_level)
    sp = opensdg.series_progress(s.years[inside], s.values[inside], cfg)
    status = sp.status if sp.status != opensdg.NOT_AVAILABLE else INSUFFICIENT_DATA
    proj = None
    if g.projection is not None:
        fc = g.projection
        i80, i95 = fc.interval(0.8), fc.interval(0.95)
        proj = Projection(
            year=w1,
            value=fc.mean,
            lo80=None if i80 is None else i80[0],
            hi80=None if i80 is None else i80[1],
            lo95=None if i95 is None else i95[0],
            hi95=None if i95 is None else i95[1],
            model=fc.method,
        )
    detail = (
        f"{status}: average growth {g.average_growth:.2%}/yr over {g.base_year}–{g.last_year} "
        f"against {rate:.2%}/yr for {w0}–{w1}"
    )
    if g.required_growth is not None:
        rest = str(w1) if g.last_year + 1 == w1 else f"{g.last_year + 1}–{w1}"
        detail += f"; {g.required_growth:.2%}/yr needed in {rest}"
    return TargetResult(
        status=status,
        detail=detail,
        method=mname,
        method_version=mversion,
        baseline=Point(str(g.base_year), g.base_value),
        latest=Point(str(g.last_year), g.last_value),
        target_value=rate,
        deadline=w1,
        share_covered=(g.last_value - g.base_value) / (g.target_level - g.base_value)
        if g.target_level != g.base_value
        else None,
        actual_growth=g.average_growth,
        required_growth=g.required_growth,
        score=sp.score,
        progress_value=sp.progress_value,
        projection=proj,
        probability=g.probability,
        obs_ids=s.obs_ids,
        missing=None if status != INSUFFICIENT_DATA else sp.reason,
        reason=None if status != INSUFFICIENT_DATA else sp.why,
        extra={
            "yearly_growth": {str(k): v for k, v in g.yearly.items()},
            "arithmetic_mean_growth": g.arithmetic_mean,
            "target_level": g.target_level,
            "window_complete": g.complete,
            "notes": list(g.notes),
            **({"skipped_periods": list(s.skipped)} if s.skipped else {}),
            **({"annualised": s.folded()} if s.folded() else {}),
        },
    )


def assess_rank(
    obs: pd.DataFrame,
    *,
    focus: str,
    k: int,
    deadline: int,
    members: Sequence[str] | None = None,
    value_kind: Literal["score", "rank"] = "score",
    bounds: tuple[float, float] | None = None,
    base_year: int | None = None,
    n_sims: int = 20_000,
    seed: int = 0,
    model: ModelChoice = "auto",
    annual_rule: AnnualRule = "latest",
) -> TargetResult:
    """Rank of ``focus`` within ``members`` (None = every area in the data) against ``rank ≤ k``.

    ``value_kind`` says whether ``value`` holds scores (higher is better) or world ranks (lower
    is better). With world ranks and no peer group the focus's own rank is the rank. Each area's
    series is first annualised by ``annual_rule`` (one edition per year).
    """
    mname, mversion = "rank", "peer-rank-montecarlo-1"
    higher = value_kind == "score"
    rows: list[dict[str, Any]] = []
    focus_series: AnnualSeries | None = None
    for area, group in obs.groupby("area", sort=False):
        s = annual_series(group, rule=annual_rule)
        rows += [{"area": area, "period": int(y), "value": float(v)} for y, v in zip(s.years, s.values, strict=True)]
        if area == focus:
            focus_series = s
    df = pd.DataFrame(rows, columns=["area", "period", "value"])
    own_world_rank = value_kind == "rank" and members is None
    if own_world_rank:
        sub = df[df["area"] == focus]
        editions = [(int(p), float(v)) for p, v in zip(sub["period"], sub["value"], strict=True) if pd.notna(v)]
        table: list[dict[str, Any]] = [{"period": p, "rank": v, "missing": []} for p, v in sorted(editions)]
    else:
        er = ranks_by_edition(df, focus, members, higher_is_better=higher)
        editions = [(e.period, float(e.rank)) for e in er if e.rank is not None]
        table = [
            {"period": e.period, "rank": e.rank, "value": e.value, "n_ranked": e.n_ranked, "missing": list(e.missing)}
            for e in er
        ]
    ids = focus_series.obs_ids if focus_series is not None else ()
    common: dict[str, Any] = dict(target_value=float(k), deadline=deadline, obs_ids=ids)
    if not editions:
        return insufficient(
            f"no edition ranks {focus}",
            Reason("no_edition_ranks", {"area": focus}),
            method=mname,
            method_version=mversion,
            extra={"editions": table},
            **common,
        )
    editions.sort()
    yrs = np.array([p for p, _ in editions], dtype=np.int64)
    rks = np.array([r for _, r in editions], dtype=float)
    latest = Point(str(yrs[-1]), float(rks[-1]))
    by = int(yrs[0]) if base_year is None else base_year
    cfg = opensdg.ProgressConfig(direction="negative", base_year=by, target_year=deadline, target=float(k))
    sp = opensdg.series_progress(yrs, rks, cfg)
    status = sp.status
    missing, why = None, None
    if status == opensdg.NOT_AVAILABLE:
        status, missing, why = INSUFFICIENT_DATA, sp.reason, sp.why
    if own_world_rank:
        prob = own_rank_probability(yrs, rks, k, deadline, model=model) if deadline > yrs[-1] else None
        proj_info: dict[str, Any] = {"assumptions": "projection of the focus's own world rank (log scale)"}
    else:
        rp = rank_probability(
            df,
            focus,
            k,
            deadline,
            members,
            higher_is_better=higher,
            bounds=bounds,
            n_sims=n_sims,
            seed=seed,
            model=model,
        )
        prob = rp.probability if deadline > yrs[-1] else None
        proj_info = {
            "assumptions": rp.assumptions,
            "median_rank": rp.median_rank,
            "rank80": rp.rank80,
            "projected": list(rp.projected),
            "held": list(rp.held),
            "left_out": list(rp.left_out),
            "missing": rp.missing,
        }
    lacking = sorted({m for row in table if int(row["period"]) >= by for m in row.get("missing", [])})
    detail = f"{status}: rank {latest.value:g} in {latest.period}, target ≤ {k} by {deadline}"
    if prob is not None:
        detail += f"; P(rank ≤ {k}) = {prob:.2f}"
    if lacking:
        detail += f"; peers lacking data in some edition since {by}: {', '.join(lacking)}"
    return TargetResult(
        status=status,
        detail=detail,
        method=mname,
        method_version=mversion,
        baseline=Point(str(sp.base_year), float(sp.base_value))
        if sp.base_year is not None and sp.base_value is not None
        else None,
        latest=latest,
        score=sp.score,
        progress_value=sp.progress_value,
        probability=prob,
        missing=missing,
        reason=why,
        extra={
            "editions": table,
            "projection": proj_info,
            **({"annualised": focus_series.folded()} if focus_series is not None and focus_series.folded() else {}),
        },
        **common,
    )


def assess_milestone(evidence: Sequence[Evidence | Mapping[str, Any]], *, deadline: int | None = None) -> TargetResult:
    """Milestone / qualitative target: the latest assessor's judgement (no evidence → insufficient)."""
    return judge_milestone(evidence, deadline=deadline)
