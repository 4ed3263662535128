"""Outlier treatment, reproducing COINr's default ``Treat()`` (v1.1.14) column by column.

Per indicator (column), with ``na.rm = TRUE`` everywhere:

1. ``check_SkewKurt``: pass if ``|skew| < skew_thresh`` OR ``kurt < kurt_thresh`` (type-2
   estimators, see :mod:`dxtrack.index.stats`; skewness needs 3 values, kurtosis 4). R's
   three-valued logic is kept: if neither test is TRUE and one is NA (fewer than 3 values, a
   constant column, or 3 values whose skewness fails) the check is NA and the column is returned
   untreated with a warning. Three values with the default thresholds always pass (their
   skewness is at most sqrt(3) < 2), so they are returned as they are, without a warning.
2. If it fails, ``winsorise``: while failing and ``nwin < winmax``: if ``skew >= 0`` every point
   equal to the maximum is set to the largest value among the other points (else the same at the
   minimum); ``nwin = length(imax) + length(imin)`` where ``imax``/``imin`` are the positions
   changed in the *latest* high/low step (previously winsorised points are tied with the new
   extreme, so this counts them again: the count is cumulative on each side, and tied points count
   individually).
3. If still failing, ``f2`` (default ``log_CT``: ``log(x - min + 0.01 (max - min))``) is applied to
   the **original** column (``combine_treat = FALSE``), not to the winsorised one.

Treated-point labels follow COINr's ``Treated_Points`` strings exactly: ``"winhi"``/``"winlo"``
from the winsorisation; when ``f2`` ran, ``"<f1 label>+<f2>"`` (so ``"+log_CT"`` for points the
winsorisation did not touch and ``"winhi+log_CT"`` for those it did, although the log was taken
of the original values). ``boxcox`` returns a bare vector in COINr, which labels nothing, so its
points keep the winsorisation labels alone.

A column that cannot be treated is returned untreated with a warning (in
:attr:`TreatResult.warnings`) and the other columns carry on, as COINr's ``Treat()`` does: when
the check is NA at the start, after winsorisation or after ``f2`` (COINr warns "f_pass has
returned NA. Returning untreated vector.") and when winsorisation makes a column constant before
``winmax`` is reached (COINr's loop then meets ``while (NA)``, an error that ``Treat()`` catches:
"Indicator could not be treated at column ... returning untreated indicator").

All columns are processed together: each winsorisation round is one set of array operations over
the columns still failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from dxtrack.errors import InputError
from dxtrack.index.stats import FloatArray, col_max, col_min, skew_kurt

F2Name = Literal["log_CT", "log_CT_orig", "boxcox", "none"]


@dataclass(frozen=True)
class TreatSpec:
    """Parameters of the two-stage treatment (COINr ``global_specs`` defaults)."""

    winmax: int | None = 5
    skew_thresh: float = 2.0
    kurt_thresh: float = 3.5
    force_win: bool = False
    f2: F2Name = "log_CT"
    boxcox_lambda: float = 1.0
    combine_treat: bool = False
    enabled: bool = True
    overrides: Mapping[str, TreatSpec | None] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | str | None) -> TreatSpec:
        """``"none"``/``None`` disables; ``"default"`` or a mapping of the fields above."""
        if d is None or d == "none":
            return cls(enabled=False)
        if d == "default":
            return cls()
        if not isinstance(d, Mapping):
            raise InputError(f"treat: expected 'none', 'default' or a mapping, got {d!r}")
        known = {"winmax", "skew_thresh", "kurt_thresh", "force_win", "f2", "boxcox_lambda", "combine_treat"}
        extra = set(d) - known - {"method", "overrides"}
        if extra:
            raise InputError(f"treat: unknown option(s) {sorted(extra)}")
        method = d.get("method", "default")
        if method == "none":
            return cls(enabled=False)
        kw = {k: d[k] for k in known if k in d}
        if method == "winsorise":
            kw.setdefault("f2", "none")
        ov: dict[str, TreatSpec | None] = {}
        for code, o in (d.get("overrides") or {}).items():
            ov[str(code)] = None if o == "none" else TreatSpec.from_dict(o)
        return cls(**kw, overrides=ov)

    def cache_key(self) -> tuple[Any, ...]:
        """Hashable identity of the parameters (used to cache treated data between runs)."""
        ov = tuple(sorted((k, None if v is None else v.cache_key()) for k, v in self.overrides.items()))
        return (
            self.winmax,
            self.skew_thresh,
            self.kurt_thresh,
            self.force_win,
            self.f2,
            self.boxcox_lambda,
            self.combine_treat,
            self.enabled,
            ov,
        )


@dataclass
class TreatResult:
    """Treated data plus COINr-style details (labels and the details table are built on demand)."""

    data: FloatArray
    codes: Sequence[str]
    _labels: dict[int, tuple[np.ndarray, np.ndarray, str | None]] = field(default_factory=dict)
    _details: list[dict[str, Any]] = field(default_factory=list)
    #: indicator code -> why it was returned untreated (COINr warns and carries on)
    untreated: dict[str, str] = field(default_factory=dict)
    _rows: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)

    @property
    def points(self) -> list[list[str]]:
        """COINr ``Treated_Points`` labels, ``[column][row]``."""
        n = self.data.shape[0]
        out: list[list[str]] = []
        for j in range(len(self.codes)):
            if j not in self._labels:
                out.append([""] * n)
                continue
            hi, lo, f2 = self._labels[j]
            lab = np.where(lo, "winlo", np.where(hi, "winhi", ""))  # imin is written last in COINr
            out.append((np.char.add(lab, "+" + f2) if f2 else lab).tolist())
        return out

    @property
    def warnings(self) -> list[str]:
        """One line per indicator returned untreated, in column order."""
        why = self.untreated
        return [f"treatment: indicator '{c}' returned untreated: {why[c]}" for c in self.codes if c in why]

    @property
    def details(self) -> list[dict[str, Any]]:
        """One row per indicator, like COINr's ``Dets_Table``."""
        return self._details


def _check(x: FloatArray, skew_t: float, kurt_t: float) -> tuple[np.ndarray, np.ndarray, FloatArray, FloatArray]:
    """Vectorised ``check_SkewKurt``: (pass value, pass is NA, skew, kurt) per column."""
    sk, kt = skew_kurt(x)
    with np.errstate(invalid="ignore"):
        a = np.abs(sk) < skew_t
        b = kt < kurt_t
    na = ~(a | b) & (np.isnan(sk) | np.isnan(kt))
    return a | b, na, sk, kt


def _f2(x: FloatArray, name: F2Name, lam: float) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        mn = col_min(x)
        mx = col_max(x)
        if name == "log_CT":
            return np.asarray(np.log(x - mn + 0.01 * (mx - mn)))
        if name == "log_CT_orig":
            return np.asarray(np.log(x - mn + 1.0))
        if name == "boxcox":
            y = x - mn + 1.0
            return np.asarray(np.log(y) if lam == 0 else (y**lam - 1.0) / lam)
    return x.copy()


def _moments_check(
    x: FloatArray, ok: np.ndarray, n: FloatArray, skew_t: float, kurt_t: float
) -> tuple[np.ndarray, np.ndarray, FloatArray]:
    """``check_SkewKurt`` with the non-missing mask and counts given (same formulas as ``skew_kurt``)."""
    mean = np.where(ok, x, 0.0).sum(axis=0) / n
    d = np.where(ok, x - mean, 0.0)
    d2 = d * d
    s2 = d2.sum(axis=0)
    sk = np.sqrt(n) * (d2 * d).sum(axis=0) / s2**1.5 * np.sqrt(n * (n - 1.0)) / (n - 2.0)
    kt = ((n + 1.0) * (n * (d2 * d2).sum(axis=0) / (s2 * s2) - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
    a = np.abs(sk) < skew_t
    b = kt < kurt_t
    p = a | b
    return p, ~p & (np.isnan(sk) | np.isnan(kt)), sk


def _winsorise(
    x: FloatArray, spec: TreatSpec, codes: Sequence[str]
) -> tuple[FloatArray, np.ndarray, np.ndarray, np.ndarray]:
    """COINr ``winsorise`` on every column of ``x`` at once (all columns start failing).

    A column whose check becomes NA (winsorised to a constant) stops there; the caller returns it
    untreated. Returns the winsorised data, the last ``imax`` and ``imin`` masks and ``nwin`` per column.
    Each round works on the columns still failing; the low side is handled as the high side of
    the negated column (negation is exact), so one max-reduction serves both sides.
    """
    xw = x.copy()
    n, k = xw.shape
    imax = np.zeros((n, k), dtype=bool)
    imin = np.zeros((n, k), dtype=bool)
    nwin = np.zeros(k, dtype=np.int64)
    passing = np.zeros(k, dtype=bool)
    pass_na = np.zeros(k, dtype=bool)
    okall = ~np.isnan(xw)
    cnt = okall.sum(axis=0).astype(np.float64)
    limit = np.inf if spec.winmax is None else spec.winmax
    with np.errstate(invalid="ignore", divide="ignore"):
        _, _, cur_skew = _moments_check(xw, okall, cnt, spec.skew_thresh, spec.kurt_thresh)
        while True:
            below = nwin < limit
            go = (~passing | spec.force_win) & below
            go &= ~pass_na
            if not go.any():
                break
            allc = bool(go.all())
            cols = np.flatnonzero(go)
            sub = xw if allc else xw[:, cols]
            hi = cur_skew[cols] >= 0
            sgn = np.where(hi, 1.0, -1.0)
            y = sub * sgn
            at = y == np.fmax.reduce(y, axis=0)  # NaN compares unequal
            fill = np.fmax.reduce(np.where(at, -np.inf, y), axis=0)
            sub = np.where(at, fill, y) * sgn
            if allc:
                xw = sub
            else:
                xw[:, cols] = sub
            hic = cols[hi]
            loc = cols[~hi]
            imax[:, hic] = at[:, hi]
            imin[:, loc] = at[:, ~hi]
            nwin[cols] = imax[:, cols].sum(axis=0) + imin[:, cols].sum(axis=0)
            okc = okall if allc else okall[:, cols]
            p, pna, sk_new = _moments_check(sub, okc, cnt[cols], spec.skew_thresh, spec.kurt_thresh)
            cur_skew[cols] = sk_new
            passing[cols] = p
            pass_na[cols] = pna
    return xw, imax, imin, nwin


def _why_undefined(n: int, constant: bool) -> str:
    if n < 3:
        return f"only {n} non-missing value(s), skewness and kurtosis are undefined"
    if constant:
        return "all values are equal, skewness and kurtosis are undefined"
    return "3 values: kurtosis is undefined and the skewness test fails"


def _treat_group(x: FloatArray, spec: TreatSpec, codes: Sequence[str]) -> TreatResult:
    counts = (~np.isnan(x)).sum(axis=0)
    out = x.copy()
    res = TreatResult(out, codes)
    p0, na0, sk0, kt0 = _check(x, spec.skew_thresh, spec.kurt_thresh)
    details = [
        {"iCode": c, "Pass0": None if na else bool(p), "Skew0": float(a), "Kurt0": float(b)}
        for c, p, na, a, b in zip(codes, p0.tolist(), na0.tolist(), sk0.tolist(), kt0.tolist(), strict=True)
    ]
    res._details = details
    if na0.any():
        const = col_min(x) == col_max(x)
        for j in np.flatnonzero(na0).tolist():
            res.untreated[codes[j]] = _why_undefined(int(counts[j]), bool(const[j]))
    fail = np.flatnonzero(~p0 & ~na0)
    if fail.size == 0:
        return res
    xf = x[:, fail]
    fcodes = [codes[int(j)] for j in fail]
    xw, imax, imin, nwin = _winsorise(xf, spec, fcodes)
    p1, na1, sk1, kt1 = _check(xw, spec.skew_thresh, spec.kurt_thresh)
    need2 = ~p1 & ~na1 & (spec.f2 != "none")
    x2 = np.empty_like(xw)
    if need2.any():
        base = xw if spec.combine_treat else xf
        x2[:, need2] = _f2(base[:, need2], spec.f2, spec.boxcox_lambda)
        p2, na2, sk2, kt2 = _check(x2[:, need2], spec.skew_thresh, spec.kurt_thresh)
    idx2 = {int(c): i for i, c in enumerate(np.flatnonzero(need2))}
    for i, j in enumerate(fail.tolist()):
        d = details[j]
        d.update(
            {
                "nwin": int(nwin[i]),
                "Pass1": None if na1[i] else bool(p1[i]),
                "Skew1": float(sk1[i]),
                "Kurt1": float(kt1[i]),
            }
        )
        if na1[i]:
            res.untreated[codes[j]] = "winsorisation left all values equal (check undefined)"
            continue
        if i in idx2:
            m = idx2[i]
            d.update(
                {
                    "f2": spec.f2,
                    "Pass2": None if na2[m] else bool(p2[m]),
                    "Skew2": float(sk2[m]),
                    "Kurt2": float(kt2[m]),
                }
            )
            if na2[m]:
                res.untreated[codes[j]] = f"the check after {spec.f2} is undefined"
                continue
            out[:, j] = x2[:, i]
            # COINr's boxcox returns a bare vector, so it adds no label of its own
            res._labels[j] = (imax[:, i], imin[:, i], None if spec.f2 == "boxcox" else spec.f2)
        else:
            out[:, j] = xw[:, i]
            res._labels[j] = (imax[:, i], imin[:, i], None)
    return res


def treat(x: FloatArray, codes: Sequence[str], spec: TreatSpec | None = None) -> TreatResult:
    """Treat every column of ``x`` (units x indicators) as COINr's ``Treat()`` does."""
    spec = spec or TreatSpec()
    x = np.asarray(x, dtype=np.float64)
    if not spec.enabled:
        return TreatResult(x.copy(), codes)
    if not spec.overrides:
        return _treat_group(x, spec, codes)
    groups: dict[tuple[Any, ...], tuple[TreatSpec, list[int]]] = {}
    for j, c in enumerate(codes):
        s = spec.overrides.get(c, spec) if c in spec.overrides else spec
        if s is None or not s.enabled:
            continue
        s = replace(s, overrides={})
        groups.setdefault(s.cache_key(), (s, []))[1].append(j)
    res = TreatResult(x.copy(), codes)
    for s, cols in groups.values():
        r = _treat_group(x[:, cols], s, [codes[j] for j in cols])
        res.data[:, cols] = r.data
        for i, j in enumerate(cols):
            if i in r._labels:
                res._labels[j] = r._labels[i]
        res._details.extend(r.details)
        res.untreated.update(r.untreated)
    order = {c: i for i, c in enumerate(codes)}
    res._details.sort(key=lambda d: order[d["iCode"]])
    return res
