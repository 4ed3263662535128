"""The backtest use case: rolling-origin evaluation of the forecasts on indicators in the store.

Series are the stored observations (latest revision, no disaggregation) of each (indicator, area),
annualised as the assessment does; bounds (logit scale) come from the content pack's indicator entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from dxtrack.analysis.assess import annual_series
from dxtrack.analysis.backtest import BacktestSeries, Evaluation, evaluate
from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.period import AnnualRule
from dxtrack.errors import InputError
from dxtrack.store import Engine
from dxtrack.store import repository as repo

MAX_HORIZON = 30


def parse_horizons(text: str) -> list[int]:
    """``1-5`` → [1, 2, 3, 4, 5]; ``3`` → [3]; ``1,3,5`` → [1, 3, 5]."""
    out: set[int] = set()
    try:
        for part in text.split(","):
            a, _, b = part.strip().partition("-")
            lo, hi = int(a), int(b or a)
            out.update(range(lo, hi + 1))
    except ValueError:
        raise InputError(f"--horizons: expected e.g. 1-5 or 1,3,5, got '{text}'") from None
    if not out or min(out) < 1 or max(out) > MAX_HORIZON:
        raise InputError(f"--horizons: years ahead between 1 and {MAX_HORIZON}, got '{text}'")
    return sorted(out)


def resolve_areas(engine: Engine, pack: ContentPack, text: str | None) -> list[str] | None:
    """None (every area), a peer group of the pack by id (``ASEAN``), or comma-separated area codes."""
    if text is None or not text.strip():
        return None
    for group in pack.peer_groups:
        if group.id.lower() == text.strip().lower():
            return list(group.members) if group.members else None
    codes = [c.strip() for c in text.split(",") if c.strip()]
    with engine.connect() as conn:
        known = repo.area_codes(conn)
    unknown = [c for c in codes if c not in known]
    if unknown:
        groups = ", ".join(g.id for g in pack.peer_groups) or "none"
        raise InputError(
            f"--areas: {', '.join(unknown)} is neither an area code in the store nor a peer group of pack "
            f"{pack.id} ({groups})"
        )
    return codes


def backtest(
    engine: Engine,
    pack: ContentPack,
    indicators: Sequence[str],
    *,
    areas: Sequence[str] | None = None,
    horizons: Sequence[int] = (1, 2, 3, 4, 5),
    min_points: int = 5,
) -> Evaluation:
    """Rolling-origin backtest of the default forecast on the stored series of ``indicators``."""
    if not indicators:
        raise InputError("--indicator: give at least one indicator code")
    if min_points < 3:
        raise InputError(f"--min-points: at least 3 (a spread needs three points), got {min_points}")
    obs = repo.read_observations(engine, indicators=list(indicators), areas=None if areas is None else list(areas))
    bounds = {i.code: i.bounds for i in pack.indicators}
    series: list[BacktestSeries] = []
    seen = set()
    if not obs.empty:
        obs = obs[obs["disaggregation"] == ""].rename(columns={"id": "obs_id"})
        for (code, area), group in obs.groupby(["indicator", "area"], sort=True):
            s = annual_series(group, rule=_rule(pack, str(code)))
            seen.add(str(code))
            series.append(BacktestSeries(f"{code}/{area}", s.years, s.values, bounds.get(str(code))))
    missing = [c for c in indicators if c not in seen]
    if missing:
        where = "" if areas is None else f" for areas {','.join(areas)}"
        raise InputError(f"--indicator: no observations of {', '.join(missing)} in the store{where}")
    return evaluate(series, horizons=horizons, min_points=min_points)


def _rule(pack: ContentPack, code: str) -> AnnualRule:
    for i in pack.indicators:
        if i.code == code:
            return i.annual_rule
    return "latest"
