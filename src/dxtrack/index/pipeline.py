"""A replayable pipeline: denominate -> impute -> screen -> treat -> normalise -> aggregate.

:class:`PipelineConfig` holds every step's options and round-trips through plain dicts (YAML), so
a result can be rebuilt exactly (as COINr's ``Regen``). :func:`run` applies it to
:class:`IndexData`; intermediate data sets are kept in :class:`IndexResult`. An optional cache dict
reuses the output of unchanged leading steps between runs (used by the Monte Carlo engine).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.errors import InputError
from dxtrack.index.aggregate import AggSpec, aggregate
from dxtrack.index.denominate import denominate
from dxtrack.index.impute import IMPUTE_METHODS, impute
from dxtrack.index.normalise import NormSpec, normalise
from dxtrack.index.screen import ScreenResult, screen
from dxtrack.index.spec import IndexSpec
from dxtrack.index.stats import FloatArray, rank_min
from dxtrack.index.treat import TreatResult, TreatSpec, treat


@dataclass
class IndexData:
    """Indicator values for a set of units (rows) plus unit metadata (groups, denominators)."""

    units: list[str]
    codes: list[str]
    values: FloatArray
    unit_meta: Mapping[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.values = np.asarray(self.values, dtype=np.float64)
        if self.values.shape != (len(self.units), len(self.codes)):
            raise InputError(
                f"data has shape {self.values.shape}, expected {len(self.units)} units x {len(self.codes)} indicators"
            )
        if len(set(self.units)) != len(self.units):
            dup = sorted({u for u in self.units if self.units.count(u) > 1})
            raise InputError(f"duplicate unit codes: {', '.join(dup[:5])}")

    def for_spec(self, spec: IndexSpec) -> FloatArray:
        """Columns in the spec's indicator order."""
        pos = {c: j for j, c in enumerate(self.codes)}
        missing = [c for c in spec.indicators if c not in pos]
        if missing:
            raise InputError(f"indicators of the spec missing from the data: {', '.join(missing[:10])}")
        if list(spec.indicators) == self.codes:
            return self.values
        return self.values[:, [pos[c] for c in spec.indicators]]


@dataclass(frozen=True)
class PipelineConfig:
    """Options of every step (defaults = COINr's ASEM defaults without denomination/imputation)."""

    denominate: bool = False
    impute: str = "none"
    impute_group: str | None = None
    screen: str = "none"
    screen_dat_thresh: float | None = None
    screen_nonzero_thresh: float | None = None
    screen_force: Mapping[str, bool] = field(default_factory=dict)
    treat: TreatSpec = field(default_factory=TreatSpec)
    normalise: NormSpec = field(default_factory=NormSpec)
    aggregate: AggSpec = field(default_factory=AggSpec)
    exclude: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> PipelineConfig:
        """Build from a mapping such as a spec file's ``pipeline:`` section."""
        d = dict(d or {})
        known = {"denominate", "impute", "screen", "treat", "normalise", "aggregate", "exclude"}
        extra = set(d) - known
        if extra:
            raise InputError(f"pipeline: unknown step(s) {sorted(extra)} (known: {sorted(known)})")
        imp = d.get("impute", "none")
        imp_method, imp_group = (imp, None) if isinstance(imp, str) else (imp.get("method", "mean"), imp.get("group"))
        if imp_method not in IMPUTE_METHODS:
            raise InputError(f"pipeline impute: unknown method '{imp_method}'")
        scr = d.get("screen", "none")
        scr_d: dict[str, Any] = {"rule": scr} if isinstance(scr, str) else dict(scr)
        return cls(
            denominate=bool(d.get("denominate", False)),
            impute=str(imp_method),
            impute_group=imp_group,
            screen=str(scr_d.get("rule", "byNA")),
            screen_dat_thresh=scr_d.get("dat_thresh"),
            screen_nonzero_thresh=scr_d.get("nonzero_thresh"),
            screen_force={str(k): bool(v) for k, v in (scr_d.get("force") or {}).items()},
            treat=TreatSpec.from_dict(d.get("treat", "default")),
            normalise=NormSpec.from_dict(d.get("normalise")),
            aggregate=AggSpec.from_dict(d.get("aggregate")),
            exclude=tuple(d.get("exclude") or ()),
        )

    def with_(self, **changes: Any) -> PipelineConfig:
        """A copy with some fields replaced."""
        return replace(self, **changes)


@dataclass
class IndexResult:
    """Everything a run produced; arrays are units x codes."""

    spec: IndexSpec
    config: PipelineConfig
    units: list[str]
    datasets: dict[str, FloatArray]
    levels: dict[int, FloatArray]
    treated: TreatResult | None = None
    screened: ScreenResult | None = None

    def scores(self) -> pd.DataFrame:
        """Scores of every aggregate (columns) for every unit (rows)."""
        cols = {c: self.levels[lv.level][:, i] for lv in self.spec.levels for i, c in enumerate(lv.parents)}
        return pd.DataFrame(cols, index=pd.Index(self.units, name="uCode"))

    def ranks(self) -> pd.DataFrame:
        """Ranks (1 = best, ties share the lowest rank, NaN kept) of every aggregate."""
        s = self.scores()
        return pd.DataFrame(rank_min(s.to_numpy(), descending=True), index=s.index, columns=s.columns)

    def dataset(self, name: str) -> pd.DataFrame:
        """An indicator-level data set ('raw', 'treated', 'normalised', ...) as a DataFrame."""
        return pd.DataFrame(
            self.datasets[name], index=pd.Index(self.units, name="uCode"), columns=list(self.spec.indicators)
        )

    @property
    def warnings(self) -> list[str]:
        """Steps that could not be applied and were skipped (e.g. an indicator left untreated)."""
        return self.treated.warnings if self.treated is not None else []

    def top(self) -> FloatArray:
        """Scores of the (first) top-level aggregate."""
        return self.levels[self.spec.max_level][:, 0]


def run(
    data: IndexData,
    spec: IndexSpec,
    config: PipelineConfig | None = None,
    *,
    cache: dict[tuple[Any, ...], Any] | None = None,
) -> IndexResult:
    """Run the pipeline on ``data``; ``cache`` (any dict) reuses unchanged leading steps."""
    cfg = config or PipelineConfig()
    if cfg.exclude:
        spec = spec.without(cfg.exclude)
    codes = list(spec.indicators)
    units = list(data.units)
    key: tuple[Any, ...] = (
        tuple(codes),
        cfg.denominate,
        cfg.impute,
        cfg.impute_group,
        cfg.screen,
        cfg.screen_dat_thresh,
        cfg.screen_nonzero_thresh,
        tuple(sorted(cfg.screen_force.items())),
    )
    datasets: dict[str, FloatArray] = {}
    hit = cache.get(key) if cache is not None else None
    if hit is None:
        x = data.for_spec(spec)
        datasets["raw"] = x
        if cfg.denominate:
            by: dict[str, str] = {}
            for c in codes:
                dn = spec.by_code[c].denominator
                if dn:
                    by[c] = dn
            dens: dict[str, FloatArray] = {}
            for name in set(by.values()):
                if name not in data.unit_meta:
                    raise InputError(f"denominate: unit column '{name}' not found in the data")
                dens[name] = np.asarray(data.unit_meta[name], dtype=np.float64)
            x = denominate(x, codes, by, dens)
            datasets["denominated"] = x
        if cfg.impute != "none":
            groups = None
            if cfg.impute_group is not None:
                if cfg.impute_group not in data.unit_meta:
                    raise InputError(f"impute: group column '{cfg.impute_group}' not found in the data")
                groups = data.unit_meta[cfg.impute_group]
            x = impute(x, cfg.impute, groups)
            datasets["imputed"] = x
        scr = None
        if cfg.screen != "none":
            scr = screen(x, units, cfg.screen, cfg.screen_dat_thresh, cfg.screen_nonzero_thresh, cfg.screen_force)
            x = x[scr.keep]
            units = [u for u, k in zip(units, scr.keep, strict=True) if k]
            datasets = {k: v[scr.keep] for k, v in datasets.items()}
            datasets["screened"] = x
        hit = (x, units, datasets, scr)
        if cache is not None:
            cache[key] = hit
    x, units, datasets, scr = hit
    datasets = dict(datasets)
    tkey = (*key, "treat", cfg.treat.cache_key())
    tr = cache.get(tkey) if cache is not None else None
    if tr is None:
        tr = treat(x, codes, cfg.treat)
        if cache is not None:
            cache[tkey] = tr
    datasets["treated"] = tr.data
    nkey = (*tkey, "norm", cfg.normalise.cache_key())
    hitn = cache.get(nkey) if cache is not None else None
    prep: dict[str, np.ndarray] | None = None
    if hitn is not None:
        xn, prep = hitn
    else:
        xn = normalise(
            tr.data,
            cfg.normalise,
            spec.directions,
            codes=codes,
            targets=spec.targets,
            node_params=[spec.by_code[c].params for c in codes],
            unit_codes=units,
        )
        if cache is not None:
            prep = {}
            cache[nkey] = (xn, prep)
    datasets["normalised"] = xn
    levels = aggregate(xn, spec, cfg.aggregate, units=units, prep=prep)
    return IndexResult(
        spec=spec,
        config=cfg,
        units=units,
        datasets=datasets,
        levels=levels,
        treated=tr if cfg.treat.enabled else None,
        screened=scr,
    )


def _rows_as_objects(x: FloatArray, *, as_int: bool = False) -> list[list[Any]]:
    """Rows of a matrix as Python lists, NaN -> None (whole-matrix conversions, no per-cell Python)."""
    nan = np.isnan(x)
    if not nan.any():
        return list((x.astype(np.int64) if as_int else x).tolist())
    o = (np.where(nan, 0, x).astype(np.int64) if as_int else x).astype(object)
    o[nan] = None
    return list(o.tolist())


def results_json(res: IndexResult, *, details: bool = False) -> dict[str, Any]:
    """``{"units": [{"uCode", "scores": {...}, "ranks": {...}}, ...]}`` (NaN -> null), units sorted by uCode.

    ``"warnings"`` (only when there are any) lists what the run skipped, e.g. untreated indicators.

    Infinities (possible with ``fracmax``) stay floats (JSON ``Infinity``).
    """
    aggs = [c for lv in res.spec.levels for c in lv.parents]
    allscores = np.concatenate([res.levels[lv.level] for lv in res.spec.levels], axis=1)
    units = res.units
    order = sorted(range(len(units)), key=units.__getitem__)
    ident = order == list(range(len(order)))
    sel = allscores if ident else allscores[order]
    scores = _rows_as_objects(sel)
    ranks = _rows_as_objects(rank_min(sel, descending=True), as_int=True)
    out_units: list[dict[str, Any]] = [
        {"uCode": units[i], "scores": dict(zip(aggs, s, strict=True)), "ranks": dict(zip(aggs, r, strict=True))}
        for i, s, r in zip(order, scores, ranks, strict=True)
    ]
    doc: dict[str, Any] = {"units": out_units}
    if res.warnings:
        doc["warnings"] = res.warnings
    if not details:
        return doc
    inds = list(res.spec.indicators)
    tr = res.datasets["treated"] if ident else res.datasets["treated"][order]
    nm = res.datasets["normalised"] if ident else res.datasets["normalised"][order]
    points = res.treated.points if res.treated is not None else []
    for k, (u, t, n) in enumerate(zip(out_units, _rows_as_objects(tr), _rows_as_objects(nm), strict=True)):
        u["treated"] = dict(zip(inds, t, strict=True))
        u["normalised"] = dict(zip(inds, n, strict=True))
        if res.treated is not None:
            i = order[k]
            u["treated_points"] = {c: points[j][i] for j, c in enumerate(inds) if points[j][i]}
    if res.treated is not None:
        doc["treatment"] = [
            {k: (None if isinstance(v, float) and v != v else v) for k, v in d.items()} for d in res.treated.details
        ]
    return doc


def data_from_frame(
    df: pd.DataFrame, spec: IndexSpec, *, unit_col: str = "uCode", source: str | None = None
) -> IndexData:
    """Unit-by-indicator table -> :class:`IndexData` (other non-indicator columns become unit metadata)."""
    if unit_col not in df.columns:
        raise InputError(f"missing the unit column '{unit_col}'", file=source, column=unit_col)
    codes = list(spec.indicators)
    missing = [c for c in codes if c not in df.columns]
    if missing:
        raise InputError(f"indicator column(s) not found: {', '.join(missing[:10])}", file=source)
    arr = df.to_numpy(dtype=object)
    pos = {str(c): j for j, c in enumerate(df.columns)}
    try:
        vals = arr[:, [pos[c] for c in codes]].astype(np.float64)
    except (TypeError, ValueError):
        vals = np.empty((len(df), len(codes)))
        for j, c in enumerate(codes):
            col = pd.to_numeric(df[c], errors="coerce")
            bad = col.isna() & df[c].notna()
            if bad.any():
                r = int(np.flatnonzero(bad.to_numpy())[0])
                raise InputError(f"not a number: {df[c].iloc[r]!r}", file=source, row=r + 2, column=c) from None
            vals[:, j] = col.to_numpy(dtype=np.float64, na_value=np.nan)
    meta = {c: arr[:, j].tolist() for c, j in pos.items() if c not in codes and c != unit_col}
    return IndexData(units=[str(u) for u in arr[:, pos[unit_col]].tolist()], codes=codes, values=vals, unit_meta=meta)


def ranks_of(scores: FloatArray) -> FloatArray:
    """Rank columns of a score matrix: 1 = best, ties share the lowest rank."""
    return rank_min(scores, descending=True)


__all__: Sequence[str] = (
    "IndexData",
    "IndexResult",
    "PipelineConfig",
    "data_from_frame",
    "ranks_of",
    "results_json",
    "run",
)
