"""Published series as the interfaces list them: one area's yearly values, every revision with its source,
the API's filtered observations, and the areas."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dxtrack.domain.catalog import Target
from dxtrack.domain.period import AnnualRule, Reading, annualise, parse_period, period_ranks
from dxtrack.services.frames import records
from dxtrack.store import Engine
from dxtrack.store import areas as stored_areas
from dxtrack.store import repository as repo


def vietnam_series(
    engine: Engine, indicator: str, area: str, as_of: dt.date | None, rule: AnnualRule = "latest"
) -> list[dict[str, Any]]:
    """One value per year of one series (sub-annual periods annualised by ``rule``), oldest first."""
    frame = repo.read_observations(engine, indicators=[indicator], areas=[area], as_of=as_of)
    if frame.empty:
        return []
    frame = frame[frame["disaggregation"] == ""]
    readings = [Reading(str(r["period"]), float(r["value"]), int(r["id"])) for r in records(frame)]
    return [
        {"year": a.year, "value": a.value, "id": a.used[-1].ref, "period": a.period, "partial": a.partial}
        for a in annualise(readings, rule).values
    ]


def target_history(engine: Engine, target: Target, as_of: dt.date | None) -> list[dict[str, Any]]:
    """Every published revision of the target's series (all periods), newest period first."""
    if not target.indicator:
        return []
    frame = repo.read_observations(
        engine, indicators=[target.indicator], areas=[target.area], as_of=as_of, history=True
    )
    if frame.empty:
        return []
    key = ["indicator", "area", "period", "disaggregation"]
    current = set(frame.sort_values(["published_on", "id"]).drop_duplicates(key, keep="last")["id"])
    frame = frame.assign(_order=period_ranks(list(frame["period"])))
    frame = frame.sort_values(["_order", "published_on", "id"], ascending=False).drop(columns="_order")
    rows = records(frame)
    for r in rows:
        r["current"] = r["id"] in current
    return rows


def number_sources(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each distinct source a footnote number (in order of first use) and mark rows with it."""
    sources: dict[str, dict[str, Any]] = {}
    for r in rows:
        sid = r["source_id"]
        if sid not in sources:
            sources[sid] = {
                "n": len(sources) + 1,
                "id": sid,
                "title": r.get("source_title"),
                "publisher": r.get("source_publisher"),
                "url": r.get("source_url"),
                "retrieved_on": r.get("source_retrieved_on"),
            }
        r["source_n"] = sources[sid]["n"]
    return list(sources.values())


def observations(
    engine: Engine,
    *,
    indicators: list[str] | None,
    areas: list[str] | None,
    period_from: str | None,
    period_to: str | None,
    as_of: dt.date | None,
    history: bool,
) -> pd.DataFrame:
    """Published observations with the API's filters (period bounds compare period start/end)."""
    frame = repo.read_observations(engine, indicators=indicators, areas=areas, as_of=as_of, history=history)
    if frame.empty:
        return frame
    if period_from:
        start = parse_period(period_from).start
        frame = frame[pd.to_datetime(frame["period_start"]).dt.date >= start]
    if period_to:
        end = parse_period(period_to).end
        frame = frame[pd.to_datetime(frame["period_end"]).dt.date <= end]
    return frame.reset_index(drop=True)


def area_list(engine: Engine, level: str | None = None) -> list[dict[str, Any]]:
    """Every area (or those of one level), ordered by level then code."""
    return stored_areas.area_rows(engine, level)


def area_detail(engine: Engine, code: str) -> dict[str, Any] | None:
    """One area with the areas it was merged from or into."""
    return stored_areas.area_with_links(engine, code)
