"""Peer comparisons: each member's latest value and rank on an indicator, members from the pack's peer group."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.period import is_year
from dxtrack.errors import DxtrackError
from dxtrack.services.frames import records
from dxtrack.store import Engine
from dxtrack.store import repository as repo
from dxtrack.store.areas import area_names

# The indicators of the peers page (shown for the pack's first peer group that lists its members).
PEER_INDICATORS: tuple[str, ...] = ("EGDI", "GII_SCORE", "IT.NET.USER.ZS", "IT.NET.BBND.P2", "SL.GDP.PCAP.EM.KD")


def peer_members(pack: ContentPack, group: str) -> list[str]:
    """Area codes of a peer group of the content pack (an error names the groups the pack has)."""
    for g in pack.peer_groups:
        if g.id == group:
            if not g.members:
                raise DxtrackError(f"peer group '{group}' of content pack {pack.id} lists no members")
            return list(g.members)
    known = ", ".join(g.id for g in pack.peer_groups) or "none"
    raise DxtrackError(f"peer group '{group}' is not defined in content pack {pack.id} (it has: {known})")


def default_group(pack: ContentPack) -> str | None:
    """The pack's first peer group with a member list (ASEAN for Resolution 52), or None."""
    return next((g.id for g in pack.peer_groups if g.members), None)


def peer_table(
    engine: Engine, pack: ContentPack, indicator: str, members: list[str], as_of: dt.date | None
) -> dict[str, Any]:
    """Each member's series and its latest value, ranked in the indicator's better direction."""
    frame = repo.read_observations(engine, indicators=[indicator], areas=members, as_of=as_of)
    names = area_names(engine, members)
    try:
        ind = pack.indicator(indicator)
    except KeyError:
        ind = None
    lower_better = ind is not None and ind.direction.value == "lower_better"
    if not frame.empty:
        frame = frame[(frame["disaggregation"] == "") & frame["period"].map(is_year)]
    series: dict[str, list[list[float]]] = defaultdict(list)
    latest: dict[str, dict[str, Any]] = {}
    for r in records(frame.sort_values("period")) if not frame.empty else []:
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


def peers_overview(engine: Engine, pack: ContentPack, group: str, as_of: dt.date | None) -> dict[str, Any]:
    """Each peer indicator's panel for the members of ``group``."""
    members = peer_members(pack, group)
    panels = {code: peer_table(engine, pack, code, members, as_of) for code in PEER_INDICATORS}
    return {"group": group, "members": members, "panels": panels}
