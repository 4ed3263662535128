"""Build an index from a user's spec (YAML) and a tidy CSV ``indicator,area,period,value``.

For each indicator and area the latest value with ``period <= --period`` is used (all periods if
no period is given), the pipeline of the spec file's ``pipeline:`` section is applied (defaults:
COINr's treatment, min-max 0-100, arithmetic mean).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.errors import InputError
from dxtrack.index.pipeline import IndexData, IndexResult, PipelineConfig, run
from dxtrack.index.spec import IndexSpec, load_spec

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
    if period is not None:
        d = d[d["period"] <= type(d["period"].iloc[0])(period)] if len(d) else d
    missing = [c for c in spec.indicators if c not in set(d["indicator"])]
    if missing:
        raise InputError(f"no data for indicator(s): {', '.join(missing[:10])}", file=source)
    d = d.sort_values("period").groupby(["area", "indicator"], as_index=False).last()
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
