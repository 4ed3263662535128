"""The status board: every target with Vietnam's latest value (no judgement; that is the assessment)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.period import period_ranks
from dxtrack.store import Engine
from dxtrack.store import repository as repo


def latest_per_series(frame: pd.DataFrame) -> pd.DataFrame:
    """The most recent period of each (indicator, area), in :mod:`dxtrack.domain.period`'s order (the one
    ending last; at the same end the shorter, so a single year beats a multi-year average)."""
    if frame.empty:
        return frame
    ranked = frame.assign(_order=period_ranks(list(frame["period"])))
    ranked = ranked.sort_values(["indicator", "area", "_order", "published_on", "id"])
    return ranked.drop_duplicates(["indicator", "area"], keep="last").drop(columns="_order")


def _text(value: Any) -> bool:
    """A non-empty string (a missing cell comes back from the store as None or NaN)."""
    return isinstance(value, str) and bool(value)


def status_board(engine: Engine, pack: ContentPack, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """One row per target: indicator, area, latest period/value/source as known on ``as_of``, target, deadline."""
    indicators = sorted({t.indicator for t in pack.targets if t.indicator})
    frame = repo.read_observations(engine, indicators=indicators, as_of=as_of)
    latest = latest_per_series(frame[frame["disaggregation"] == ""] if not frame.empty else frame)
    index: dict[tuple[str, str], dict[str, Any]] = (
        {(r["indicator"], r["area"]): {str(k): v for k, v in r.items()} for r in latest.to_dict("records")}
        if not latest.empty
        else {}
    )
    rows = []
    for target in pack.targets:
        obs = index.get((target.indicator, target.area)) if target.indicator else None
        rows.append(
            {
                "target": target.id,
                "kind": target.kind.value,
                "horizon": target.horizon,
                "quote_vi": target.quote_vi,
                "indicator": target.indicator,
                "area": target.area,
                "period": obs["period"] if obs is not None else None,
                "value": float(obs["value"]) if obs is not None else None,
                "unit": obs["unit"] if obs is not None and _text(obs["unit"]) else target.unit,
                "source": (obs["source_title"] if obs is not None else None),
                "source_url": (obs["source_url"] if obs is not None else None),
                "published_on": (str(obs["published_on"]) if obs is not None else None),
                "observation_id": int(obs["id"]) if obs is not None else None,
                "comparator": target.comparator.value,
                "target_value": target.value,
                "target_unit": target.unit,
                "deadline": target.deadline,
                "peer_group": target.peer_group,
            }
        )
    return rows
