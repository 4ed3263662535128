"""Aggregation level by level, as COINr's ``Aggregate()`` and its ``a_*`` functions (v1.1.14).

For each aggregate, its children's values are combined row by row (unit by unit):

* ``amean``: ``sum(w x) / sum(w)`` over the non-missing children (weights re-scaled to sum to 1
  over what is available); NaN if all children are missing.
* ``gmean``: ``exp(sum(w log x) / sum(w))`` over non-missing children; any value <= 0 is an error
  (COINr stops the whole aggregation).
* ``hmean``: ``sum(w) / sum(w / x)`` over non-missing children; a zero is an error.
* ``genmean`` (``p``): ``(sum(w x^p) / sum(w))^(1/p)``; NaN if any child is missing (COINr does not
  drop NAs here).
* ``copeland``: outranking matrix ``e_jk = sum(w[x_j > x_k]) + sum(w[x_j == x_k]) / 2`` (weights
  scaled to sum to 1, comparisons with a missing value count for nothing) computed for ``j < k``
  with ``e_kj = 1 - e_jk``; entries > 0.5 -> 1, < 0.5 -> -1, = 0.5 (within 1e-12) -> 0, diagonal 0; the score is
  the row sum. Operates on the whole column block (COINr ``by_df = TRUE``).

``dat_thresh``: a unit whose share of non-missing children is below the threshold gets NaN
(not applied to Copeland, as in COINr).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dxtrack.errors import InputError
from dxtrack.index.spec import AggLevel, IndexSpec
from dxtrack.index.stats import FloatArray

AGG_METHODS = ("amean", "gmean", "hmean", "genmean", "copeland")
_TIE = 1e-12  # Copeland: outranking shares this close to 0.5 are ties (floating-point noise, not a win)


@dataclass(frozen=True)
class AggSpec:
    """Aggregation method per level (one name for all levels, or a list from level 2 upward)."""

    method: str | tuple[str, ...] = "amean"
    p: float | None = None
    dat_thresh: float | tuple[float | None, ...] | None = None
    weights: Mapping[str, float] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for m in (self.method,) if isinstance(self.method, str) else self.method:
            if m not in AGG_METHODS:
                raise InputError(f"aggregate: unknown method '{m}' (one of {', '.join(AGG_METHODS)})")

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | str | None) -> AggSpec:
        """``"amean"`` or ``{method: amean | [amean, gmean, ...], p: 2, dat_thresh: 0.5, weights: {..}}``."""
        if d is None:
            return cls()
        if isinstance(d, str):
            return cls(method=d)
        m = d.get("method", "amean")
        dt = d.get("dat_thresh")
        w = d.get("weights")
        return cls(
            method=m if isinstance(m, str) else tuple(m),
            p=None if d.get("p") is None else float(d["p"]),
            dat_thresh=dt if dt is None or isinstance(dt, int | float) else tuple(dt),
            weights=None if w is None else {str(k): float(v) for k, v in w.items()},
        )

    def method_at(self, i: int) -> str:
        """Method for the i-th aggregation step (0 = indicators -> level 2)."""
        return self.method if isinstance(self.method, str) else self.method[i]

    def thresh_at(self, i: int) -> float | None:
        """Data-availability threshold for the i-th aggregation step."""
        if self.dat_thresh is None or isinstance(self.dat_thresh, int | float):
            return self.dat_thresh
        return self.dat_thresh[i]


def _membership(lv: AggLevel, w: FloatArray) -> FloatArray:
    m = np.zeros((len(lv.children), len(lv.parents)))
    m[np.arange(len(lv.children)), lv.child_parent] = w
    return m


def _error_units(bad: np.ndarray, lv: AggLevel, units: Sequence[str]) -> str:
    rows, cols = np.nonzero(bad)
    parts = [f"{units[r] if r < len(units) else r}/{lv.children[c]}" for r, c in zip(rows[:5], cols[:5], strict=False)]
    return ", ".join(parts)


def copeland(x: FloatArray, w: FloatArray, block: int = 512) -> FloatArray:
    """Copeland scores of the rows of ``x`` (units x indicators), COINr ``a_copeland``."""
    n, _ = x.shape
    wl = (w / np.nansum(w)).astype(np.longdouble)
    upper = np.zeros((n, n), dtype=np.float64)
    for s in range(0, n, block):
        a = x[s : s + block, None, :]
        b = x[None, :, :]
        with np.errstate(invalid="ignore"):
            gt = (a > b).astype(np.longdouble)
            eq = (a == b).astype(np.longdouble)
        sgt = (gt @ wl).astype(np.float64)
        seq = (eq @ wl).astype(np.float64) / 2.0
        upper[s : s + block] = (sgt.astype(np.longdouble) + seq.astype(np.longdouble)).astype(np.float64)
    iu = np.triu(np.ones((n, n), dtype=bool), k=1)
    e = np.where(iu, upper, 0.0)
    e = e + np.where(iu.T, 1.0 - upper.T, 0.0)
    # a tie is a tie up to rounding: weights scaled by any factor give the same scores
    sgn: FloatArray = np.where(e > 0.5 + _TIE, 1.0, np.where(e < 0.5 - _TIE, -1.0, 0.0))
    np.fill_diagonal(sgn, 0.0)
    return np.asarray(sgn.sum(axis=1), dtype=np.float64)


def aggregate_level(
    x: FloatArray,
    lv: AggLevel,
    method: str = "amean",
    *,
    weights: FloatArray | None = None,
    p: float | None = None,
    dat_thresh: float | None = None,
    units: Sequence[str] = (),
    prep: dict[str, np.ndarray] | None = None,
) -> FloatArray:
    """Aggregate the children block ``x`` (units x children of ``lv``) into its parents.

    ``prep`` (any dict) caches weight-independent arrays derived from ``x`` between calls on the
    same ``x`` (used by the Monte Carlo runs, where only weights or the method change).
    """
    w = lv.weights if weights is None else weights
    prep = {} if prep is None else prep

    def get(name: str, make: Callable[[], np.ndarray]) -> np.ndarray:
        if name not in prep:
            prep[name] = make()
        return prep[name]

    ok = get("ok", lambda: ~np.isnan(x))
    okf = get("okf", lambda: ok.astype(np.float64))
    if method == "copeland":
        out = np.empty((x.shape[0], len(lv.parents)))
        for j in range(len(lv.parents)):
            cols = np.flatnonzero(lv.child_parent == j)
            out[:, j] = copeland(x[:, cols], w[cols])
        return out
    if len(lv.parents) > 1 and not np.isfinite(x[ok]).all():
        # infinities: a matrix product would turn inf * 0 into NaN for the other parents, so go
        # parent by parent (each then behaves like COINr's per-group sums)
        out = np.empty((x.shape[0], len(lv.parents)))
        for j in range(len(lv.parents)):
            cols = np.flatnonzero(lv.child_parent == j)
            sub = AggLevel(
                lv.level,
                (lv.parents[j],),
                tuple(lv.children[c] for c in cols),
                np.zeros(len(cols), dtype=np.intp),
                w[cols],
            )
            out[:, j] = aggregate_level(x[:, cols], sub, method, p=p, dat_thresh=dat_thresh, units=units)[:, 0]
        return out
    wm = _membership(lv, w)
    den = okf @ wm
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "amean":
            out = (get("x0", lambda: np.where(ok, x, 0.0)) @ wm) / den
        elif method == "gmean":
            if get("nonpos", lambda: np.asarray((ok & (x <= 0)).any())).item():
                bad = ok & (x <= 0)
                raise InputError(
                    "geometric mean needs positive values; zero or negative values at (unit/indicator) "
                    f"{_error_units(bad, lv, units)} - normalise to a positive range (e.g. minmax 1-100) first"
                )
            out = np.exp((get("log0", lambda: np.where(ok, np.log(np.where(ok, x, 1.0)), 0.0)) @ wm) / den)
        elif method == "hmean":
            bad = ok & (x == 0)
            if bad.any():
                raise InputError(
                    f"harmonic mean cannot use zero values; zeros at (unit/indicator) {_error_units(bad, lv, units)}"
                )
            out = den / (get("inv0", lambda: np.where(ok, 1.0 / np.where(ok, x, 1.0), 0.0)) @ wm)
        elif method == "genmean":
            if p is None or p == 0:
                raise InputError("generalised mean needs a non-zero exponent p (p = 0 is the geometric mean)")
            if p < 0 and (ok & (x <= 0)).any():
                raise InputError("generalised mean with negative p needs positive values")
            out = ((x**p) @ wm / (np.ones_like(x) @ wm)) ** (1.0 / p)
        else:
            raise InputError(f"aggregate: unknown method '{method}'")
        any_ok = (okf @ (wm != 0).astype(np.float64)) > 0 if method != "genmean" else np.ones_like(den, dtype=bool)
        out = np.where(any_ok | (method == "genmean"), out, np.nan)
        if dat_thresh is not None:
            member = np.zeros_like(wm)
            member[np.arange(len(lv.children)), lv.child_parent] = 1.0
            share = (okf @ member) / member.sum(axis=0)
            out = np.where(share < dat_thresh, np.nan, out)
    return np.asarray(out, dtype=np.float64)


def aggregate(
    x: FloatArray,
    spec: IndexSpec,
    agg: AggSpec | None = None,
    *,
    units: Sequence[str] = (),
    prep: dict[str, np.ndarray] | None = None,
) -> dict[int, FloatArray]:
    """Aggregate normalised indicators level by level; returns ``{level: units x codes}``.

    ``prep`` caches arrays derived from ``x`` (the indicator level) between calls on the same ``x``.
    """
    agg = agg or AggSpec()
    out: dict[int, FloatArray] = {1: np.asarray(x, dtype=np.float64)}
    wmap = agg.weights
    for i, lv in enumerate(spec.levels):
        w = None
        if wmap is not None:
            w = np.array([wmap.get(c, spec.by_code[c].weight) for c in lv.children], dtype=np.float64)
        out[lv.level] = aggregate_level(
            out[lv.level - 1],
            lv,
            agg.method_at(i),
            weights=w,
            p=agg.p,
            dat_thresh=agg.thresh_at(i),
            units=units,
            prep=prep if i == 0 else None,
        )
    return out
