"""From the engines' partial table to the tidy indicator table, and the bad-record report (engine-independent).

Areas: a record's ``area_id`` must be in the area table and valid in its Viet Nam month (the 63 -> 34 change is on
the first day of a month, so month granularity is exact); otherwise the whole record is bad. Roll-up:

* old units (valid until the change): the months of their validity, and the years they cover entirely;
* new units: every month and year, periods before the change rebuilt from their predecessors' records
  (successions of the area table; numerators and denominators are summed, never shares averaged);
* ministries (central-level agencies) and the whole country (``VNM``);
* a year is given only when the data set has records in all twelve of its months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dxtrack.microdata.areas import AreaTable
from dxtrack.microdata.definitions import Definition
from dxtrack.microdata.schema import AREA_RULES, RECORD_RULES, RULES

NATIONAL = "VNM"
OUTPUT_COLUMNS = ("indicator", "area", "period", "value", "numerator", "denominator")


@dataclass
class BadReport:
    """Records read, records excluded, and how many broke each rule (a record may break several)."""

    records: int
    excluded: int
    by_rule: dict[str, int]
    excluded_by_month: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> int:
        return self.records - self.excluded

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "valid": self.valid,
            "excluded": self.excluded,
            "rules": [
                {"rule": r.id, "records": self.by_rule.get(r.id, 0), "text_vi": r.text_vi, "text_en": r.text_en}
                for r in RULES
            ],
            "excluded_by_month": self.excluded_by_month,
        }


def _area_status(part: pd.DataFrame, areas: AreaTable) -> tuple[pd.Series, pd.Series]:
    """(unknown area, area not valid in the month) per row of the partial table."""
    spans = _spans(areas)
    known = part["area_id"].isin(list(spans))
    ok = [
        month is None or area not in spans or _valid(*spans[area], dt.date.fromisoformat(f"{month}-01"))
        for area, month in zip(part["area_id"], part["vn_month"], strict=True)
    ]
    return ~known, known & ~pd.Series(ok, index=part.index)


def bad_report(part: pd.DataFrame, areas: AreaTable) -> tuple[BadReport, pd.Series]:
    """The report, and the mask of partial rows whose (valid) records count."""
    unknown, invalid = _area_status(part, areas)
    area_bad = unknown | invalid
    code = part["bad_code"].to_numpy(dtype="int64")
    n = part["n_records"].to_numpy(dtype="int64")
    by_rule = {r.id: int(n[(code >> i) & 1 == 1].sum()) for i, r in enumerate(RECORD_RULES)}
    ids = [r.id for r in AREA_RULES]
    by_rule[ids[0]] = int(part.loc[unknown, "n_records"].sum())
    by_rule[ids[1]] = int(part.loc[invalid, "n_records"].sum())
    bad = area_bad | pd.Series(code != 0, index=part.index)
    excluded_rows = part["n_records"].where(bad, 0)
    by_month = excluded_rows.groupby(part["vn_month"].fillna("unknown")).sum()
    report = BadReport(
        records=int(part["n_records"].sum()),
        excluded=int(excluded_rows.sum()),
        by_rule=by_rule,
        excluded_by_month={str(k): int(v) for k, v in by_month.items() if v},
    )
    return report, ~bad & part["vn_month"].notna()


def _full_years(months: Sequence[str]) -> set[str]:
    have: dict[str, set[str]] = {}
    for m in months:
        have.setdefault(m[:4], set()).add(m[5:7])
    return {y for y, ms in have.items() if len(ms) == 12}


def _spans(areas: AreaTable) -> dict[str, tuple[object, object]]:
    v = areas.validity
    return dict(zip(v["area_id"], zip(v["valid_from"], v["valid_to"], strict=True), strict=True))


def _covers_year(spans: dict[str, tuple[object, object]], unit: str, year: str) -> bool:
    frm, to = spans[unit]
    return _valid(frm, to, dt.date(int(year), 1, 1)) and _valid(frm, to, dt.date(int(year), 12, 31))


def _valid(frm: object, to: object, day: dt.date) -> bool:
    return (not isinstance(frm, dt.date) or frm <= day) and (not isinstance(to, dt.date) or day <= to)


def tidy(part: pd.DataFrame, defs: Sequence[Definition], areas: AreaTable) -> tuple[pd.DataFrame, BadReport]:
    """The indicator table ``indicator,area,period,value,numerator,denominator`` and the bad-record report."""
    report, good = bad_report(part, areas)
    g = part.loc[good].copy()
    g["year"] = g["vn_month"].str[:4]
    years = _full_years(sorted(set(g["vn_month"])))
    sums = [c for d in defs for c in (f"{d.col}__num", f"{d.col}__den")]
    new_units = set(areas.successor.values())
    g["new_unit"] = g["area_id"].map(lambda a: areas.successor.get(a, a))

    pieces: list[pd.DataFrame] = []

    def add(frame: pd.DataFrame, area_col: str, keep: Any = None) -> None:
        for period_col in ("vn_month", "year"):
            agg = frame.groupby([area_col, period_col], as_index=False)[sums].sum()
            agg = agg.rename(columns={area_col: "area", period_col: "period"})
            if period_col == "year":
                agg = agg[agg["period"].isin(years)]
                if keep is not None:
                    agg = agg[[keep(a, p) for a, p in zip(agg["area"], agg["period"], strict=True)]]
            pieces.append(agg)

    old = g[~g["area_id"].isin(new_units)]
    spans = _spans(areas)
    add(old, "area_id", keep=lambda a, p: _covers_year(spans, a, p))
    add(g, "new_unit", keep=lambda a, p: a in new_units or _covers_year(spans, a, p))
    add(g[g["ministry"].notna()], "ministry")
    add(g.assign(national=NATIONAL), "national")
    wide = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=["area", "period", *sums])
    wide = wide.drop_duplicates(subset=["area", "period"])  # an unchanged unit is both old-side and new-side

    rows = []
    for d in defs:
        t = wide[["area", "period", f"{d.col}__num", f"{d.col}__den"]].copy()
        t.columns = ["area", "period", "numerator", "denominator"]
        t = t[t["denominator"] > 0]
        if d.measure == "share":
            t["value"] = 100.0 * t["numerator"] / t["denominator"]
        elif d.measure == "mean":
            t["value"] = t["numerator"] / t["denominator"]
        else:
            t["value"] = t["numerator"].astype("float64")
            t["denominator"] = pd.NA
        t.insert(0, "indicator", d.code)
        rows.append(t)
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=list(OUTPUT_COLUMNS))
    out = out[list(OUTPUT_COLUMNS)].sort_values(["indicator", "area", "period"], ignore_index=True)
    out["numerator"] = out["numerator"].astype("int64")
    out["denominator"] = out["denominator"].astype("Int64")
    return out, report
