"""Normalisation, as COINr's ``Normalise()`` and its ``n_*`` functions (v1.1.14).

Every indicator is first multiplied by its direction (+1/-1), then normalised column-wise with
``na.rm = TRUE`` statistics:

* ``minmax``: ``(x - min) / (max - min) * (u - l) + l`` (default ``l, u = 0, 100``); a constant
  column gives NaN (COINr warns and returns NaN).
* ``zscore``: ``(x - mean) / sd * s + m`` with the sample sd (n - 1); default ``m, s = 0, 1``.
* ``rank``: ``rank(x, ties = "min")``; ``borda``: rank - 1; ``prank``: ``(rank - 1) / (n - 1)``
  with n the number of non-missing values.
* ``fracmax``: ``x / max``; ``dist2max``: ``1 - (max - x) / (max - min)``.
* ``dist2targ``: ``(x - min) / (targ - min)`` with ``targ = Target * Direction`` (COINr's
  ``f_n_para = "use_iMeta"``; the function's own ``direction`` stays 1), optionally capped at 1.
* ``dist2ref``: ``1 - (x_ref - x) / (x_ref - min)`` for a reference unit, optional cap.
* ``goalposts``: ``(x - L) / (U - L)`` truncated to [0, 1], times ``scale``; for Direction -1 the
  posts are ``(-U, -L)`` so the score is ``(U - x_raw) / (U - L)`` (COINr's iMeta rule).
* ``scaled``: ``(x - l) / (u - l) * 100``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dxtrack.errors import InputError
from dxtrack.index.stats import FloatArray, col_max, col_mean, col_min, col_sd, rank_min

METHODS = (
    "minmax",
    "zscore",
    "rank",
    "prank",
    "borda",
    "fracmax",
    "dist2max",
    "dist2targ",
    "dist2ref",
    "goalposts",
    "scaled",
    "none",
)


@dataclass(frozen=True)
class NormSpec:
    """Normalisation method and parameters, with optional per-indicator overrides."""

    method: str = "minmax"
    params: Mapping[str, Any] = field(default_factory=dict)
    overrides: Mapping[str, NormSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise InputError(f"normalise: unknown method '{self.method}' (one of {', '.join(METHODS)})")

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | str | None) -> NormSpec:
        """``"minmax"`` or ``{method: minmax, l: 0, u: 100, overrides: {code: {...}}}``."""
        if d is None:
            return cls()
        if isinstance(d, str):
            return cls(method=d)
        if not isinstance(d, Mapping):
            raise InputError(f"normalise: expected a method name or a mapping, got {d!r}")
        params = {k: v for k, v in d.items() if k not in ("method", "overrides")}
        ov = {str(k): cls.from_dict(v) for k, v in (d.get("overrides") or {}).items()}
        return cls(method=str(d.get("method", "minmax")), params=params, overrides=ov)

    def cache_key(self) -> tuple[Any, ...]:
        """Hashable identity of the parameters."""
        p = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in self.params.items()))
        ov = tuple(sorted((k, v.cache_key()) for k, v in self.overrides.items()))
        return (self.method, p, ov)


def _pair(
    params: Mapping[str, Any], names: tuple[str, str], alias: str, default: tuple[float, float]
) -> tuple[float, float]:
    if alias in params:
        v = params[alias]
        return float(v[0]), float(v[1])
    return float(params.get(names[0], default[0])), float(params.get(names[1], default[1]))


def _apply(
    x: FloatArray,
    spec: NormSpec,
    directions: FloatArray,
    targets: FloatArray,
    node_params: Sequence[Mapping[str, float]],
    ref_row: int | None,
) -> FloatArray:
    p = spec.params
    m = spec.method
    with np.errstate(invalid="ignore", divide="ignore"):
        if m == "none":
            return x
        if m in ("rank", "borda", "prank"):
            r = rank_min(x)
            if m == "rank":
                return r
            if m == "borda":
                return r - 1.0
            n = (~np.isnan(x)).sum(axis=0)
            return np.asarray((r - 1.0) / (n - 1.0))
        if m == "zscore":
            mean_, sd_ = _pair(p, ("m", "sd"), "m_sd", (0.0, 1.0))
            if not sd_ > 0:
                raise InputError("normalise zscore: target sd must be > 0")
            mu = col_mean(x)
            sd = col_sd(x)
            return np.asarray((x - mu) / sd * sd_ + mean_)
        if m == "fracmax":
            return np.asarray(x / col_max(x))
        if m == "scaled":
            lo, hi = _pair(p, ("l", "u"), "npara", (0.0, 100.0))
            return (x - lo) / (hi - lo) * 100.0
        mn = col_min(x)
        mx = col_max(x)
        if m == "minmax":
            lo, hi = _pair(p, ("l", "u"), "l_u", (0.0, 100.0))
            return np.asarray((x - mn) / (mx - mn) * (hi - lo) + lo)
        if m == "dist2max":
            return np.asarray(1.0 - (mx - x) / (mx - mn))
        cap = bool(p.get("cap_max", False))
        if m == "dist2targ":
            if "targ" in p:
                targ = np.broadcast_to(np.asarray(p["targ"], dtype=np.float64), mn.shape)
            else:
                targ = targets * directions
            if np.isnan(targ).any():
                raise InputError("normalise dist2targ: every indicator needs a Target (iMeta column 'Target')")
            y = (x - mn) / (targ - mn)
        elif m == "dist2ref":
            if ref_row is None:
                raise InputError("normalise dist2ref: give 'ref' (a unit code)")
            xr = x[ref_row, :]
            y = 1.0 - (xr - x) / (xr - mn)
        else:  # goalposts
            lo_ = np.array([q.get("goalpost_lower", np.nan) for q in node_params], dtype=np.float64)
            up_ = np.array([q.get("goalpost_upper", np.nan) for q in node_params], dtype=np.float64)
            sc_ = np.array([q.get("goalpost_scale", np.nan) for q in node_params], dtype=np.float64)
            if "gposts" in p:
                g = [float(v) for v in p["gposts"]]
                lo_, up_, sc_ = (
                    np.full(mn.shape, g[0]),
                    np.full(mn.shape, g[1]),
                    np.full(mn.shape, g[2] if len(g) > 2 else 1.0),
                )
                lo_, up_ = lo_ * directions, up_ * directions
                lo_, up_ = np.where(directions < 0, up_, lo_), np.where(directions < 0, lo_, up_)
            else:
                if np.isnan(lo_).any() or np.isnan(up_).any():
                    raise InputError("normalise goalposts: every indicator needs goalpost_lower and goalpost_upper")
                sc_ = np.where(np.isnan(sc_), 1.0, sc_)
                lo_, up_ = (np.where(directions < 0, -up_, lo_), np.where(directions < 0, -lo_, up_))
            y = (x - lo_) / (up_ - lo_)
            if bool(p.get("trunc2posts", True)):
                y = np.clip(y, 0.0, 1.0)
            return np.asarray(y * sc_)
        if cap:
            y = np.where(y > 1.0, 1.0, y)
        return np.asarray(y)


def normalise(
    x: FloatArray,
    spec: NormSpec,
    directions: FloatArray,
    *,
    codes: Sequence[str] = (),
    targets: FloatArray | None = None,
    node_params: Sequence[Mapping[str, float]] | None = None,
    unit_codes: Sequence[str] | None = None,
) -> FloatArray:
    """Normalise columns of ``x`` (units x indicators) after multiplying by ``directions``."""
    x = np.asarray(x, dtype=np.float64) * directions
    k = x.shape[1]
    targets = np.full(k, np.nan) if targets is None else targets
    node_params = node_params if node_params is not None else [{}] * k
    ref_row = None
    if "ref" in spec.params:
        ref = spec.params["ref"]
        if unit_codes is None or ref not in unit_codes:
            raise InputError(f"normalise dist2ref: reference unit '{ref}' not found")
        ref_row = list(unit_codes).index(ref)
    if not spec.overrides:
        return _apply(x, spec, directions, targets, node_params, ref_row)
    out = _apply(x, spec, directions, targets, node_params, ref_row)
    for code, sub in spec.overrides.items():
        if code not in codes:
            raise InputError(f"normalise: override for unknown indicator '{code}'")
        j = list(codes).index(code)
        sl = slice(j, j + 1)
        out[:, sl] = _apply(x[:, sl], sub, directions[sl], targets[sl], node_params[sl], ref_row)
    return out
