"""Rank targets: the focus country's rank within a peer group per edition, from the peers' own data,
and the probability of a rank ≤ k at the deadline from projecting all peers jointly.

Ranking: among the members with a value in that edition, rank = 1 + the number of members strictly
better (ties share the best rank, "1-2-2-4"). Values are scores (higher is better) or world ranks
(lower is better). Members without a value are listed for every edition.

Projection (assumptions, stated in every result): each member's value at the deadline is drawn
from its own forecast's predictive distribution (:mod:`dxtrack.analysis.forecast`); members'
forecast errors are independent; a member with a single observation is held at that value; a
member with none is left out. The focus country's rank is counted in every draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.analysis.forecast import ModelChoice, forecast
from dxtrack.domain.period import year_for

ASSUMPTIONS = (
    "each member's value at the deadline is drawn from its own forecast (independent errors); "
    "members with one observation are held at it; members without data are left out"
)


@dataclass(frozen=True)
class EditionRank:
    """Focus rank in one edition (None if the focus has no value then)."""

    period: int
    rank: int | None
    value: float | None
    n_ranked: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class RankProjection:
    """P(rank ≤ k) at the deadline and the simulated rank distribution."""

    deadline: int
    k: int
    probability: float | None
    median_rank: float | None
    rank80: tuple[float, float] | None
    projected: tuple[str, ...]
    held: tuple[str, ...]
    left_out: tuple[str, ...]
    n_sims: int
    assumptions: str = ASSUMPTIONS
    missing: str | None = None


def _by_year(df: pd.DataFrame, period_col: str) -> pd.DataFrame:
    """Rows whose period counts for one year, with the period replaced by that year (an int)."""
    years = [year_for(p) for p in df[period_col]]
    keep = [y is not None for y in years]
    out = df.loc[keep].copy()
    out[period_col] = np.asarray([y for y in years if y is not None], dtype=np.int64)
    return out


def _better(a: Any, b: Any, higher_is_better: bool) -> Any:
    return a > b if higher_is_better else a < b


def ranks_by_edition(
    data: pd.DataFrame,
    focus: str,
    members: Sequence[str] | None = None,
    *,
    higher_is_better: bool = True,
    area_col: str = "area",
    period_col: str = "period",
    value_col: str = "value",
) -> list[EditionRank]:
    """Rank of ``focus`` among the members present in every edition (sorted by period)."""
    df = data[[area_col, period_col, value_col]].copy()
    df = _by_year(df, period_col)
    df = df[pd.to_numeric(df[value_col], errors="coerce").notna()]
    df[value_col] = pd.to_numeric(df[value_col])
    out: list[EditionRank] = []
    for period_key, g in df.groupby(period_col, sort=True):
        period = int(str(period_key))
        vals = {str(a): float(x) for a, x in zip(g[area_col], g[value_col], strict=True)}
        group = list(vals) if members is None else [m for m in members if m in vals]
        missing = () if members is None else tuple(m for m in members if m not in vals)
        if focus not in vals:
            out.append(EditionRank(period, None, None, len(group), missing))
            continue
        fv = vals[focus]
        rank = 1 + sum(1 for m in group if m != focus and _better(vals[m], fv, higher_is_better))
        out.append(EditionRank(period, rank, fv, len(group), missing))
    return out


def rank_probability(
    data: pd.DataFrame,
    focus: str,
    k: int,
    deadline: int,
    members: Sequence[str] | None = None,
    *,
    higher_is_better: bool = True,
    bounds: tuple[float, float] | None = None,
    model: ModelChoice = "auto",
    n_sims: int = 20_000,
    seed: int = 0,
    area_col: str = "area",
    period_col: str = "period",
    value_col: str = "value",
) -> RankProjection:
    """Monte Carlo P(focus rank ≤ k at ``deadline``) projecting every member's value jointly."""
    df = data[[area_col, period_col, value_col]].copy()
    df = _by_year(df, period_col)
    df[value_col] = pd.to_numeric(df[value_col], errors="coerce")
    df = df[df[value_col].notna()]
    areas = sorted(df[area_col].astype(str).unique()) if members is None else list(members)
    if focus not in areas:
        areas.append(focus)
    rng = np.random.default_rng(seed)
    draws: dict[str, np.ndarray[Any, Any]] = {}
    projected: list[str] = []
    held: list[str] = []
    left_out: list[str] = []
    for a in areas:
        g = df[(df[area_col].astype(str) == a) & (df[period_col] <= deadline)].sort_values(period_col)
        if g.empty:
            left_out.append(a)
            continue
        yrs = g[period_col].to_numpy(dtype=np.int64)
        vals = g[value_col].to_numpy(dtype=float)
        if yrs[-1] >= deadline:
            draws[a] = np.full(n_sims, float(vals[-1]))
            held.append(a)
            continue
        fc = forecast(yrs, vals, deadline, bounds=bounds, model=model) if yrs.size >= 2 else None
        if fc is None or fc.spread is None:
            draws[a] = np.full(n_sims, float(vals[-1]) if fc is None else fc.mean)
            held.append(a)
        else:
            draws[a] = fc.sample(rng, n_sims)
            projected.append(a)
    base: dict[str, Any] = dict(
        deadline=deadline, k=k, projected=tuple(projected), held=tuple(held), left_out=tuple(left_out), n_sims=n_sims
    )
    if focus not in draws:
        return RankProjection(probability=None, median_rank=None, rank80=None, missing=f"no data for {focus}", **base)
    if focus not in projected:
        return RankProjection(
            probability=None,
            median_rank=None,
            rank80=None,
            missing=f"{focus} needs at least three editions to project",
            **base,
        )
    f = draws[focus]
    others = [draws[a] for a in draws if a != focus]
    better = np.zeros(n_sims, dtype=np.int64)
    for o in others:
        better += _better(o, f, higher_is_better)
    rank = 1 + better
    return RankProjection(
        probability=float((rank <= k).mean()),
        median_rank=float(np.median(rank)),
        rank80=(float(np.quantile(rank, 0.1)), float(np.quantile(rank, 0.9))),
        **base,
    )


def own_rank_probability(
    years: Sequence[int] | np.ndarray[Any, Any],
    ranks: Sequence[float] | np.ndarray[Any, Any],
    k: int,
    deadline: int,
    *,
    model: ModelChoice = "auto",
) -> float | None:
    """P(rank ≤ k) from the focus country's own rank series (log scale), when peers' data are lacking."""
    fc = forecast(years, ranks, deadline, model=model)
    if fc is None:
        return None
    return fc.prob("<=", k + 0.5)
