"""COINr interop: build an index from COINr's ``iData``/``iMeta`` tables.

``run_pipeline(idata, imeta, treat="default", normalise="minmax", aggregate="amean")`` mirrors::

    coin <- new_coin(iData, iMeta)
    coin <- Treat(coin, dset = "Raw")                       # unless treat = "none"
    coin <- Normalise(coin, dset = "Treated")               # or another n_* method
    coin <- Aggregate(coin, dset = "Normalised")            # or a_gmean / a_hmean / a_copeland

Normalisation names map to COINr as: minmax -> ``n_minmax(l_u = c(0, 100))``, zscore ->
``n_zscore(m_sd = c(0, 1))``, rank/prank/borda/fracmax/dist2max -> ``n_rank``/``n_prank``/...,
dist2targ -> ``n_dist2targ`` with ``f_n_para = "use_iMeta"`` (target = iMeta Target x Direction,
no cap). Aggregation uses the iMeta weights; copeland runs with ``by_df = TRUE``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dxtrack.errors import InputError
from dxtrack.index.aggregate import AggSpec
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, IndexResult, PipelineConfig, data_from_frame, results_json, run
from dxtrack.index.spec import IndexSpec, spec_from_imeta
from dxtrack.index.treat import TreatSpec

NORMALISE_CHOICES = ("minmax", "zscore", "rank", "prank", "borda", "fracmax", "dist2max", "dist2targ")
AGGREGATE_CHOICES = ("amean", "gmean", "hmean", "copeland")
TREAT_CHOICES = ("none", "default")


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV as COINr's data were written (empty field = NA)."""
    p = Path(path)
    if not p.is_file():
        raise InputError("file not found", file=str(p))
    try:
        return pd.read_csv(p, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV: {exc}", file=str(p)) from None


def load_coin(idata: str | Path | pd.DataFrame, imeta: str | Path | pd.DataFrame) -> tuple[IndexSpec, IndexData]:
    """``new_coin``: validate iData/iMeta and return the spec and the data (units sorted by uCode)."""
    isrc = None if isinstance(idata, pd.DataFrame) else str(idata)
    msrc = None if isinstance(imeta, pd.DataFrame) else str(imeta)
    di = idata if isinstance(idata, pd.DataFrame) else read_table(idata)
    dm = imeta if isinstance(imeta, pd.DataFrame) else read_table(imeta)
    spec = spec_from_imeta(dm, source=msrc)
    if "uCode" not in di.columns:
        raise InputError("missing the required column 'uCode'", file=isrc, column="uCode")
    mcodes = set(spec_codes := [str(c) for c in dm["iCode"].to_numpy(dtype=object).tolist()])
    for c in di.columns:
        if c not in ("uCode", "uName", "Time") and c not in mcodes:
            raise InputError("column not described in iMeta (iCode)", file=isrc, column=str(c))
    mtypes = dm["Type"].to_numpy(dtype=object).tolist()
    non_agg = [c for c, t in zip(spec_codes, mtypes, strict=True) if t != "Aggregate"]
    dcols = set(di.columns)
    missing = [c for c in non_agg if c not in dcols]
    if missing:
        raise InputError(f"iMeta codes not found as iData columns: {', '.join(missing[:10])}", file=msrc)
    if "Time" in di.columns and len(set(di["Time"].dropna().tolist())) > 1:
        raise InputError(
            "panel data (several Time values) is not supported here; filter one Time first", file=isrc, column="Time"
        )
    data = data_from_frame(di, spec, source=isrc)
    order = sorted(range(len(data.units)), key=data.units.__getitem__)  # new_coin sorts by uCode
    if order != list(range(len(order))):
        data = IndexData(
            units=[data.units[i] for i in order],
            codes=data.codes,
            values=data.values[order],
            unit_meta={k: [v[i] for i in order] for k, v in data.unit_meta.items()},
        )
    return spec, data


def coinr_config(treat: str = "default", normalise: str = "minmax", aggregate: str = "amean") -> PipelineConfig:
    """Pipeline options equivalent to the COINr calls described in the module docstring."""
    if treat not in TREAT_CHOICES:
        raise InputError(f"--treat must be one of {', '.join(TREAT_CHOICES)}, got '{treat}'")
    if normalise not in NORMALISE_CHOICES:
        raise InputError(f"--normalise must be one of {', '.join(NORMALISE_CHOICES)}, got '{normalise}'")
    if aggregate not in AGGREGATE_CHOICES:
        raise InputError(f"--aggregate must be one of {', '.join(AGGREGATE_CHOICES)}, got '{aggregate}'")
    return PipelineConfig(
        treat=TreatSpec.from_dict(treat),
        normalise=NormSpec(method=normalise),
        aggregate=AggSpec(method=aggregate),
    )


def example_coin_config(winmax: int = 5) -> PipelineConfig:
    """COINr's ``build_example_coin()``: Denominate, Impute (group mean by EurAsia_group),
    Screen (byNA, 0.9), Treat (winmax 5), Normalise (minmax 0-100), Aggregate (amean)."""
    return PipelineConfig(
        denominate=True,
        impute="mean_grp",
        impute_group="EurAsia_group",
        screen="byNA",
        screen_dat_thresh=0.9,
        treat=TreatSpec(winmax=winmax),
        normalise=NormSpec(method="minmax", params={"l_u": (0.0, 100.0)}),
        aggregate=AggSpec(method="amean"),
    )


def run_coin(
    idata: str | Path | pd.DataFrame,
    imeta: str | Path | pd.DataFrame,
    config: PipelineConfig,
) -> IndexResult:
    """Load iData/iMeta and run a pipeline configuration."""
    spec, data = load_coin(idata, imeta)
    return run(data, spec, config)


def run_pipeline(
    idata_path: str | Path | pd.DataFrame,
    imeta_path: str | Path | pd.DataFrame,
    treat: str = "default",
    normalise: str = "minmax",
    aggregate: str = "amean",
    *,
    details: bool = False,
) -> dict[str, Any]:
    """Build the index as COINr would and return the JSON-ready result (see :func:`results_json`)."""
    res = run_coin(idata_path, imeta_path, coinr_config(treat, normalise, aggregate))
    return results_json(res, details=details)
