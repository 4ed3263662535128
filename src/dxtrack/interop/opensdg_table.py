"""An Open SDG indicator table and its metadata -> open-sdg progress (sdg-build's table handling).

The table has ``Year``, optional disaggregation / ``Units`` / ``Series`` / ``Progress`` columns and
``Value``; the metadata's ``auto_progress_calculation`` and ``progress_calculation_options`` say
which series to judge. :func:`filter_series` reduces the table to one series as sdg-build does;
the progress method itself is :func:`dxtrack.analysis.opensdg.series_progress`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.analysis.opensdg import (
    IndicatorProgress,
    OpenSdgDataError,
    ProgressConfig,
    SeriesProgress,
    series_progress,
    status_from_score,
)

#: sdg-build's default ``non_disaggregation_columns`` and ``observation_attributes`` (Open SDG).
NON_DISAGGREGATION_COLUMNS: tuple[str, ...] = (
    "Year",
    "Units",
    "Series",
    "Value",
    "GeoCode",
    "Observation status",
    "Unit multiplier",
    "Unit measure",
    "UNIT_MEASURE",
    "SERIES",
    "COMMENT_TS",
    "DATA_LAST_UPDATE",
)
OBSERVATION_ATTRIBUTES: tuple[str, ...] = ("COMMENT_OBS",)
PROGRESS_COLUMN = "Progress"
SERIES_COLUMN = "Series"
UNIT_COLUMN = "Units"


def normalise_years(data: pd.DataFrame) -> pd.DataFrame:
    """Years longer than 4 characters (``2015-16``) become their first 4 characters, as int."""
    years = data["Year"].astype(str)
    if (years.str.len() > 4).any():
        data = data.assign(Year=years.str.slice(0, 4).astype(int))
    return data


def filter_series(
    data: pd.DataFrame,
    config: ProgressConfig,
    *,
    non_disaggregation_columns: Sequence[str] = NON_DISAGGREGATION_COLUMNS,
    observation_attributes: Sequence[str] = OBSERVATION_ATTRIBUTES,
    progress_column: str = PROGRESS_COLUMN,
    series_column: str = SERIES_COLUMN,
    unit_column: str = UNIT_COLUMN,
) -> tuple[pd.DataFrame, list[str]]:
    """Reduce an indicator table to the ``Year``/``Value`` rows of one series, plus warnings.

    Mirrors sdg-build: drop attribute columns, let ``Progress`` override ``Value``, filter unit,
    series and disaggregations (a value that is absent only warns), else keep the headline.
    Raises ``OpenSdgDataError`` when no headline exists or several sub-series remain.
    """
    warnings: list[str] = []
    data = normalise_years(data)
    if len(data.columns) > 2:
        keep_always = {"Year", series_column, unit_column, progress_column, "Value"}
        drop = [c for c in (*non_disaggregation_columns, *observation_attributes) if c not in keep_always]
        data = data.drop(columns=[c for c in drop if c in data.columns])
        if progress_column in data.columns:
            data = data.assign(Value=data[progress_column]).drop(columns=progress_column)

        def filter_column(df: pd.DataFrame, column: str, value: Any) -> pd.DataFrame:
            if column not in df.columns:
                warnings.append(f"column {column} not found")
                return df
            mask = df[column] == value
            if bool(mask.any()):
                return pd.DataFrame(df.loc[mask])
            warnings.append(f"value {value!r} not found in column {column}")
            return df

        if config.unit is not None:
            data = filter_column(data, unit_column, config.unit)
        if config.series is not None:
            data = filter_column(data, series_column, config.series)
        if config.disaggregation:
            for col, val in config.disaggregation:
                data = filter_column(data, col, val)
        else:
            disagg = [c for c in data.columns if c not in non_disaggregation_columns]
            headline = data[data[disagg].isna().all(axis=1)] if disagg else data
            if len(headline) == 0 and len(data) > 0:
                raise OpenSdgDataError("no headline rows (rows with every disaggregation empty)")
            data = headline
        for col in (c for c in data.columns if c not in ("Year", "Value")):
            groups = pd.unique(data[col])
            if len(groups) > 1:
                shown = ", ".join("(empty)" if pd.isna(g) else str(g) for g in groups)
                raise OpenSdgDataError(f"several sub-series remain in column '{col}': {shown}")
        data = data[["Year", "Value"]]
    data = data[data["Value"].notna()]
    return data, warnings


def indicator_progress(
    indicator_id: str,
    data: pd.DataFrame | None,
    meta: Mapping[str, Any] | None,
    **filter_options: Any,
) -> IndicatorProgress:
    """Indicator progress from its data table and metadata (``auto_progress_calculation`` etc.).

    With automatic calculation off, the manual ``progress_status`` (or None) is returned and the
    score is None. Raises ``OpenSdgDataError`` (duplicate years, no headline, several sub-series)
    and ``ValueError`` (non-numeric values).
    """
    meta = meta or {}
    if meta.get("auto_progress_calculation") is not True:
        manual = meta.get("progress_status")
        return IndicatorProgress(
            id=indicator_id,
            status=None if manual in (None, "") else str(manual),
            score=None,
            series=(),
            auto=False,
        )
    options = meta.get("progress_calculation_options") or [{}]
    results: list[SeriesProgress] = []
    for opts in options:
        cfg = ProgressConfig.from_mapping(opts)
        tag = cfg.tag(indicator_id)
        if data is None or data.empty:
            results.append(series_progress([], [], cfg, tag=tag))
            continue
        rows, warns = filter_series(data, cfg, **filter_options)
        try:
            values = pd.to_numeric(rows["Value"]).to_numpy(dtype=float)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"non-numeric value in column 'Value' ({exc})") from exc
        res = series_progress(rows["Year"].to_numpy(dtype=np.int64), values, cfg, tag=tag)
        if warns:
            res = SeriesProgress(**{**res.__dict__, "warnings": (*warns, *res.warnings)})
        results.append(res)
    scored = [r for r in results if r.score is not None]
    if not scored:
        return IndicatorProgress(id=indicator_id, status=None, score=None, series=tuple(results), auto=True)
    mean = float(np.mean([r.score for r in scored]))
    status = status_from_score(mean, all(r.target_achieved for r in scored))
    return IndicatorProgress(id=indicator_id, status=status, score=mean, series=tuple(results), auto=True)
