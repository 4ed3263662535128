"""Build an index from a user's spec (YAML) and a tidy CSV ``indicator,area,period,value``.

For each indicator and area the latest value with ``period <= --period`` is used (all periods if
no period is given), the pipeline of the spec file's ``pipeline:`` section is applied (defaults:
COINr's treatment, min-max 0-100, arithmetic mean).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dxtrack.domain.period import period_ranks
from dxtrack.errors import InputError
from dxtrack.index.pipeline import IndexData, IndexResult, PipelineConfig, run
from dxtrack.index.spec import IndexSpec, load_spec

if TYPE_CHECKING:
    from dxtrack.store import Engine

TIDY_COLUMNS = ("indicator", "area", "period", "value")


def read_tidy(path: str | Path) -> pd.DataFrame:
    """Read and check a tidy CSV (``indicator, area, period, value``)."""
    p = Path(path)
    if not p.is_file():
        raise InputError("file not found", file=str(p))
    df = pd.read_csv(p, dtype={"indicator": str, "area": str}, keep_default_na=False, na_values=[""])
    missing = [c for c in TIDY_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", file=str(p))
    val = pd.to_numeric(df["value"], errors="coerce")
    bad = val.isna() & df["value"].notna()
    if bad.any():
        r = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"not a number: {df['value'].iloc[r]!r}", file=str(p), row=r + 2, column="value")
    df["value"] = val
    return df


def tidy_to_data(df: pd.DataFrame, spec: IndexSpec, period: Any = None, source: str | None = None) -> IndexData:
    """Pivot a tidy frame to units x indicators using the latest period (<= ``period``)."""
    d = df[df["indicator"].isin(spec.indicators) & df["value"].notna()]
    try:
        order = period_ranks(list(d["period"]) + ([] if period is None else [period]))
    except ValueError as exc:
        raise InputError(str(exc), file=source, column="period") from None
    d = d.assign(_order=order[: len(d)])
    if period is not None:
        d = d[d["_order"] <= order[-1]]
    missing = [c for c in spec.indicators if c not in set(d["indicator"])]
    if missing:
        raise InputError(f"no data for indicator(s): {', '.join(missing[:10])}", file=source)
    d = d.sort_values("_order", kind="stable").groupby(["area", "indicator"], as_index=False).last()
    wide = d.pivot(index="area", columns="indicator", values="value").reindex(columns=list(spec.indicators))
    return IndexData(
        units=[str(a) for a in wide.index], codes=list(spec.indicators), values=wide.to_numpy(dtype=np.float64)
    )


def build(
    spec_path: str | Path,
    data_path: str | Path,
    *,
    period: Any = None,
    pipeline: Mapping[str, Any] | None = None,
) -> IndexResult:
    """Load the spec and the tidy data and run the spec's pipeline (``pipeline`` overrides it)."""
    spec, pipe = load_spec(spec_path)
    cfg = PipelineConfig.from_dict({**pipe, **(pipeline or {})})
    data = tidy_to_data(read_tidy(data_path), spec, period, source=str(data_path))
    return run(data, spec, cfg)


def _rules_reading(engine: Engine, need: set[str], rules_spec: dict[str, str], areas: str) -> dict[str, str]:
    """The spec's rules over the catalogue's (the pack's ``aggregation``), for every needed indicator and for
    every indicator a rule reads (added to ``need``)."""
    from dxtrack.index import storedata
    from dxtrack.index.provinces import rule_inputs

    rules = dict(rules_spec)
    pending = set(need)
    while pending:
        if areas == "34":
            found = storedata.catalogue_rules(engine, sorted(pending - set(rules)))
            rules.update({k: v for k, v in found.items() if k not in rules})
        ruled = [rules[c] for c in pending if c in rules]
        reads = [rule_inputs(r) for r in ruled if areas == "34" or not r.startswith("rank:")]
        more = set().union(*reads) - need
        need |= more
        pending = more
    return rules


def load_spec_doc(spec_path: str | Path) -> tuple[IndexSpec, dict[str, Any], dict[str, Any]]:
    """The spec, its pipeline section and the whole YAML document (``derive``, ``reaggregate``, ``year``)."""
    import yaml

    spec, pipe = load_spec(spec_path)
    doc = yaml.safe_load(Path(spec_path).read_text(encoding="utf-8")) or {}
    return spec, pipe, dict(doc)


def build_from_store(
    spec_path: str | Path,
    engine: Engine,
    *,
    year: int | None = None,
    areas: str = "63",
    as_of: Any = None,
    pipeline: Mapping[str, Any] | None = None,
) -> IndexResult:
    """Build a user's spec on stored observations (``--areas 63|34|countries``).

    For each indicator and area the latest value with year <= ``year`` is used (``year`` defaults
    to the spec's ``year:``, else all years). The 34-unit view is re-aggregated from the 63
    provinces of the same year (see :mod:`dxtrack.index.storedata`); spec-level ``derive:`` ratios
    are computed per area and year first.
    """
    from dxtrack.index import storedata

    spec, pipe, doc = load_spec_doc(spec_path)
    cfg = PipelineConfig.from_dict({**pipe, **(pipeline or {})})
    year = year if year is not None else doc.get("year")
    derived: dict[str, Any] = dict(doc.get("derive") or {})
    rules_spec = {str(k): str(v) for k, v in (doc.get("reaggregate") or {}).items()}
    need = {c for c in spec.indicators if c not in derived} | {
        str(x) for d in derived.values() for x in d.get("ratio", [])
    }
    rules = _rules_reading(engine, need, rules_spec, areas)
    src_set = "63" if areas == "34" else areas
    area_df = storedata.areas(engine, src_set)
    tidy = storedata.tidy_observations(engine, sorted(need), area_codes=area_df["code"].tolist(), as_of=as_of)
    if year is not None:
        tidy = tidy[tidy["year"] <= int(year)]
    tidy = storedata.derive(tidy, derived)
    if areas == "34":
        latest = int(tidy["year"].max()) if year is None and len(tidy) else year
        tidy = tidy[tidy["year"] == latest]
        keep = set(spec.indicators) | {r.partition(":")[2] for r in rules.values() if r.startswith("rank:")}
        keep |= {x for r in rules.values() if r.startswith("share:") for x in r.partition(":")[2].split("/")}
        keep |= {r.partition(":")[2] for r in rules.values() if r.startswith(("hmean:", "wmean:"))}
        tidy = storedata.to_34(tidy[tidy["indicator"].isin(keep)], storedata.succession(engine), rules)
        tidy = tidy[["area_id", "indicator", "year", "value"]]
    frame = tidy.rename(columns={"area_id": "area", "year": "period"})
    frame = frame[frame["area"].isin(set(storedata.areas(engine, areas)["code"]))]
    return run(tidy_to_data(frame, spec, None, source=str(spec_path)), spec, cfg)
