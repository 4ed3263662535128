"""One target's page: its board row, typed assessment, series, revisions with sources, peers and evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from dxtrack.domain.catalog import ContentPack, Target
from dxtrack.services.board import board, growth_series
from dxtrack.services.peers import peer_members, peer_table
from dxtrack.services.records import evidence as evidence_records
from dxtrack.services.results import Assessment
from dxtrack.services.series import number_sources, target_history, vietnam_series
from dxtrack.store import Engine


def target_detail(
    engine: Engine,
    pack: ContentPack,
    target: Target,
    as_of: dt.date | None,
    assessed: Mapping[str, Assessment],
    detail: Assessment | None,
) -> dict[str, Any]:
    """Everything the target page shows; ``detail`` is the target's assessment in detail."""
    row = next(r for r in board(engine, pack, as_of, assessed)["rows"] if r["target"] == target.id)
    out: dict[str, Any] = {"row": row, "assessment": detail or row["assessment"], "target": target}
    out["indicator"] = _indicator(pack, target.indicator)
    out["series"] = (
        vietnam_series(engine, target.indicator, target.area, as_of, out["indicator"].annual_rule)
        if target.indicator and out["indicator"] is not None
        else []
    )
    out["growth"] = growth_series(out["series"]) if target.kind.value == "growth" else []
    out["history"] = target_history(engine, target, as_of)
    out["sources"] = number_sources(out["history"])
    out["evidence_indicators"] = [i for i in (_indicator(pack, c) for c in target.evidence_indicators) if i is not None]
    members = None
    if target.indicator and target.kind.value == "rank" and target.peer_group and _has_members(pack, target):
        members = peer_members(pack, target.peer_group)
    out["peers"] = peer_table(engine, pack, target.indicator, members, as_of) if members and target.indicator else None
    out["evidence"] = evidence_records(engine, target.id, as_of)
    ids = {t.id for t in pack.targets}
    out["related"] = [pack.target(r) for r in target.related_targets if r in ids]
    return out


def _has_members(pack: ContentPack, target: Target) -> bool:
    return any(g.id == target.peer_group and g.members for g in pack.peer_groups)


def _indicator(pack: ContentPack, code: str | None) -> Any:
    if not code:
        return None
    try:
        return pack.indicator(code)
    except KeyError:
        return None
