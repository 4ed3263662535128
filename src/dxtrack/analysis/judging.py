"""Judging a target at and after its deadline, and keeping a probability from contradicting its status.

Once the deadline year has ended, a target is judged on the official value for the deadline period
(``target_achieved`` / ``target_not_achieved``, with the figure, its producer and its release). Until that
value is released the target is ``awaiting_official_data`` (the latest value and the forecast stay, labelled
as an estimate) — unless the outcome is already decided whatever the missing value, which is then said.
For editions (GII, UN survey) the edition in force at the deadline decides, and no edition the schedule does
not foresee is forecast. A "maintain" target also reports whether the position held in every edition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from dxtrack.analysis.status import Point, TargetResult
from dxtrack.domain.status import Reason, Status

__all__ = [
    "EditionRank",
    "Release",
    "deadline_passed",
    "judge_level",
    "judge_rank",
    "judge_rate_window",
    "meets",
    "reconcile",
]

FINAL = (Status.TARGET_ACHIEVED.value, Status.TARGET_NOT_ACHIEVED.value)
PROGRESS_GOOD = (Status.TARGET_ACHIEVED.value, Status.SUBSTANTIAL_PROGRESS.value)
PROGRESS_BAD = (Status.LIMITED_PROGRESS.value, Status.DETERIORATION.value)


@dataclass(frozen=True)
class Release:
    """The value that judges: its period, the producer and its publication (edition, release date), the channel
    it was retrieved through; ``date_basis`` is ``release`` when the date is the actual release, else
    ``convention`` (a stated rule)."""

    period: str
    value: float
    obs_id: int | None = None
    producer: str | None = None
    edition: str | None = None
    released_on: str | None = None
    date_basis: str = "release"
    channel: str | None = None


@dataclass(frozen=True)
class EditionRank:
    """The focus area's rank within its peer group in one edition: published (``official``) or computed from
    the members' data, with the members lacking data in that edition."""

    edition: int
    rank: float | None
    official: bool = False
    missing: tuple[str, ...] = ()
    n_ranked: int | None = None
    release: Release | None = None


def deadline_passed(deadline: int | None, as_of: dt.date) -> bool:
    """Whether the deadline year has ended on ``as_of``."""
    return deadline is not None and as_of > dt.date(deadline, 12, 31)


def meets(value: float, comparator: str, target: float, tolerance: float | None, higher_better: bool = True) -> bool:
    """Whether ``value`` satisfies the target (``about``: within the tolerance, or beyond it on the good side)."""
    if comparator == ">=":
        return value >= target
    if comparator == ">":
        return value > target
    if comparator == "<=":
        return value <= target
    if comparator == "<":
        return value < target
    if comparator == "about":
        band = tolerance or 0.0
        return value >= target - band if higher_better else value <= target + band
    return value == target


def _final(result: TargetResult, ok: bool, release: Release, why: Reason, latest: Point, **extra: Any) -> TargetResult:
    status = Status.TARGET_ACHIEVED.value if ok else Status.TARGET_NOT_ACHIEVED.value
    detail = f"{status}: {release.value:g} in {release.period}"
    if release.producer:
        detail += f" ({release.producer}"
        detail += f", released {release.released_on})" if release.released_on else ")"
    merged = {**dict(result.extra), "official": asdict(release), "judged": why.to_dict(), **extra}
    if forecast := _forecast_of(result):
        merged["forecast_before_deadline"] = forecast
    return replace(
        result,
        status=status,
        detail=detail,
        latest=latest,
        probability=None,
        projection=None,
        missing=None,
        reason=None,
        extra=merged,
    )


def _forecast_of(result: TargetResult) -> dict[str, Any] | None:
    """The result's probability and projection, kept beside a verdict or a wait (None when it has neither)."""
    if result.probability is None and result.projection is None:
        return None
    return {
        "probability": result.probability,
        "projection": None if result.projection is None else asdict(result.projection),
    }


def _awaiting(result: TargetResult, period: str, **extra: Any) -> TargetResult:
    merged = {**dict(result.extra), **extra}
    if forecast := _forecast_of(result):
        merged["estimate"] = forecast
    return replace(
        result,
        status=Status.AWAITING_OFFICIAL_DATA.value,
        detail=f"awaiting official data for {period}",
        missing=f"official value for {period} not yet released",
        reason=Reason("awaiting_official", {"period": period}),
        extra=merged,
    )


def judge_level(
    result: TargetResult,
    *,
    official: Release | None,
    deadline: int,
    comparator: str,
    target: float,
    tolerance: float | None,
    higher_better: bool,
    as_of: dt.date,
) -> TargetResult:
    """A level target after its deadline: the official value for the deadline year judges it; without it the
    target awaits official data."""
    if not deadline_passed(deadline, as_of) or (result.status == Status.INSUFFICIENT_DATA.value and official is None):
        return result
    if official is None:
        return _awaiting(result, str(deadline))
    ok = meets(official.value, comparator, target, tolerance, higher_better)
    why = Reason("judged_on_official", {"period": official.period})
    return _final(result, ok, official, why, Point(official.period, official.value))


def judge_rate_window(
    result: TargetResult,
    *,
    yearly: Sequence[Release],
    window_value: Release | None,
    window: tuple[int, int],
    comparator: str,
    target: float,
    tolerance: float | None,
    bounds: tuple[float, float] | None,
    as_of: dt.date,
) -> TargetResult:
    """A growth target on a series of annual growth rates (%): the published average for the whole window
    judges it; else the mean of every year of the window once all are released; else, after the deadline,
    it awaits the missing years unless no value within ``bounds`` could change the outcome."""
    first, last = window
    label = f"{first}-{last}"
    if window_value is not None:
        ok = meets(window_value.value, comparator, target, tolerance)
        why = Reason("judged_on_window_average", {"first": first, "last": last})
        return _final(result, ok, window_value, why, Point(label, window_value.value))
    inside = sorted(
        (r for r in yearly if r.period.isdigit() and first <= int(r.period) <= last), key=lambda r: r.period
    )
    n = last - first + 1
    if len(inside) == n:
        mean = sum(r.value for r in inside) / n
        basis = replace(inside[-1], period=label, value=mean)
        ok = meets(mean, comparator, target, tolerance)
        why = Reason("judged_on_yearly_mean", {"first": first, "last": last})
        return _final(result, ok, basis, why, Point(label, mean))
    if not deadline_passed(last, as_of):
        return result
    if inside and bounds is not None:
        known = sum(r.value for r in inside)
        rest = n - len(inside)
        best = (known + rest * bounds[1]) / n
        worst = (known + rest * bounds[0]) / n
        decided = None
        if not meets(best, comparator, target, tolerance):
            decided = False
        elif meets(worst, comparator, target, tolerance):
            decided = True
        if decided is not None:
            basis = replace(inside[-1], period=label, value=known / len(inside))
            why = Reason("outcome_decided", {"first": first, "last": last, "bound": bounds[1 if not decided else 0]})
            return _final(result, decided, basis, why, Point(label, known / len(inside)))
    return _awaiting(result, label)


def _ordinal_held(rank: float | None, k: int) -> bool | None:
    return None if rank is None else rank <= k


def judge_rank(
    result: TargetResult,
    *,
    editions: Sequence[EditionRank],
    k: int,
    deadline: int,
    as_of: dt.date,
    edition_every: int | None,
    maintain: bool,
    since: int,
) -> TargetResult:
    """A rank target on editions: the edition in force at the deadline decides once the deadline has passed,
    or earlier when the schedule foresees no further edition by then (no unscheduled edition is forecast).
    Official ranks replace computed ones; a computed rank with missing peers is marked so."""
    ranked = sorted((e for e in editions if e.rank is not None), key=lambda e: e.edition)
    extra: dict[str, Any] = {}
    if maintain:
        extra["maintained"] = _held_history(ranked, k, since, deadline)
    in_force = [e for e in ranked if e.edition <= deadline]
    if not in_force:
        return replace(result, extra={**dict(result.extra), **extra}) if extra else result
    last = in_force[-1]
    next_due = last.edition + edition_every if edition_every else None
    passed = deadline_passed(deadline, as_of)
    no_more = next_due is not None and next_due > deadline
    if not passed and not no_more:
        latest = Point(str(last.edition), float(last.rank)) if last.official and last.rank is not None else None
        out = replace(result, latest=latest or result.latest, extra={**dict(result.extra), **extra})
        return out
    if passed and next_due is not None and next_due <= deadline:
        return _awaiting(result, str(next_due), **extra)
    release = last.release or Release(period=str(last.edition), value=float(last.rank or 0))
    release = replace(release, period=str(last.edition), value=float(last.rank or 0))
    ok = bool(_ordinal_held(last.rank, k))
    params: dict[str, Any] = {"edition": last.edition, "official": last.official}
    if not last.official and last.missing:
        params["missing"] = list(last.missing)
    if not passed:
        params["next_edition"] = next_due
    why = Reason("judged_on_edition", params)
    return _final(result, ok, release, why, Point(str(last.edition), float(last.rank or 0)), **extra)


def _held_history(ranked: Sequence[EditionRank], k: int, since: int, deadline: int) -> dict[str, Any]:
    """Whether the position held in every edition from ``since`` to the deadline; the spans it was lost."""
    rows = [e for e in ranked if since <= e.edition <= deadline]
    lapses: list[dict[str, int]] = []
    for e in rows:
        held = _ordinal_held(e.rank, k)
        if held is False:
            if lapses and lapses[-1]["to"] == _previous(rows, e):
                lapses[-1]["to"] = e.edition
            else:
                lapses.append({"from": e.edition, "to": e.edition})
    regained = []
    for lapse in lapses:
        after = [e.edition for e in rows if e.edition > lapse["to"] and _ordinal_held(e.rank, k)]
        regained.append(after[0] if after else None)
    return {
        "since": since,
        "until": deadline,
        "held_every_edition": bool(rows) and not lapses,
        "editions": [
            {
                "edition": e.edition,
                "rank": e.rank,
                "held": _ordinal_held(e.rank, k),
                "official": e.official,
                "missing": list(e.missing),
            }
            for e in rows
        ],
        "lapses": [{**lapse, "regained": r} for lapse, r in zip(lapses, regained, strict=True)],
    }


def _previous(rows: Sequence[EditionRank], e: EditionRank) -> int | None:
    before = [r.edition for r in rows if r.edition < e.edition]
    return before[-1] if before else None


def reconcile(result: TargetResult) -> TargetResult:
    """A probability beside a progress status must not say the opposite: a deteriorating or limited status
    with an even-or-better chance, or an on-track status with less than an even chance, loses the number
    (kept in ``extra['probability_withheld']`` with the reason) — the status rests on the observed trend."""
    p = result.probability
    if p is None or result.status in FINAL:
        return result
    clash = (result.status in PROGRESS_BAD and p >= 0.5) or (result.status in PROGRESS_GOOD and p < 0.5)
    if not clash:
        return result
    extra = {**dict(result.extra), "probability_withheld": {"probability": p, "status": result.status}}
    return replace(result, probability=None, extra=extra)


def levels_from_rates(rows: Sequence[tuple[int, float, Any]], first: int) -> list[tuple[int, float, Any]]:
    """An index (100 in the year before ``first``) compounded from consecutive annual growth rates in %, so a
    growth target on a rate series is assessed as on a level series; stops at the first missing year."""
    by_year = {y: (v, ref) for y, v, ref in rows}
    out: list[tuple[int, float, Any]] = [(first - 1, 100.0, None)]
    year = first
    while year in by_year:
        rate, ref = by_year[year]
        out.append((year, out[-1][1] * (1 + rate / 100.0), ref))
        year += 1
    return out if len(out) > 1 else []
