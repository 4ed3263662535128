"""What every section reads: one stored assessment run, the observations behind it, and each target's facts.

:func:`gather` assesses once (storing the run, so the report cites its hashes), loads the observations the
targets and figures use, opens the :class:`~dxtrack.reports.sources.SourceBook` and works out, per target,
its latest figure with its citation — the texts sections I, II and the annexes all quote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dxtrack.domain.catalog import ContentPack, Target, TargetKind
from dxtrack.present import Lang, period_text, prob, status_label, value_unit
from dxtrack.present.assessment import goal_prose
from dxtrack.reports.packinfo import doc_label, horizon_label, peer_group
from dxtrack.reports.sources import SourceBook
from dxtrack.reports.unit_reports import UnitReports, unit_reports
from dxtrack.reports.wording import latest_period, latest_text, name
from dxtrack.services import assess, task_status
from dxtrack.services.results import Assessment
from dxtrack.store import Engine
from dxtrack.store import repository as repo


@dataclass(frozen=True)
class TargetFacts:
    """One target as the report states it, every text in the report language."""

    id: str
    doc: str  # document label
    section: str
    horizon: str
    text: str  # the quote (vi) or the gloss (en)
    quote_vi: str
    indicator: str
    kind: TargetKind
    has_data: bool
    latest: str  # "13,17% GDP", "hạng 3 trong ASEAN (hạng 44 thế giới)", "—"
    period: str
    cite: str
    producer: str  # "Cục Thống kê (Bộ Tài chính), công bố 05/01/2026"
    baseline: str
    goal: str
    deadline: str
    status: str
    status_label: str
    probability: str
    method: str


@dataclass
class ReportFacts:
    """The inputs shared by the section builders."""

    pack: ContentPack
    lang: Lang
    as_of: dt.date | None
    results: list[Assessment]
    by_id: dict[str, Assessment]
    history: pd.DataFrame  # every stored version of the observations used (for citations)
    current: pd.DataFrame  # the values in force
    book: SourceBook
    targets: list[TargetFacts]
    day: dt.date  # the report date: tasks' statuses and the units' reports as they stood then
    units: UnitReports  # the units' accepted reports (narrative sections), attributed
    tasks: list[task_status.TaskStatus]  # every task's reported status on ``day``

    def task(self, task_id: str) -> task_status.TaskStatus | None:
        return next((t for t in self.tasks if t.task_id == task_id), None)

    def target(self, target_id: str) -> TargetFacts:
        return next(t for t in self.targets if t.id == target_id)

    def observed(self, indicator: str, area: str) -> bool:
        """Whether any value of ``indicator`` for ``area`` is in force."""
        cur = self.current
        return not cur.empty and bool(((cur["indicator"] == indicator) & (cur["area"] == area)).any())

    def published(self, doc_id: str) -> bool:
        """Whether a document of the pack is out by the report's as-of date."""
        doc = next(d for d in self.pack.documents if d.id == doc_id)
        return self.as_of is None or doc.published_on <= self.as_of


def peer_obs_ids(frame: pd.DataFrame, pack: ContentPack, target: Target, period: str | None) -> list[int]:
    """The peers' observations a rank target was judged on (one edition, or all when ``period`` is None)."""
    group = peer_group(pack, target.peer_group)
    if group is None or not group.members or frame.empty:
        return []
    sub = frame[
        (frame["indicator"] == target.indicator) & (frame["area"].isin(group.members)) & (frame["disaggregation"] == "")
    ]
    if period is not None:
        sub = sub[sub["period"].astype(str) == period]
    return [int(i) for i in sub["id"]]


def _latest_obs_ids(result: Assessment, book: SourceBook, target: Target) -> list[int]:
    """The observation(s) behind the latest figure: same period as the latest value, else all used."""
    ids = list(result.observation_ids)
    if target.kind is TargetKind.growth or result.latest is None:
        return ids
    period = str(result.latest.period)
    hits = [i for i in ids if str(book.rows.get(int(i), {}).get("period", "")) == period]
    return hits or ids


def _target_facts(t: Target, r: Assessment, f: ReportFacts) -> TargetFacts:
    pack, lang, book = f.pack, f.lang, f.book
    ids = _latest_obs_ids(r, book, t) if r.latest else []
    world = None
    if t.kind is TargetKind.rank and r.latest:
        period = str(r.latest.period)
        own = [book.rows[i] for i in r.observation_ids if str(book.rows.get(i, {}).get("period")) == period]
        ids = [int(x["id"]) for x in own]
        world = float(own[0]["value"]) if own else None
        ids += peer_obs_ids(f.current, pack, t, period)
    official = r.extra.get("official") or {}
    if official.get("obs_id") is not None:  # a verdict cites the figure that decides it (and the world rank)
        own_rank = [i for i in ids if str(book.rows.get(i, {}).get("indicator")) == t.indicator and world is not None]
        ids = [int(official["obs_id"]), *(own_rank[:1] if t.kind is TargetKind.rank else [])]
    ind = pack.indicator(t.indicator) if t.indicator else None
    baseline = r.baseline
    base_txt = "—"
    if baseline and t.kind is not TargetKind.rank:
        base_value = value_unit(float(baseline.value), ind.unit if ind else None, lang)
        base_txt = f"{base_value} ({period_text(str(baseline.period), lang)})"
    elif baseline:
        base_txt = f"{int(float(baseline.value))} ({baseline.period})"
    return TargetFacts(
        id=t.id,
        doc=doc_label(pack, t.doc, lang),
        section=t.section,
        horizon=horizon_label(pack, t.horizon, lang),
        text=t.quote_vi if lang == "vi" else t.gloss_en,
        quote_vi=t.quote_vi,
        indicator=name(ind, lang) if ind else "—",
        kind=t.kind,
        has_data=r.latest is not None,
        latest=latest_text(t, pack, r, lang, world, ind.unit if ind else "") if r.latest else "—",
        period=period_text(latest_period(t, r), lang),
        cite=book.cite(ids),
        producer=book.producer_text(ids),
        baseline=base_txt,
        goal=goal_prose(t, lang, pack.peer_groups),
        deadline=str(t.deadline) if t.deadline else "—",
        status=r.status,
        status_label=status_label(r.status, lang),
        probability=prob(r.probability, lang),
        method=f"{r.method} ({r.method_version})",
    )


def gather(
    engine: Engine, pack: ContentPack, lang: Lang, as_of: dt.date | None, day: dt.date | None = None
) -> ReportFacts:
    """Assess every target (storing the run) and state each one's facts, citing sources in table order; the
    units' reports and the tasks' statuses as they stood on ``day`` (default: ``as_of``, else today)."""
    day = day or as_of or dt.date.today()
    results = assess.assess_results(engine, pack, as_of, store=True)
    indicators = sorted(
        {i for t in pack.targets for i in (t.indicator, t.official_rank, *t.evidence_indicators) if i}
        | {f.indicator for f in pack.figures}
    )
    history = repo.read_observations(engine, indicators=indicators, as_of=as_of, history=True)
    current = repo.read_observations(engine, indicators=indicators, as_of=as_of)
    facts = ReportFacts(
        pack=pack,
        lang=lang,
        as_of=as_of,
        results=results,
        by_id={r.target: r for r in results},
        history=history,
        current=current,
        book=SourceBook(history, lang),
        targets=[],
        day=day,
        units=unit_reports(engine, pack, day, lang),
        tasks=task_status.statuses(engine, pack, day),
    )
    facts.targets = [_target_facts(t, facts.by_id[t.id], facts) for t in pack.targets]
    return facts
