"""Judging at and after the deadline on the stored observations: picks the official value for the deadline
period (with its producer, publication and channel), the editions in force, the published ranks, and hands
them to :mod:`dxtrack.analysis.judging`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from dxtrack.analysis import judging
from dxtrack.analysis.judging import EditionRank, Release
from dxtrack.analysis.status import TargetResult
from dxtrack.domain.catalog import ContentPack, Target, TargetKind


def release_of(row: Any) -> Release:
    """An observation row as the value that judges: producer and publication apart from the channel."""
    released = _date(getattr(row, "released_on", None))
    producer = getattr(row, "producer", None) or getattr(row, "source_publisher", None)
    return Release(
        period=str(row.period),
        value=float(row.value),
        obs_id=None if pd.isna(row.id) else int(row.id),
        producer=None if _missing(producer) else str(producer),
        edition=None if _missing(getattr(row, "edition", None)) else str(row.edition),
        released_on=(released or _date(row.published_on)),
        date_basis="release" if released else "convention",
        channel=None if _missing(getattr(row, "source_title", None)) else str(row.source_title),
    )


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, float) and pd.isna(x)) or x == ""


def _date(x: Any) -> str | None:
    if _missing(x) or x is pd.NaT:
        return None
    if isinstance(x, dt.datetime):
        return x.date().isoformat()
    if isinstance(x, dt.date):
        return x.isoformat()
    return str(x)[:10]


def _rows(obs: pd.DataFrame, indicator: str, area: str) -> pd.DataFrame:
    if obs.empty:
        return obs
    return obs[(obs["indicator"] == indicator) & (obs["area"] == area) & (obs["disaggregation"] == "")]


def rate_level_frame(obs: pd.DataFrame, target: Target) -> pd.DataFrame:
    """A growth-rate series as a compounded index over the target's window (see ``levels_from_rates``)."""
    assert target.indicator and target.window
    rows = _rows(obs, target.indicator, target.area)
    yearly = [
        (int(str(r.period)), float(str(r.value)), int(str(r.id))) for r in rows.itertuples() if str(r.period).isdigit()
    ]
    levels = judging.levels_from_rates(yearly, int(target.window[0]))
    return pd.DataFrame(
        [
            {"indicator": target.indicator, "area": target.area, "period": str(y), "value": v, "obs_id": ref}
            for y, v, ref in levels
        ],
        columns=["indicator", "area", "period", "value", "obs_id"],
    )


def at_deadline(
    pack: ContentPack, target: Target, result: TargetResult, obs: pd.DataFrame, as_of: dt.date, since: int
) -> TargetResult:
    """The result judged at the deadline where it has passed (or the outcome is decided), then reconciled so
    that no probability contradicts its status."""
    if not target.indicator or target.deadline is None or target.value is None:
        return judging.reconcile(result)
    indicator = pack.indicator(target.indicator)
    rows = _rows(obs, target.indicator, target.area)
    if target.kind is TargetKind.rank:
        out = judging.judge_rank(
            _with_official(pack, target, result, obs),
            editions=_editions(pack, target, result, obs),
            k=int(target.value),
            deadline=target.deadline,
            as_of=as_of,
            edition_every=indicator.edition_every,
            maintain=target.maintain,
            since=since,
        )
    elif target.kind is TargetKind.growth and indicator.growth_rate and target.window:
        first, last = int(target.window[0]), int(target.window[1])
        window_rows = rows[rows["period"] == f"{first}-{last}"]
        out = judging.judge_rate_window(
            result,
            yearly=[release_of(r) for r in rows.itertuples() if str(r.period).isdigit()],
            window_value=release_of(next(window_rows.itertuples())) if not window_rows.empty else None,
            window=(first, last),
            comparator=target.comparator.value,
            target=float(target.value),
            tolerance=target.tolerance,
            bounds=indicator.bounds,
            as_of=as_of,
        )
    elif target.kind is TargetKind.threshold:
        hit = rows[rows["period"] == str(target.deadline)] if not rows.empty else rows
        out = judging.judge_level(
            result,
            official=release_of(next(hit.itertuples())) if not hit.empty else None,
            deadline=target.deadline,
            comparator=target.comparator.value,
            target=float(target.value),
            tolerance=target.tolerance,
            higher_better=indicator.direction.value != "lower_better",
            as_of=as_of,
        )
    else:
        out = result
    return judging.reconcile(out)


def _official_ranks(target: Target, obs: pd.DataFrame) -> dict[int, Any]:
    if not target.official_rank:
        return {}
    rows = _rows(obs, target.official_rank, target.area)
    if rows.empty or "producer" not in rows.columns:
        return {}
    # a published rank names its producer; a document's figure (the Conclusion's "4th") is not an edition's rank
    return {int(str(r.period)): r for r in rows.itertuples() if str(r.period).isdigit() and not _missing(r.producer)}


def _with_official(pack: ContentPack, target: Target, result: TargetResult, obs: pd.DataFrame) -> TargetResult:
    """The editions table with published ranks taking precedence (the computed rank kept beside)."""
    from dataclasses import replace

    official = _official_ranks(target, obs)
    if not official:
        return result
    table: list[dict[str, Any]] = [dict(e) for e in (result.extra.get("editions") or [])]
    seen = set()
    for row in table:
        edition = int(row["period"])
        seen.add(edition)
        if edition in official:
            row["computed_rank"], row["computed_missing"] = row.get("rank"), row.get("missing") or []
            row["rank"], row["n_ranked"], row["missing"] = float(official[edition].value), None, []
            row["official"] = True
    for edition, r in official.items():
        if edition not in seen:
            table.append({"period": edition, "rank": float(r.value), "official": True, "missing": []})
    table.sort(key=lambda row: int(row["period"]))
    return replace(result, extra={**dict(result.extra), "editions": table})


def _editions(pack: ContentPack, target: Target, result: TargetResult, obs: pd.DataFrame) -> list[EditionRank]:
    """Each edition's rank for the judgement: published where it exists, else computed (with missing peers)."""
    assert target.indicator
    official = _official_ranks(target, obs)
    focus = {
        int(str(r.period)): r for r in _rows(obs, target.indicator, target.area).itertuples() if str(r.period).isdigit()
    }
    world = target.peer_group is None or not next(
        (g.members for g in pack.peer_groups if g.id == target.peer_group), None
    )
    out: list[EditionRank] = []
    table = {int(e["period"]): e for e in (result.extra.get("editions") or [])}
    for edition in sorted(set(table) | set(official)):
        e = table.get(edition, {})
        if edition in official:
            out.append(
                EditionRank(edition, float(official[edition].value), True, (), None, release_of(official[edition]))
            )
            continue
        rank = e.get("rank")
        rel = release_of(focus[edition]) if edition in focus else None
        out.append(
            EditionRank(
                edition,
                None if rank is None else float(rank),
                world,
                tuple(e.get("missing") or ()),
                e.get("n_ranked"),
                rel,
            )
        )
    return out
