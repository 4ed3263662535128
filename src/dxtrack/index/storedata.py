"""Stored observations as index input: area sets, successions, re-aggregation rules, derived ratios.

Used by ``dxtrack index build SPEC.yaml`` (without ``--data``) and by the provincial scorecard.

* Area sets: ``63`` = the provinces valid before 2025-07-01 (codes ``VN63_*``), ``34`` = the units
  from 2025-07-01 (``VN34_*``), ``countries`` = areas of level ``country``.
* The 34-unit values are re-aggregated from the 63 provinces through the stored succession table
  (``area_succession``), indicator by indicator, with the rule of the spec's ``reaggregate:``
  section, else the catalogue's aggregation kind (``sum``, ``mean``, weighted mean, ratio, rank,
  harmonic mean); an indicator with neither is an error. Indicators whose rule is ``none`` are not carried;
  ``rank:<SCORE>`` re-ranks the re-aggregated score (1 = best, ties share the lowest rank).
* Derived indicators (spec ``derive:``): ``{CODE: {ratio: [NUM, DEN], scale: k}}`` = ``k x NUM / DEN``
  per area and year, computed before re-aggregation (their own rule then applies).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from dxtrack.domain.period import is_year
from dxtrack.errors import InputError
from dxtrack.index.provinces import aggregation_rule, reaggregate
from dxtrack.index.stats import rank_min

if TYPE_CHECKING:
    from dxtrack.store import Engine

AREA_SETS = ("63", "34", "countries")


def areas(engine: Engine, area_set: str) -> pd.DataFrame:
    """``code, name_vi, name_en, level`` of the areas of a set, sorted by code."""
    from dxtrack.store.areas import area_frame

    if area_set not in AREA_SETS:
        raise InputError(f"--areas must be one of {', '.join(AREA_SETS)}, got '{area_set}'")
    df = area_frame(engine)
    keep = (df["level"] == "country") if area_set == "countries" else df["code"].str.startswith(f"VN{area_set}_")
    df = df[keep]
    return df.sort_values("code").reset_index(drop=True)


def succession(engine: Engine) -> pd.DataFrame:
    """The 2025 succession mapping ``from_area_id, to_area_id, share`` (63 -> 34)."""
    from dxtrack.store.areas import succession_frame

    df = succession_frame(engine)
    df = df[df["from_area_id"].str.startswith("VN63_") & df["to_area_id"].str.startswith("VN34_")]
    if df.empty:
        raise InputError("no 63 -> 34 province succession in the store; run 'dxtrack data load' first")
    if (df["share"] != 1.0).any():
        raise InputError("succession shares other than 1 (split provinces) are not supported")
    return df[["from_area_id", "to_area_id"]].reset_index(drop=True)


def catalogue_rules(engine: Engine, indicators: Sequence[str]) -> dict[str, str]:
    """Re-aggregation rules from the indicator catalogue's ``aggregation`` field."""
    from dxtrack.store.repository import indicator_aggregations

    out: dict[str, str] = {}
    for code, stored in indicator_aggregations(engine, indicators).items():
        with contextlib.suppress(InputError):  # a kind that cannot re-aggregate: no rule (to_34 names it)
            out[code] = aggregation_rule(code, stored or {})
    return out


def tidy_observations(
    engine: Engine,
    indicators: Sequence[str],
    *,
    area_codes: Sequence[str] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Stored values as ``area_id, indicator, year, value`` (annual periods, no disaggregation)."""
    from dxtrack.store.repository import read_observations

    obs = read_observations(
        engine, indicators=list(indicators), areas=None if area_codes is None else list(area_codes), as_of=as_of
    )
    if obs.empty:
        return pd.DataFrame({"area_id": [], "indicator": [], "year": [], "value": []})
    obs = obs[(obs["disaggregation"].fillna("") == "") & obs["period"].map(is_year)]
    return pd.DataFrame(
        {
            "area_id": obs["area"].astype(str).to_numpy(),
            "indicator": obs["indicator"].astype(str).to_numpy(),
            "year": obs["period"].astype(int).to_numpy(),
            "value": obs["value"].astype(float).to_numpy(),
        }
    )


def derive(frame: pd.DataFrame, derived: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """Add derived ratio indicators (``{CODE: {ratio: [NUM, DEN], scale: k}}``) per area and year."""
    if not derived:
        return frame
    wide = frame.pivot_table(index=["area_id", "year"], columns="indicator", values="value", aggfunc="first")
    add: list[pd.DataFrame] = []
    for code, d in derived.items():
        ratio = d.get("ratio")
        if not (isinstance(ratio, list | tuple) and len(ratio) == 2):
            raise InputError(f"derive {code}: expected ratio: [NUMERATOR, DENOMINATOR]")
        num, den = str(ratio[0]), str(ratio[1])
        if num not in wide.columns or den not in wide.columns:
            raise InputError(f"derive {code}: no stored data for {num if num not in wide.columns else den}")
        with np.errstate(divide="ignore", invalid="ignore"):
            ser = float(d.get("scale", 1.0)) * wide[num] / wide[den]
        v = ser.replace([np.inf, -np.inf], np.nan).dropna().rename("value").reset_index()
        v["indicator"] = code
        add.append(v[["area_id", "indicator", "year", "value"]])
    return pd.concat([frame, *add], ignore_index=True)


def to_34(frame: pd.DataFrame, mapping: pd.DataFrame, rules: Mapping[str, str], *, strict: bool = True) -> pd.DataFrame:
    """Re-aggregate 63-province tidy data to the 34 units (``rank:<SCORE>`` rules re-rank afterwards).

    Returns ``area_id, indicator, year, value, rule, n_sources, n_expected, partial_value``. With
    ``strict`` a ``mean`` over fewer predecessors than the unit has is not a value (DTI's precedent is
    the mean of *all* predecessors); that incomplete mean is kept in ``partial_value``.
    """
    ranks = {k: v.partition(":")[2] for k, v in rules.items() if v.startswith("rank:")}
    base_rules = {k: ("none" if k in ranks else v) for k, v in rules.items()}
    present = set(frame["indicator"])
    missing_rule = sorted(present - set(base_rules))
    if missing_rule:
        raise InputError(f"no re-aggregation rule for: {', '.join(missing_rule)} (add it under 'reaggregate:')")
    new = reaggregate(frame, mapping, base_rules)
    partial = (new["rule"] == "mean") & (new["n_sources"] < new["n_expected"])
    new["partial_value"] = np.where(partial, new["value"], np.nan)
    if strict:
        new.loc[partial, "value"] = np.nan
    extra: list[pd.DataFrame] = []
    for code, score in ranks.items():
        s = new[new["indicator"] == score]
        for year, g in s.groupby("year"):
            r = rank_min(g["value"].to_numpy(dtype=np.float64), descending=True)
            extra.append(
                pd.DataFrame(
                    {
                        "area_id": g["area_id"].to_numpy(),
                        "indicator": code,
                        "year": year,
                        "value": r,
                        "rule": f"rank:{score}",
                        "n_sources": g["n_sources"].to_numpy(),
                        "n_expected": g["n_expected"].to_numpy(),
                        "partial_value": np.nan,
                    }
                )
            )
    return pd.concat([new, *extra], ignore_index=True) if extra else new
