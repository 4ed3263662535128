"""Section I, leadership and direction: steering committees and plans (the units' accepted reports, attributed)
and the statistics of the tasks assigned — by deadline and, from the tasks' status history, by lead body."""

from __future__ import annotations

import datetime as dt

from dxtrack.domain.catalog import PolicyGroup
from dxtrack.present import Lang, date_text, pct
from dxtrack.reports.bodies import BodyNames
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Block, Heading, Para, Row, Section, Table, runs
from dxtrack.reports.packinfo import docs_phrase
from dxtrack.reports.sections.common import columns
from dxtrack.services.task_status import Counts, by_body, reporting_units, task_due
from dxtrack.store import Engine

__all__ = ["build", "strategy_groups", "task_due", "task_statistics"]


def strategy_groups(f: ReportFacts) -> list[PolicyGroup]:
    """The task groups of the strategy itself (not of a review document's directions)."""
    reviews = {d.id for d in f.pack.documents if d.kind == "conclusion"}
    own = [g for g in f.pack.policy_groups if g.doc not in reviews]
    return own or list(f.pack.policy_groups)


def task_statistics(f: ReportFacts, day: dt.date) -> str:
    """How many tasks, how many due by the report date, recurring, without deadline."""
    groups = strategy_groups(f)
    tasks = [t for g in groups for t in g.tasks]
    due = sum(1 for t in tasks if (end := task_due(t)) is not None and end < day)
    open_ = sum(1 for t in tasks if t.deadline is None)
    recurring = sum(1 for t in tasks if t.deadline is not None and task_due(t) is None)  # also 'from 2025 on'
    docs = docs_phrase(f.pack, [g.doc for g in groups], f.lang)
    return label("s1_task_stats", f.lang).format(
        docs=docs, n=len(tasks), due=due, recurring=recurring, open=open_, day=date_text(day, f.lang)
    )


def _cells(c: Counts, lang: Lang) -> tuple[str, ...]:
    share = c.on_time_share
    return (str(c.assigned), str(c.due), str(c.completed), str(c.completed_late), str(c.in_progress),
            str(c.not_started), str(c.not_reported), str(c.overdue), pct(share, lang, 0))  # fmt: skip


def reported_statistics(engine: Engine, f: ReportFacts, day: dt.date) -> list[Block]:
    """From the units' accepted reports: the share of the tasks due completed on time, and a table by lead body
    (tasks led, due, in each status, due and not completed, the on-time share)."""
    lang = f.lang
    groups = {g.id for g in strategy_groups(f)}
    tasks = [t for t in f.tasks if t.group_id in groups]
    if not any(t.status != "not_reported" for t in tasks):
        return [Para(runs(label("s1_tasks_none", lang)), "await")]
    rows_by_body, total = by_body(tasks)
    share = total.on_time_share
    key = "s1_tasks_done" if total.due else "s1_tasks_none_due"
    sentence = label(key, lang).format(
        day=date_text(day, lang), due=total.due, done=total.due_on_time,
        share=pct(share, lang, 0), late=total.completed_late,
        overdue=total.overdue, silent=sum(1 for t in tasks if t.overdue and t.status == "not_reported"),
    )  # fmt: skip
    bodies = {b.id: b for b in f.pack.bodies}
    names = BodyNames(engine, day, lang)
    rows = []
    for b, c in rows_by_body:
        who = names.name(bodies[b]) if b in bodies else b
        heard, members = reporting_units(tasks, b)
        if members > 1:  # a collective body: how many of its units have reported
            who += " " + label("s1_units_heard", lang).format(n=heard, of=members)
        rows.append(Row((runs(who), *(runs(x) for x in _cells(c, lang)))))
    rows.append(Row((runs(label("s1_total", lang)), *(runs(x) for x in _cells(total, lang)))))
    cols = columns(
        lang,
        ("col_lead", 19, 3.4),
        ("col_assigned", 9, 1.4, "num"),
        ("col_due", 8, 1.3, "num"),
        ("col_done", 9, 1.5, "num"),
        ("col_done_late", 9, 1.5, "num"),
        ("col_in_progress", 9, 1.4, "num"),
        ("col_not_started", 9, 1.4, "num"),
        ("col_not_reported", 9, 1.4, "num"),
        ("col_overdue", 10, 1.6, "num"),
        ("col_on_time", 9, 1.5, "num"),
    )
    table = Table(label("s1_tasks_table", lang).format(day=date_text(day, lang)), "task-stats", cols, tuple(rows))
    blocks: list[Block] = [Para(runs(sentence)), table]
    if any(len(t.leads) > 1 for t in tasks):
        blocks.append(Para(runs(label("s1_tasks_shared", lang)), "note"))
    return blocks


def build(engine: Engine, f: ReportFacts, day: dt.date) -> Section:
    """Section I."""
    lang = f.lang
    quoted = f.units.quotes("leadership")
    blocks: list[Block] = [
        Heading(1, runs(f"I. {label('sec1', lang)}")),
        Heading(2, runs(f"1. {label('s1_direction', lang)}")),
        *(quoted or [Para(runs(label("no_material", lang)), "await")]),
        Heading(2, runs(f"2. {label('s1_tasks', lang)}")),
        Para(runs(task_statistics(f, day))),
        *reported_statistics(engine, f, day),
    ]
    return Section("sec-1", tuple(blocks))
