"""Section I, leadership and direction: steering committees and plans (from the bodies' reports, when the
reporting loop brings them) and the statistics of the tasks assigned, by deadline."""

from __future__ import annotations

import datetime as dt

from dxtrack.domain.catalog import PolicyGroup, Task
from dxtrack.domain.period import parse_period
from dxtrack.present import date_text
from dxtrack.reports.facts import ReportFacts
from dxtrack.reports.i18n import label
from dxtrack.reports.model import Block, Heading, Para, Section, runs
from dxtrack.reports.packinfo import docs_phrase

RECURRING = ("continuing", "annual")


def task_due(task: Task) -> dt.date | None:
    """The last day of a task's deadline (None when it has none or recurs); a span ends with its last year,
    'YYYY/..' is due from its first year on."""
    d = task.deadline
    if d is None or d in RECURRING:
        return None
    text = str(d)
    if "/" in text:
        first, last = text.split("/", 1)
        text = first if last == ".." else last
    try:
        return parse_period(text).end
    except ValueError:
        return None


def strategy_groups(f: ReportFacts) -> list[PolicyGroup]:
    """The task groups of the strategy itself (not of a review document's directions)."""
    reviews = {d.id for d in f.pack.documents if d.kind == "conclusion"}
    own = [g for g in f.pack.policy_groups if g.doc not in reviews]
    return own or list(f.pack.policy_groups)


def task_statistics(f: ReportFacts, day: dt.date) -> str:
    """How many tasks, how many due by the report date, recurring, without deadline."""
    groups = strategy_groups(f)
    tasks = [t for g in groups for t in g.tasks]
    due = sum(1 for t in tasks if (end := task_due(t)) is not None and end <= day)
    recurring = sum(1 for t in tasks if t.deadline in RECURRING)
    open_ = sum(1 for t in tasks if t.deadline is None)
    docs = docs_phrase(f.pack, [g.doc for g in groups], f.lang)
    return label("s1_task_stats", f.lang).format(
        docs=docs, n=len(tasks), due=due, recurring=recurring, open=open_, day=date_text(day, f.lang)
    )


def build(f: ReportFacts, day: dt.date) -> Section:
    """Section I."""
    lang = f.lang
    blocks: list[Block] = [
        Heading(1, runs(f"I. {label('sec1', lang)}")),
        Heading(2, runs(f"1. {label('s1_committees', lang)}")),
        Para(runs(label("no_material", lang)), "await"),
        Heading(2, runs(f"2. {label('s1_plans', lang)}")),
        Para(runs(label("no_material", lang)), "await"),
        Heading(2, runs(f"3. {label('s1_tasks', lang)}")),
        Para(runs(task_statistics(f, day))),
    ]
    return Section("sec-1", tuple(blocks))
