"""The board every interface shows: each target's latest figure joined with its typed assessment."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.period import AnnualRule
from dxtrack.services.records import evidence as evidence_records
from dxtrack.services.results import Assessment
from dxtrack.services.series import vietnam_series
from dxtrack.services.status import status_board
from dxtrack.store import Engine


def board(
    engine: Engine, pack: ContentPack, as_of: dt.date | None, assessed: Mapping[str, Assessment] | None
) -> dict[str, Any]:
    """Status-board rows (every target) with ``assessment`` (the typed result, or None when not assessed)."""
    rows = status_board(engine, pack, as_of)
    growth = latest_growth(engine, pack, as_of)
    evidence_count: dict[str, int] = defaultdict(int)
    for e in evidence_records(engine, None, as_of):
        evidence_count[e["target_id"]] += 1
    for row in rows:
        a = (assessed or {}).get(row["target"])
        target = pack.target(row["target"])
        row["assessment"] = a
        row["status"] = a.status if a is not None else None
        row["probability"] = a.probability if a is not None else None
        row["gloss_en"] = target.gloss_en
        row["doc"] = target.doc
        row["section"] = target.section
        row["latest_growth"] = growth.get(row["indicator"]) if row["kind"] == "growth" else None
        row["evidence_count"] = evidence_count.get(row["target"], 0)
    return {"rows": rows, "assessed": assessed is not None}


def latest_growth(engine: Engine, pack: ContentPack, as_of: dt.date | None) -> dict[str, dict[str, Any]]:
    """Latest year-on-year % change of the indicators of growth targets (the focus area), for display."""
    codes = sorted({t.indicator for t in pack.targets if t.kind.value == "growth" and t.indicator})
    out: dict[str, dict[str, Any]] = {}
    for code in codes:
        area = next(t.area for t in pack.targets if t.indicator == code)
        series = vietnam_series(engine, code, area, as_of, _rule(pack, code))
        growth = growth_series(series)
        complete = [p for p in series if not p["partial"]]
        if growth and growth[-1]["year"] == complete[-1]["year"]:  # the change into the latest complete year
            out[code] = growth[-1]
    return out


def _rule(pack: ContentPack, code: str) -> AnnualRule:
    try:
        return pack.indicator(code).annual_rule
    except KeyError:
        return "latest"


def growth_series(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Year-on-year % change of consecutive complete years (a partial year is not compared with whole ones)."""
    out = []
    for a, b in itertools.pairwise([p for p in series if not p.get("partial")]):
        if b["year"] == a["year"] + 1 and a["value"]:
            out.append({"year": b["year"], "value": (b["value"] / a["value"] - 1) * 100})
    return out
