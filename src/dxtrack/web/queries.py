"""Read model of the web app: what the pages and the API show, built from services and the store.

Only published observations are ever read (the repository's default). Functions return plain dicts and
lists so templates and pydantic response models can both use them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from typing import Any

import pandas as pd
from sqlalchemy import select

from dxtrack.domain.catalog import Target
from dxtrack.domain.period import Reading, annualise, is_year, parse_period, period_ranks
from dxtrack.services.records import evidence as evidence_records
from dxtrack.services.status import status_board
from dxtrack.store import repository as repo
from dxtrack.store import schema
from dxtrack.web.state import WebState

ASEAN = ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "VNM")
PEER_INDICATORS = ("EGDI", "GII_SCORE", "IT.NET.USER.ZS", "IT.NET.BBND.P2", "SL.GDP.PCAP.EM.KD")
DTI_YEAR = "2022"
POP_YEAR = "2024"


def _clean(value: Any) -> Any:
    """None for NaN/NaT so JSON and templates see a missing value, not 'nan'."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with NaN/NaT turned into None."""
    return [{str(k): _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def peer_members(state: WebState, group: str | None) -> list[str]:
    """Area codes of a peer group from the content pack (ASEAN by default)."""
    for g in state.pack.peer_groups:
        if g.id == (group or "ASEAN") and g.members:
            return list(g.members)
    return list(ASEAN)


# ---------------------------------------------------------------------------------------------- board
def board(state: WebState, as_of: dt.date | None) -> dict[str, Any]:
    """Status board rows (every target) joined with its assessment when the service exists."""

    def build() -> dict[str, Any]:
        rows = status_board(state.engine, state.pack, as_of)
        assessed = state.assessments(as_of)
        growth = _latest_growth(state, as_of)
        evidence_count: dict[str, int] = defaultdict(int)
        for e in evidence_records(state.engine, None, as_of):
            evidence_count[e["target_id"]] += 1
        for row in rows:
            a = (assessed or {}).get(row["target"])
            row["assessment"] = a
            row["status"] = (a or {}).get("status") if assessed is not None else None
            row["probability"] = _clean((a or {}).get("probability"))
            target = state.pack.target(row["target"])
            row["gloss_en"] = target.gloss_en
            row["doc"] = target.doc
            row["section"] = target.section
            row["latest_growth"] = growth.get(row["indicator"]) if row["kind"] == "growth" else None
            row["asean_rank"] = _asean_rank(a) if target.peer_group == "ASEAN" else None
            row["evidence_count"] = evidence_count.get(row["target"], 0)
        return {"rows": rows, "assessed": assessed is not None}

    result: dict[str, Any] = state.cached(("board", as_of), build)
    return result


def _asean_rank(assessment: dict[str, Any] | None) -> dict[str, Any] | None:
    """The latest edition in which the target area has a rank within its peer group."""
    ranks = [r for r in (assessment or {}).get("peer_ranks") or [] if r.get("rank") is not None]
    return ranks[-1] if ranks else None


def _latest_growth(state: WebState, as_of: dt.date | None) -> dict[str, dict[str, Any]]:
    """Latest year-on-year % change of the indicators of growth targets (Vietnam), for display."""
    codes = sorted({t.indicator for t in state.pack.targets if t.kind.value == "growth" and t.indicator})
    out: dict[str, dict[str, Any]] = {}
    for code in codes:
        series = vietnam_series(state, code, "VNM", as_of)
        years = [p for p in series if p["year"] is not None and not p.get("partial")]
        if len(years) >= 2 and years[-2]["value"]:
            a, b = years[-2], years[-1]
            if b["year"] == a["year"] + 1:
                out[code] = {"year": b["year"], "value": (b["value"] / a["value"] - 1) * 100}
    return out


# --------------------------------------------------------------------------------------------- target
def vietnam_series(state: WebState, indicator: str, area: str, as_of: dt.date | None) -> list[dict[str, Any]]:
    """One value per year of one series (sub-annual periods annualised by the indicator's rule), oldest first."""
    with state.engine.connect() as conn:
        frame = repo.observations(conn, indicators=[indicator], areas=[area], as_of=as_of)
    if frame.empty:
        return []
    frame = frame[frame["disaggregation"] == ""]
    ind = _indicator_or_none(state, indicator)
    readings = [Reading(str(r["period"]), float(r["value"]), int(r["id"])) for r in _records(frame)]
    return [
        {"year": a.year, "value": a.value, "id": a.used[-1].ref, "period": a.period, "partial": a.partial}
        for a in annualise(readings, ind.annual_rule if ind else "latest").values
    ]


def growth_series(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Year-on-year % change of consecutive complete years."""
    out = []
    for a, b in itertools.pairwise([p for p in series if not p.get("partial")]):
        if b["year"] == a["year"] + 1 and a["value"]:
            out.append({"year": b["year"], "value": (b["value"] / a["value"] - 1) * 100})
    return out


def target_detail(state: WebState, target: Target, as_of: dt.date | None) -> dict[str, Any]:
    """Everything the target page shows: board row, assessment, series, revisions, peers, evidence."""
    row = next(r for r in board(state, as_of)["rows"] if r["target"] == target.id)
    assessment = state.assessment_detail(target.id, as_of) if row["assessment"] is not None else None
    detail: dict[str, Any] = {"row": row, "assessment": assessment or row["assessment"], "target": target}
    detail["indicator"] = _indicator_or_none(state, target.indicator)
    detail["series"] = vietnam_series(state, target.indicator, target.area, as_of) if target.indicator else []
    detail["growth"] = growth_series(detail["series"]) if target.kind.value == "growth" else []
    detail["history"] = target_history(state, target, as_of)
    detail["sources"] = number_sources(detail["history"])
    detail["evidence_indicators"] = [
        i for i in (_indicator_or_none(state, c) for c in target.evidence_indicators) if i is not None
    ]
    detail["peers"] = (
        peer_table(state, target.indicator, peer_members(state, target.peer_group), as_of)
        if target.indicator and target.kind.value == "rank"
        else None
    )
    detail["evidence"] = evidence_records(state.engine, target.id, as_of)
    detail["related"] = [state.pack.target(r) for r in target.related_targets if _has_target(state, r)]
    return detail


def _has_target(state: WebState, target_id: str) -> bool:
    return any(t.id == target_id for t in state.pack.targets)


def _indicator_or_none(state: WebState, code: str | None) -> Any:
    if not code:
        return None
    try:
        return state.pack.indicator(code)
    except KeyError:
        return None


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


def target_history(state: WebState, target: Target, as_of: dt.date | None) -> list[dict[str, Any]]:
    """Every published revision of the target's series (all periods), newest period first."""
    if not target.indicator:
        return []
    with state.engine.connect() as conn:
        frame = repo.observations(conn, indicators=[target.indicator], areas=[target.area], as_of=as_of, history=True)
    if frame.empty:
        return []
    key = ["indicator", "area", "period", "disaggregation"]
    current = set(frame.sort_values(["published_on", "id"]).drop_duplicates(key, keep="last")["id"])
    frame = frame.assign(_order=period_ranks(list(frame["period"])))
    frame = frame.sort_values(["_order", "published_on", "id"], ascending=False).drop(columns="_order")
    rows = _records(frame)
    for r in rows:
        r["current"] = r["id"] in current
    return rows


# ---------------------------------------------------------------------------------------------- peers
def peer_table(state: WebState, indicator: str, members: list[str], as_of: dt.date | None) -> dict[str, Any]:
    """Each member's series and its latest value, ranked in the indicator's better direction."""
    with state.engine.connect() as conn:
        frame = repo.observations(conn, indicators=[indicator], areas=members, as_of=as_of)
        names = {
            r.code: (r.name_vi, r.name_en)
            for r in conn.execute(select(schema.area.c.code, schema.area.c.name_vi, schema.area.c.name_en))
            if r.code in members
        }
    ind = _indicator_or_none(state, indicator)
    lower_better = ind is not None and ind.direction.value == "lower_better"
    if not frame.empty:
        frame = frame[(frame["disaggregation"] == "") & frame["period"].map(is_year)]
    series: dict[str, list[list[float]]] = defaultdict(list)
    latest: dict[str, dict[str, Any]] = {}
    for r in _records(frame.sort_values("period")) if not frame.empty else []:
        year, value = int(r["period"]), float(r["value"])
        series[r["area"]].append([year, value])
        latest[r["area"]] = {"year": year, "value": value, "source": r["source_title"], "id": int(r["id"])}
    rows = []
    for code in members:
        name_vi, name_en = names.get(code, (code, code))
        rows.append({"area": code, "name_vi": name_vi, "name_en": name_en, **latest.get(code, {})})
    with_value = [r for r in rows if r.get("value") is not None]
    with_value.sort(key=lambda r: r["value"], reverse=not lower_better)
    for i, r in enumerate(with_value, start=1):
        r["rank"] = i
    rows.sort(key=lambda r: (r.get("rank") is None, r.get("rank") or 0))
    years = sorted({y for pts in series.values() for y, _ in pts})
    latest_year = max((r["year"] for r in with_value), default=None)
    return {
        "indicator": indicator,
        "name_vi": ind.name_vi if ind else indicator,
        "name_en": ind.name_en if ind else indicator,
        "unit": ind.unit if ind else "",
        "lower_better": lower_better,
        "rows": rows,
        "series": {code: series.get(code, []) for code in members},
        "years": years,
        "latest_year": latest_year,
    }


def peers_overview(state: WebState, as_of: dt.date | None) -> dict[str, Any]:
    """Vietnam's latest value and ASEAN rank on each peer indicator, plus each indicator's panel."""

    def build() -> dict[str, Any]:
        members = peer_members(state, "ASEAN")
        panels = {code: peer_table(state, code, members, as_of) for code in PEER_INDICATORS}
        return {"members": members, "panels": panels}

    result: dict[str, Any] = state.cached(("peers", as_of), build)
    return result


# ------------------------------------------------------------------------------------------ provinces
def provinces(state: WebState, which: str, as_of: dt.date | None) -> dict[str, Any]:
    """DTI 2022 and population by province: the 63 as published, or carried onto the 34 new units.

    DTI 2022 has an official rank for all 63 provinces but a published score only for the top five. The
    carry-over uses the area succession and each indicator's aggregation rule from the content pack (DTI:
    simple mean of the predecessors, so the mean score where every predecessor has one, and the mean rank;
    population: sum). The 34 units are then ordered by the mean rank of their predecessors.
    """

    def build() -> dict[str, Any]:
        area, succ = schema.area, schema.area_succession
        with state.engine.connect() as conn:
            areas = [dict(r._mapping) for r in conn.execute(select(area).where(area.c.level == "province"))]
            links = [dict(r._mapping) for r in conn.execute(select(succ))]
            frame = repo.observations(conn, indicators=["PDTI", "PDTI_RANK", "POP_AVG"], as_of=as_of)
        old = {a["code"]: a for a in areas if a["code"].startswith("VN63_")}
        new = {a["code"]: a for a in areas if a["code"].startswith("VN34_")}
        values: dict[tuple[str, str], float] = {}
        sources: dict[str, str] = {}
        if not frame.empty:
            for r in _records(frame):
                ind = str(r["indicator"])
                want = DTI_YEAR if ind in ("PDTI", "PDTI_RANK") else POP_YEAR
                if r["period"] == want and r["disaggregation"] == "":
                    values[(ind, str(r["area"]))] = float(r["value"])
                    sources.setdefault("PDTI" if ind.startswith("PDTI") else ind, r["source_title"])

        def base_row(code: str, a: dict[str, Any]) -> dict[str, Any]:
            attrs = a.get("attributes") or {}
            return {
                "area": code,
                "gso_code": a["gso_code"],
                "name_vi": a["name_vi"],
                "name_en": a["name_en"],
                "region_vi": attrs.get("region_vi"),
                "region_en": attrs.get("region_en"),
            }

        rows: list[dict[str, Any]] = []
        if which == "63":
            for code, a in sorted(old.items(), key=lambda kv: kv[1]["gso_code"] or ""):
                rank = values.get(("PDTI_RANK", code))
                rows.append(
                    {
                        **base_row(code, a),
                        "dti": values.get(("PDTI", code)),
                        "rank": rank,
                        "mean_rank": rank,
                        "population": values.get(("POP_AVG", code)),
                        "predecessors": [],
                        "derived": False,
                    }
                )
        else:
            rule_dti = _aggregation(state, "PDTI", "mean")
            rule_pop = _aggregation(state, "POP_AVG", "sum")
            preds: dict[str, list[str]] = defaultdict(list)
            for link in links:
                if link["to_area"] in new and link["from_area"] in old:
                    preds[link["to_area"]].append(link["from_area"])
            for code, a in sorted(new.items(), key=lambda kv: kv[1]["gso_code"] or ""):
                from_codes = sorted(preds.get(code, []), key=lambda c: old[c]["gso_code"] or c)

                def carried(indicator: str, rule: str, codes: list[str] = from_codes) -> float | None:
                    got = [values[(indicator, c)] for c in codes if (indicator, c) in values]
                    return _combine(rule, got) if got and len(got) == len(codes) else None

                rows.append(
                    {
                        **base_row(code, a),
                        "dti": carried("PDTI", rule_dti),
                        "rank": None,
                        "mean_rank": carried("PDTI_RANK", rule_dti),
                        "population": carried("POP_AVG", rule_pop),
                        "predecessors": [
                            {
                                "area": c,
                                "name_vi": old[c]["name_vi"],
                                "name_en": old[c]["name_en"],
                                "rank": values.get(("PDTI_RANK", c)),
                                "dti": values.get(("PDTI", c)),
                            }
                            for c in from_codes
                        ],
                        "derived": len(from_codes) > 1,
                    }
                )
            means = [r["mean_rank"] for r in rows if r["mean_rank"] is not None]
            for r in rows:
                if r["mean_rank"] is not None:
                    r["rank"] = 1 + sum(1 for m in means if m < r["mean_rank"])
        rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["gso_code"] or ""))
        return {
            "set": which,
            "rows": rows,
            "dti_source": sources.get("PDTI"),
            "pop_source": sources.get("POP_AVG"),
            "n_scores": sum(1 for r in rows if r["dti"] is not None),
        }

    result: dict[str, Any] = state.cached(("provinces", which, as_of), build)
    return result


def _aggregation(state: WebState, code: str, default: str) -> str:
    ind = _indicator_or_none(state, code)
    return ind.aggregation.kind.value if ind is not None else default


def _combine(rule: str, values: list[float]) -> float:
    if rule == "sum":
        return float(sum(values))
    if rule == "max":
        return float(max(values))
    if rule == "min":
        return float(min(values))
    return float(sum(values) / len(values))


# ---------------------------------------------------------------------------------------------- tasks
def tasks(state: WebState, as_of: dt.date | None) -> dict[str, Any]:
    """Policy groups with their tasks, the bodies and their duties, and all evidence recorded."""
    bodies = {b.id: b for b in state.pack.bodies}
    targets = {t.id: t for t in state.pack.targets}
    groups = []
    for g in state.pack.policy_groups:
        groups.append(
            {
                "group": g,
                "tasks": [
                    {
                        "task": task,
                        "bodies": [bodies[b] for b in task.bodies if b in bodies],
                        "unknown_bodies": [b for b in task.bodies if b not in bodies],
                        "targets": [targets[x] for x in task.targets if x in targets],
                    }
                    for task in g.tasks
                ],
            }
        )
    return {
        "groups": groups,
        "bodies": list(state.pack.bodies),
        "evidence": evidence_records(state.engine, None, as_of),
    }


# ------------------------------------------------------------------------------------- API primitives
def observations(
    state: WebState,
    *,
    indicators: list[str] | None,
    areas: list[str] | None,
    period_from: str | None,
    period_to: str | None,
    as_of: dt.date | None,
    history: bool,
) -> pd.DataFrame:
    """Published observations with the API's filters (period bounds compare period start/end)."""
    with state.engine.connect() as conn:
        frame = repo.observations(conn, indicators=indicators, areas=areas, as_of=as_of, history=history)
    if frame.empty:
        return frame
    if period_from:
        start = parse_period(period_from).start
        frame = frame[pd.to_datetime(frame["period_start"]).dt.date >= start]
    if period_to:
        end = parse_period(period_to).end
        frame = frame[pd.to_datetime(frame["period_end"]).dt.date <= end]
    return frame.reset_index(drop=True)


def observation_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return _records(frame)


def areas(state: WebState, level: str | None = None) -> list[dict[str, Any]]:
    a = schema.area
    query = select(a).order_by(a.c.level, a.c.code)
    if level:
        query = query.where(a.c.level == level)
    with state.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def area(state: WebState, code: str) -> dict[str, Any] | None:
    a, s = schema.area, schema.area_succession
    with state.engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.code == code)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["successors"] = [r.to_area for r in conn.execute(select(s.c.to_area).where(s.c.from_area == code))]
        out["predecessors"] = [r.from_area for r in conn.execute(select(s.c.from_area).where(s.c.to_area == code))]
    return out
