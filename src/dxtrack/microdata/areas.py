"""Provinces for the records: the area table (63 before, 34 from 01/07/2025), population and successions.

Read from the data folder given (the packaged snapshot by default, chosen by the caller).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dxtrack.errors import InputError

SUBNATIONAL = "vietnam_subnational"
AREAS_FILE = "vn_provinces_areas.csv"
POPULATION_FILE = "vn_province_population_2011_2024.csv"
SUCCESSION_FILE = "vn_province_succession_2025.csv"


@dataclass(frozen=True)
class AreaTable:
    """Province ids with validity, their successors, and population weights."""

    validity: pd.DataFrame  # area_id, valid_from (date | NaT), valid_to (date | NaT)
    successor: dict[str, str]  # old unit -> new unit (whole-province mergers)
    change_date: dt.date  # the date the successions take effect
    population: pd.DataFrame  # area_id, year, population (thousand persons); new units summed from predecessors

    def units_on(self, day: dt.date) -> list[str]:
        """Ids valid on ``day``, sorted."""
        v = self.validity
        ok = (v["valid_from"].isna() | (v["valid_from"] <= day)) & (v["valid_to"].isna() | (v["valid_to"] >= day))
        return sorted(v.loc[ok, "area_id"])

    def weights_on(self, day: dt.date) -> pd.Series:
        """Population of each unit valid on ``day`` (latest year up to ``day``'s year), indexed by area id."""
        units = self.units_on(day)
        pop = self.population[self.population["area_id"].isin(units)]
        years = pop.loc[pop["year"] <= day.year, "year"]
        year = int(years.max()) if not years.empty else int(pop["year"].min())
        w = pop[pop["year"] == year].set_index("area_id")["population"].reindex(units)
        if w.isna().any():
            missing = ", ".join(w.index[w.isna()])
            raise InputError(f"no population for {missing} in {year}", file=POPULATION_FILE)
        return w


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_areas(data_dir: Path) -> AreaTable:
    """The province table of the data folder ``data_dir`` (its ``vietnam_subnational`` files)."""
    folder = data_dir / SUBNATIONAL
    areas = pd.read_csv(folder / AREAS_FILE, dtype=str, keep_default_na=False)
    validity = pd.DataFrame(
        {
            "area_id": areas["area_id"],
            "valid_from": [_date(x) for x in areas["valid_from"]],
            "valid_to": [_date(x) for x in areas["valid_to"]],
        }
    )
    succ = pd.read_csv(folder / SUCCESSION_FILE, dtype=str, keep_default_na=False)
    splits = succ[pd.to_numeric(succ["share"]) != 1]
    if not splits.empty:
        first = splits.iloc[0]
        raise InputError(
            f"{first['from_area_id']} is split (share {first['share']}): records cannot be re-assigned to new units",
            file=SUCCESSION_FILE,
            column="share",
        )
    dates = sorted(set(succ["effective_date"]))
    if len(dates) != 1:
        raise InputError(f"expected one effective date, found {', '.join(dates)}", file=SUCCESSION_FILE)
    successor = dict(zip(succ["from_area_id"], succ["to_area_id"], strict=True))
    pop = pd.read_csv(folder / POPULATION_FILE, dtype={"area_id": str})
    pop = pop[(pop["indicator"] == "POP_AVG") & pop["area_id"].isin(successor)]
    pop = pop[["area_id", "year", "value"]].rename(columns={"value": "population"})
    mapped = pop.assign(area_id=pop["area_id"].map(successor))
    new = pd.DataFrame(mapped.groupby(["area_id", "year"], as_index=False)["population"].sum())
    population = pd.concat([pop, new], ignore_index=True)
    return AreaTable(validity, successor, dt.date.fromisoformat(dates[0]), population)
