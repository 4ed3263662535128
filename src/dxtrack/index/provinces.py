"""Provincial views: re-aggregate 63-province data to the 34 units of 1 July 2025 and back.

Input frames are tidy: ``area_id, indicator, year, value``. The succession mapping has
``from_area_id, to_area_id`` (``vn_province_succession_2025.csv``; whole provinces merged, share 1).

Re-aggregation rule per indicator (given by the caller: the content pack's ``aggregation`` of each
indicator, see :func:`dxtrack.services.scorecard.scorecard_rules`; no rule lives in code):

* ``sum`` - extensive counts (population, urban and rural population): sum of predecessors;
  NaN unless every predecessor has a value.
* ``mean`` - DTI scores and components: simple mean of the predecessors' values (DTI's official
  precedent for merged provinces); computed over the predecessors that have a value, and
  ``n_sources``/``n_expected`` tell how complete it is.
* ``wmean:<W>`` - mean weighted by indicator ``W`` of the same year (e.g. population-weighted).
* ``hmean:<W>`` - ``sum(W) / sum(W / x)``: ratios per unit of ``W`` such as density
  (``POP_DENSITY`` with ``W = POP_AVG`` gives total population / total area).
* ``share:<NUM>/<DEN>`` - recomputed ratio of two summed indicators.
* ``none`` - not re-aggregated (ranks: rank again after aggregation instead).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dxtrack.errors import InputError


def aggregation_rule(code: str, agg: Mapping[str, object]) -> str:
    """The re-aggregation rule (``sum``, ``mean``, ``wmean:W``, ``hmean:W``, ``share:N/D``, ``rank:S``, ``none``)
    of an indicator's catalogue ``aggregation`` (``kind`` with ``weight_indicator``, ``numerator``/``denominator``
    or ``of``), the one translation used by the scorecard and ``index build``."""
    kind = str(agg.get("kind") or "")
    if kind in ("sum", "mean", "none"):
        return kind
    args = {
        "weighted_mean": ("wmean", agg.get("weight_indicator")),
        "harmonic_mean": ("hmean", agg.get("weight_indicator")),
        "rank": ("rank", agg.get("of")),
    }
    if kind in args and args[kind][1]:
        return f"{args[kind][0]}:{args[kind][1]}"
    if kind == "ratio" and agg.get("numerator") and agg.get("denominator"):
        return f"share:{agg['numerator']}/{agg['denominator']}"
    raise InputError(f"indicator {code}: aggregation '{kind}' cannot re-aggregate provinces")


def rule_inputs(rule: str) -> set[str]:
    """The indicators a rule reads besides its own (``rank:PDTI`` reads PDTI; ``share:N/D`` reads N and D)."""
    kind, _, arg = rule.partition(":")
    if kind in ("wmean", "hmean", "rank"):
        return {arg}
    if kind == "share":
        return set(arg.split("/"))
    return set()


_TIDY = ("area_id", "indicator", "year", "value")


def _check_tidy(frame: pd.DataFrame, what: str) -> None:
    missing = [c for c in _TIDY if c not in frame.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {', '.join(missing)}")


def urban_share(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``URBAN_SHARE = POP_URBAN / (POP_URBAN + POP_RURAL)`` rows per area and year."""
    _check_tidy(frame, "urban_share")
    w = frame.pivot_table(index=["area_id", "year"], columns="indicator", values="value", aggfunc="first")
    if not {"POP_URBAN", "POP_RURAL"} <= set(w.columns):
        raise InputError("urban_share needs POP_URBAN and POP_RURAL")
    s = (w["POP_URBAN"] / (w["POP_URBAN"] + w["POP_RURAL"])).dropna().rename("value").reset_index()
    s["indicator"] = "URBAN_SHARE"
    return pd.concat([frame, s[list(_TIDY)]], ignore_index=True)


def reaggregate(
    frame: pd.DataFrame,
    mapping: pd.DataFrame,
    rules: Mapping[str, str],
    *,
    from_col: str = "from_area_id",
    to_col: str = "to_area_id",
) -> pd.DataFrame:
    """Re-aggregate old-area values to successor areas, indicator by indicator.

    Returns ``area_id, indicator, year, value, rule, n_sources, n_expected``; indicators without
    a rule raise an error naming them (no silent default).
    """
    _check_tidy(frame, "reaggregate")
    for c in (from_col, to_col):
        if c not in mapping.columns:
            raise InputError(f"succession mapping: missing column '{c}'")
    unknown = sorted(set(frame["indicator"]) - set(rules))
    if unknown:
        raise InputError(f"no re-aggregation rule for: {', '.join(unknown)}")
    m = mapping[[from_col, to_col]].rename(columns={from_col: "area_id", to_col: "to"})
    expected = m.groupby("to").size().rename("n_expected")
    df = frame[list(_TIDY)].merge(m, on="area_id", how="inner")
    wide = df.pivot_table(index=["to", "year", "area_id"], columns="indicator", values="value", aggfunc="first")
    out: list[pd.DataFrame] = []
    for ind in sorted(set(frame["indicator"])):
        rule = rules[ind]
        if rule == "none":
            continue
        kind, _, arg = rule.partition(":")
        if kind == "share":
            num, _, den = arg.partition("/")
            parts = wide[[num, den]].groupby(level=["to", "year"]).agg(["sum", "count"])
            val = parts[(num, "sum")] / parts[(den, "sum")]
            n = parts[(num, "count")].combine(parts[(den, "count")], min)
        else:
            if ind not in wide.columns:
                continue
            x = wide[ind]
            g = x.groupby(level=["to", "year"])
            n = g.count()
            if kind == "sum":
                val = g.sum(min_count=1)
            elif kind == "mean":
                val = g.mean()
            elif kind in ("wmean", "hmean"):
                if arg not in wide.columns:
                    raise InputError(f"rule {rule!r} for {ind}: weight indicator '{arg}' not in the data")
                w = wide[arg]
                ok = x.notna() & w.notna()
                if kind == "wmean":
                    val = (x * w).where(ok).groupby(level=["to", "year"]).sum() / w.where(ok).groupby(
                        level=["to", "year"]
                    ).sum()
                else:
                    val = (
                        w.where(ok).groupby(level=["to", "year"]).sum()
                        / (w / x).where(ok).groupby(level=["to", "year"]).sum()
                    )
                n = ok.groupby(level=["to", "year"]).sum()
            else:
                raise InputError(f"unknown re-aggregation rule {rule!r} for {ind}")
        res = pd.DataFrame({"value": val, "n_sources": n}).reset_index()
        res["indicator"] = ind
        res["rule"] = rule
        out.append(res)
    if not out:
        return pd.DataFrame(columns=[*_TIDY, "rule", "n_sources", "n_expected"])
    r = pd.concat(out, ignore_index=True).merge(expected, left_on="to", right_index=True)
    strict = r["rule"].isin(["sum"]) | r["rule"].str.startswith("share")
    r.loc[strict & (r["n_sources"] < r["n_expected"]), "value"] = np.nan
    r = r.rename(columns={"to": "area_id"})
    r["n_sources"] = r["n_sources"].astype(int)
    return (
        r[[*_TIDY, "rule", "n_sources", "n_expected"]]
        .sort_values(["indicator", "year", "area_id"])
        .reset_index(drop=True)
    )


def side_by_side(
    old: pd.DataFrame,
    new: pd.DataFrame,
    mapping: pd.DataFrame,
    indicator: str,
    year: int,
    *,
    from_col: str = "from_area_id",
    to_col: str = "to_area_id",
) -> pd.DataFrame:
    """One row per old area: its value, its successor and the successor's (re-aggregated) value."""
    o = old[(old["indicator"] == indicator) & (old["year"] == year)][["area_id", "value"]]
    n = new[(new["indicator"] == indicator) & (new["year"] == year)][["area_id", "value"]]
    m = mapping[[from_col, to_col]].rename(columns={from_col: "area_id", to_col: "to_area_id"})
    t = m.merge(o, on="area_id", how="left").merge(
        n.rename(columns={"area_id": "to_area_id", "value": "to_value"}), on="to_area_id", how="left"
    )
    return t.rename(columns={"area_id": "from_area_id", "value": "from_value"})
