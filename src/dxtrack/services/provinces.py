"""Provinces for the pages: the 63 provinces as published and the 34 units of 1 July 2025, both from the one
re-aggregation path of the scorecard (:func:`dxtrack.services.scorecard.build_scorecard`, the same rows that
``dxtrack index provinces`` prints) of the content pack's scorecard. The rules come from the pack's indicators:
DTI score = mean of *all* predecessors' scores, the 34-unit DTI rank re-ranked from those scores (never an
average of ranks), population summed. A pack without a scorecard gives an empty view (``scorecard`` None)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.services.frames import records
from dxtrack.services.scorecard import build_scorecard
from dxtrack.services.series import area_list
from dxtrack.store import Engine
from dxtrack.store import repository as repo

DTI_YEAR = 2022


def _num(value: Any) -> float | None:
    if value is None:
        return None
    x = float(value)
    return None if math.isnan(x) else x


def province_view(
    engine: Engine, pack: ContentPack, which: str, as_of: dt.date | None, year: int = DTI_YEAR
) -> dict[str, Any]:
    """Rows of the 63 provinces (``which="63"``) or the 34 units (``"34"``) with DTI rank, score and population
    of ``year``; a 34-unit row lists its predecessors with their 63-province rank."""
    if not pack.scorecard:
        return {
            "set": which,
            "year": year,
            "scorecard": None,
            "dti_source": None,
            "pop_source": None,
            "rows": [],
            "notes": [],
            "n_scores": 0,
            "n_ranked": 0,
        }
    sc = build_scorecard(engine, pack, year=year, as_of=as_of)
    areas = {a["code"]: a for a in area_list(engine, "province")}

    def base(code: str) -> dict[str, Any]:
        a = areas.get(code, {})
        attrs = a.get("attributes") or {}
        return {
            "area": code,
            "gso_code": a.get("gso_code"),
            "name_vi": a.get("name_vi", code),
            "name_en": a.get("name_en", code),
            "region_vi": attrs.get("region_vi"),
            "region_en": attrs.get("region_en"),
        }

    v63: dict[str, dict[Any, Any]] = {str(r["area"]): r for r in sc.view63.to_dict("records")}
    rows: list[dict[str, Any]] = []
    if which == "63":
        for code, r in v63.items():
            rows.append(
                {
                    **base(code),
                    "rank": _num(r.get("PDTI_RANK")),
                    "dti": _num(r.get("PDTI")),
                    "population": _num(r.get("POP_AVG")),
                    "predecessors": [],
                    "derived": False,
                }
            )
    else:
        for r in sc.view34.to_dict("records"):
            code = str(r["area"])
            preds = [p.strip() for p in str(r.get("predecessors") or "").split(",") if p.strip()]
            preds.sort(key=lambda c: areas.get(c, {}).get("gso_code") or c)
            rows.append(
                {
                    **base(code),
                    "rank": _num(r.get("PDTI_RANK")),
                    "dti": _num(r.get("PDTI")),
                    "best_predecessor_rank": _num(r.get("best_predecessor_rank_63")),
                    "population": _num(r.get("POP_AVG")),
                    "predecessors": [
                        {
                            **base(c),
                            "rank": _num(v63.get(c, {}).get("PDTI_RANK")),
                            "dti": _num(v63.get(c, {}).get("PDTI")),
                        }
                        for c in preds
                    ],
                    "derived": len(preds) > 1,
                }
            )
    frame = repo.read_observations(engine, indicators=["PDTI_RANK", "POP_AVG"], as_of=as_of)
    sources: dict[str, str] = {}
    for r in records(frame[frame["period"] == str(year)]) if not frame.empty else []:
        sources.setdefault(str(r["indicator"]), str(r["source_title"]))
    return {
        "set": which,
        "year": year,
        "scorecard": pack.scorecard,
        "dti_source": sources.get("PDTI_RANK"),
        "pop_source": sources.get("POP_AVG"),
        "rows": rows,
        "notes": list(sc.notes),
        "n_scores": sum(1 for r in rows if r["dti"] is not None),
        "n_ranked": sum(1 for r in rows if r["rank"] is not None),
    }
