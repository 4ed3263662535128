"""The assessment use case: judge every target of the content pack on the stored data, as of a date.

Reads observations (latest revision published by ``as_of``) and evidence, calls the pure methods of
:mod:`dxtrack.analysis.assess` per target as the content pack chooses, and stores each run with the hashes of
the catalogue and of the data it used, so any published status can be traced to its inputs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

import pandas as pd

from dxtrack.analysis import assess as methods
from dxtrack.analysis.status import TargetResult
from dxtrack.analysis.trajectory import path_values
from dxtrack.domain.catalog import ContentPack, Target, TargetKind
from dxtrack.domain.period import year_for
from dxtrack.errors import DxtrackError
from dxtrack.services import judging, records
from dxtrack.services.results import Assessment, FanPoint, RunInfo, SeriesPoint, YearValue
from dxtrack.store import Engine
from dxtrack.store import records as stored_records
from dxtrack.store import repository as repo
from dxtrack.store import runs as stored_runs

METHOD_VERSION = "dxtrack-assess-1"


def _indicators_needed(pack: ContentPack) -> list[str]:
    return sorted({i for t in pack.targets for i in (t.indicator, t.official_rank) if i})


def _peer_members(pack: ContentPack, peer_group: str | None) -> list[str] | None:
    if not peer_group:
        return None
    for group in pack.peer_groups:
        if group.id == peer_group:
            return list(group.members) if group.members else None
    raise DxtrackError(f"peer group '{peer_group}' is not defined in content pack {pack.id}")


def _frame_for(obs: pd.DataFrame, indicator: str, areas: Sequence[str] | None) -> pd.DataFrame:
    sub = obs[(obs["indicator"] == indicator) & (obs["disaggregation"] == "")]
    if areas is not None:
        sub = sub[sub["area"].isin(list(areas))]
    return sub.rename(columns={"id": "obs_id"})[["indicator", "area", "period", "value", "obs_id"]]


def base_year(pack: ContentPack, target: Target) -> int:
    """The pack's base year for the target, else the year its document was adopted (2019 for the Resolution)."""
    if target.progress.base_year is not None:
        return target.progress.base_year
    doc = next(d for d in pack.documents if d.id == target.doc)
    return (doc.issued_on or doc.published_on).year


def judge(
    pack: ContentPack,
    target: Target,
    obs: pd.DataFrame,
    evidence: list[dict[str, Any]],
    as_of: dt.date | None = None,
) -> TargetResult:
    """One target's result from the observations and evidence known at the assessment date (default today):
    progress and forecast before the deadline, the official value's verdict after it (see services.judging)."""
    result = _progress(pack, target, obs, evidence)
    return judging.at_deadline(pack, target, result, obs, as_of or dt.date.today(), base_year(pack, target))


def _progress(pack: ContentPack, target: Target, obs: pd.DataFrame, evidence: list[dict[str, Any]]) -> TargetResult:
    if target.kind is TargetKind.milestone or not target.indicator:
        mine = [e for e in evidence if e["target_id"] == target.id]
        return methods.assess_milestone(
            [
                {
                    "date": e["date"],
                    "text": e["text"],
                    "assessor": e["assessor"],
                    "judgement": e["judgement"],
                    "link": e.get("link"),
                    "id": e["id"],
                }
                for e in mine
            ],
            deadline=target.deadline,
        )
    indicator = pack.indicator(target.indicator)
    if target.kind is TargetKind.growth:
        if not target.window or target.value is None:
            raise DxtrackError(f"growth target {target.id} needs a window and a value")
        if not indicator.growth_rate:
            return methods.assess_growth(
                _frame_for(obs, target.indicator, [target.area]),
                window=target.window,
                target_rate=target.value,
                annual_rule=indicator.annual_rule,
            )
        # the rates compounded into an index (100 before the window): its average and required growth are rates,
        # but its base and the "share of the distance covered" are artefacts of the index, not figures to show
        rated = methods.assess_growth(
            judging.rate_level_frame(obs, target),
            window=target.window,
            target_rate=target.value,
            annual_rule=indicator.annual_rule,
        )
        return replace(rated, baseline=None, share_covered=None)
    if target.kind is TargetKind.rank:
        if target.value is None or target.deadline is None:
            raise DxtrackError(f"rank target {target.id} needs a value (k) and a deadline")
        members = _peer_members(pack, target.peer_group)
        value_kind: Literal["score", "rank"] = "rank" if indicator.direction.value == "lower_better" else "score"
        return methods.assess_rank(
            _frame_for(obs, target.indicator, members),
            focus=target.area,
            k=int(target.value),
            deadline=target.deadline,
            members=members,
            value_kind=value_kind,
            bounds=indicator.bounds,
            base_year=base_year(pack, target),
            annual_rule=indicator.annual_rule,
        )
    baseline = (target.baseline.period, target.baseline.value) if target.baseline else None
    return methods.assess_threshold(
        _frame_for(obs, target.indicator, [target.area]),
        target=target.value,
        comparator=target.comparator.value,
        deadline=target.deadline,
        direction=indicator.direction.value,
        baseline=baseline,
        method=target.progress.method,
        base_year=base_year(pack, target),
        thresholds={str(k): v for k, v in target.progress.thresholds.items()} if target.progress.thresholds else None,
        limit=target.progress.limit,
        bounds=indicator.bounds,
        tolerance=target.tolerance,
        model=_model(target),
        annual_rule=indicator.annual_rule,
    )


def _model(target: Target) -> Literal["trend", "auto"]:
    """The forecast model the pack asks for (one choice for the probability and the fan)."""
    return "trend" if target.progress.forecast == "linear" else "auto"


def _load(
    engine: Engine,
    pack: ContentPack,
    as_of: dt.date | None,
    as_recorded: dt.datetime | None = None,
    *,
    stamped: bool = False,
) -> tuple[pd.DataFrame, list[dict[str, Any]], dt.datetime | None]:
    """The observations and evidence a run uses; with ``stamped`` (a run to store) read in one snapshot no write
    commits into, and return its stamp (the run's ``created_at``, so ``--replay`` sees exactly these inputs)."""
    stamp: dt.datetime | None = None
    needed = _indicators_needed(pack)
    if stamped:
        with repo.run_snapshot(engine) as (conn, stamp):
            obs = repo.observations(conn, indicators=needed, as_of=as_of, as_recorded=as_recorded)
            evidence = stored_records.evidence_rows(conn, None, as_of)
    else:
        obs = repo.read_observations(engine, indicators=needed, as_of=as_of, as_recorded=as_recorded)
        evidence = records.evidence(engine, as_of=as_of)
    if obs.empty:
        obs = pd.DataFrame(columns=["id", "indicator", "area", "period", "value", "disaggregation"])
    if as_of is not None:
        cutoff = dt.datetime.combine(as_of, dt.time.max, tzinfo=dt.UTC)
        evidence = [e for e in evidence if _aware(e["recorded_at"]) <= cutoff]
    if as_recorded is not None:
        evidence = [e for e in evidence if _aware(e["recorded_at"]) <= _aware(as_recorded)]
    return obs, evidence, stamp


def _aware(stamp: dt.datetime) -> dt.datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def assess_results(
    engine: Engine,
    pack: ContentPack,
    as_of: dt.date | None = None,
    *,
    store: bool = True,
    as_recorded: dt.datetime | None = None,
) -> list[Assessment]:
    """Judge every target as of ``as_of`` (default: everything published); store the run if ``store``.

    ``as_recorded`` limits the inputs to what dxtrack had recorded by then (to reproduce a past run exactly).
    """
    from dxtrack.catalog import pack_hash

    obs, evidence, stamp = _load(engine, pack, as_of, as_recorded, stamped=store)
    results = [Assessment.of(t, judge(pack, t, obs, evidence, as_of)) for t in pack.targets]
    used = sorted({i for r in results for i in r.observation_ids})
    used_frame = obs[obs["id"].isin(used)] if used else obs.iloc[0:0]
    evidence_part = ";".join(f"{e['id']}:{e['judgement']}" for e in evidence)
    data_digest = hashlib.sha256(f"{repo.data_hash(used_frame)}|{evidence_part}".encode()).hexdigest()
    if store:
        stored_runs.record_run(
            engine,
            as_of=as_of or dt.date.today(),
            catalogue_hash=pack_hash(pack),
            data_hash=data_digest,
            method_version=METHOD_VERSION,
            results=[r.to_dict() for r in results],
            created_at=stamp,
        )
    run = RunInfo(
        as_of=(as_of or dt.date.today()).isoformat(),
        catalogue_hash=pack_hash(pack),
        data_hash=data_digest,
        method_version=METHOD_VERSION,
    )
    return [r.with_run(run) for r in results]


def assess_all(
    engine: Engine,
    pack: ContentPack,
    as_of: dt.date | None = None,
    *,
    store: bool = True,
    as_recorded: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """:func:`assess_results` in its JSON form (one dict per target, the keys of :meth:`Assessment.to_dict`)."""
    return [r.to_dict() for r in assess_results(engine, pack, as_of, store=store, as_recorded=as_recorded)]


def runs(engine: Engine, limit: int = 20) -> list[dict[str, Any]]:
    """The latest stored assessment runs (without their results)."""
    return stored_runs.latest_runs(engine, limit)


def replay(engine: Engine, pack: ContentPack, run_id: int) -> dict[str, Any]:
    """Recompute a stored run on exactly the inputs it had (its as-of date, and what was recorded by then).

    Returns the stored run's hashes, the recomputed ones, whether they match, and the targets whose status
    differs (a difference means the catalogue or the method changed since, or the record was altered).
    """
    from dxtrack.catalog import pack_hash

    row = stored_runs.run_by_id(engine, run_id)
    if row is None:
        raise DxtrackError(f"assessment run #{run_id} not found; 'dxtrack assess --runs' lists them")
    again = assess_all(engine, pack, row["as_of"], store=False, as_recorded=row["created_at"])
    before = {r["target"]: r["status"] for r in row["results"]}
    changed = [
        {"target": r["target"], "stored": before.get(r["target"]), "now": r["status"]}
        for r in again
        if before.get(r["target"]) != r["status"]
    ]
    new_hash = again[0]["run"]["data_hash"] if again else ""
    return {
        "run": run_id,
        "as_of": row["as_of"].isoformat(),
        "recorded_by": row["created_at"].isoformat(),
        "stored": {"catalogue_hash": row["catalogue_hash"], "data_hash": row["data_hash"]},
        "recomputed": {"catalogue_hash": pack_hash(pack), "data_hash": new_hash},
        "identical": row["data_hash"] == new_hash and row["catalogue_hash"] == pack_hash(pack) and not changed,
        "changed": changed,
    }


def assess_target(engine: Engine, pack: ContentPack, target_id: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """:func:`target_assessment` in its JSON form."""
    return target_assessment(engine, pack, target_id, as_of).to_dict()


def target_assessment(engine: Engine, pack: ContentPack, target_id: str, as_of: dt.date | None = None) -> Assessment:
    """One target in detail: the result plus its series, required path and forecast fan (pages and charts)."""
    try:
        target = pack.target(target_id)
    except KeyError:
        raise DxtrackError(f"target '{target_id}' is not in content pack {pack.id}") from None
    obs, evidence, _ = _load(engine, pack, as_of)
    result = Assessment.of(target, judge(pack, target, obs, evidence, as_of))
    mine = tuple(e for e in evidence if e["target_id"] == target.id)
    detail = replace(result, quote_vi=target.quote_vi, gloss_en=target.gloss_en, evidence=mine, trajectory_path=())
    if not target.indicator:
        return detail
    indicator = pack.indicator(target.indicator)
    annual = methods.annual_series(
        _frame_for(obs, target.indicator, [target.area]),
        rule=indicator.annual_rule,
        complete_only=target.kind is TargetKind.growth,
    )
    years = [int(y) for y in annual.years]
    values = [float(v) for v in annual.values]
    path: list[YearValue] = []
    base_year = year_for(result.baseline.period) if result.baseline else None
    goal, deadline = target.value, target.deadline
    if target.kind is TargetKind.threshold and goal is not None and deadline and base_year not in (None, deadline):
        assert base_year is not None and result.baseline is not None
        span = list(range(base_year, deadline + 1))
        line = path_values(span, base_year, float(result.baseline.value), deadline, goal, "linear")
        path = [YearValue(y, float(v)) for y, v in zip(span, line, strict=True)]
    fan: list[FanPoint] = []
    horizon = target.deadline or (years[-1] + 5 if years else None)
    if target.kind is TargetKind.threshold and years and horizon and horizon > years[-1]:
        for year in range(years[-1] + 1, horizon + 1):
            p, _ = methods.projection_at(years, values, year, bounds=indicator.bounds, model=_model(target))
            if p is None:
                break
            fan.append(FanPoint(year=year, value=p.value, lo80=p.lo80, hi80=p.hi80, lo95=p.lo95, hi95=p.hi95))
    return replace(
        detail,
        series=tuple(SeriesPoint(a.year, a.value, a.period, a.partial) for a in annual.annual),
        trajectory_path=tuple(path),
        forecast=tuple(fan),
    )
