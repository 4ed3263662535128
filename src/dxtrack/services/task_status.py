"""A task's reported status as of a date — the one place that decides it, for the report, the web and the CLI.

Each lead body's status is the latest one its organisation (or the organisation carrying its duties on the day)
reported in a report standing accepted on that day (:mod:`dxtrack.services.accepted`); none is ``not_reported``.
A task due before the day and not reported completed is ``overdue`` (:mod:`dxtrack.domain.deadlines` decides
due dates and verdicts). A task led by several bodies takes the least advanced of their statuses. A collective
body ('các bộ, ngành', 'các tỉnh, thành phố') takes the least advanced status of its member organisations on the
day — ``not_reported`` while any of them has not reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from dxtrack.domain import deadlines
from dxtrack.domain.catalog import ContentPack, PolicyGroup, Task
from dxtrack.services import orgs
from dxtrack.services.accepted import accepted_reports, as_date
from dxtrack.services.calls import body_orgs
from dxtrack.store import Engine
from dxtrack.store import loop as rows

DONE = ("completed", "completed_late")
ORDER = ("not_reported", "not_started", "in_progress", "not_due", "completed_late", "completed")
"""Statuses from least to most advanced (a task with several leads takes the least advanced)."""


def task_due(task: Task) -> dt.date | None:
    """A task's due date (:func:`dxtrack.domain.deadlines.task_due`; None when open-ended)."""
    return deadlines.task_due(task.deadline)


@dataclass(frozen=True)
class Reported:
    """What one unit reported on one task, in an accepted report."""

    org_id: str
    status: str
    note: str | None
    product: str | None
    evidence: tuple[str, ...]
    reported_on: dt.date


@dataclass(frozen=True)
class BodyStatus:
    """One lead body's status for one task as of the day."""

    body_id: str
    status: str  # one of ORDER
    reports: tuple[Reported, ...] = ()
    members: int = 1  # organisations the body stands for on the day (a collective body's member units)


@dataclass(frozen=True)
class TaskStatus:
    """A task's reported status as of the day: the leads' statuses, the task's own, and whether it is overdue."""

    task_id: str
    group_id: str
    due: dt.date | None
    status: str
    due_by: bool  # due before the day
    overdue: bool  # due by the day and not reported completed
    leads: tuple[BodyStatus, ...] = field(default_factory=tuple)


def lead_bodies(task: Task) -> list[str]:
    """The bodies that lead a task (all named bodies when the text names no lead)."""
    return list(task.leads or task.bodies)


def least(statuses: Iterable[str]) -> str:
    found = list(statuses)
    return min(found, key=ORDER.index) if found else "not_reported"


def reported(engine: Engine, pack: ContentPack, day: dt.date) -> dict[tuple[str, str], Reported]:
    """(task id, organisation carrying the reporter's duties on ``day``) -> its latest accepted report by then."""
    standing = accepted_reports(engine, pack.id, day)
    with engine.connect() as conn:
        history = rows.pack_task_statuses(conn, pack.id)
    carried: dict[str, str] = {}
    out: dict[tuple[str, str], Reported] = {}
    for row in history:  # oldest first: a later report replaces an earlier one
        if row["submission_id"] not in standing or as_date(row["reported_on"]) > day:
            continue
        org = carried.setdefault(row["org_id"], orgs.carried_by(engine, row["org_id"], day))
        out[(row["task_id"], org)] = Reported(org, str(row["status"]), row["note"], row["product"],
                                              tuple(row["evidence"] or ()), as_date(row["reported_on"]))  # fmt: skip
    return out


def statuses(
    engine: Engine, pack: ContentPack, day: dt.date, groups: list[PolicyGroup] | None = None
) -> list[TaskStatus]:
    """Every task's reported status as of ``day`` (of ``groups``, default all the pack's), in the pack's order."""
    reports = reported(engine, pack, day)
    members = body_orgs(engine, pack, day)
    out = []
    for group in groups if groups is not None else pack.policy_groups:
        for task in group.tasks:
            leads = []
            for body_id in lead_bodies(task):
                units = members.get(body_id, ())
                got = [r for r in (reports.get((task.id, o)) for o in units) if r is not None]
                if units:
                    found = least(r.status for r in got) if len(got) == len(units) else "not_reported"
                else:  # a collective body without member organisations: the units that reported the task
                    got = [r for (tid, _), r in reports.items() if tid == task.id]
                    found = least(r.status for r in got)
                leads.append(BodyStatus(body_id, found, tuple(got), len(units) or 1))
            status = (
                least(b.status for b in leads)
                if leads
                else least(r.status for (tid, _), r in reports.items() if tid == task.id)
            )
            due = task_due(task)
            verdict = deadlines.task_verdict(None if status == "not_reported" else status, due, day)
            due_by = due is not None and due < day
            out.append(TaskStatus(task.id, group.id, due, status, due_by, verdict == deadlines.NOT_DONE, tuple(leads)))
    return out


@dataclass(frozen=True)
class Counts:
    """Task statistics of one lead body (or of all tasks): how many it leads, are due, and in each status."""

    assigned: int = 0
    due: int = 0  # due by the day
    completed: int = 0  # reported completed (on time)
    completed_late: int = 0
    in_progress: int = 0  # in progress, or reported not yet due
    not_started: int = 0
    not_reported: int = 0
    overdue: int = 0  # due by the day and not completed
    due_on_time: int = 0  # due by the day and completed on time

    @property
    def on_time_share(self) -> float | None:
        """Share of the tasks due that were completed on time (None when none is due)."""
        return self.due_on_time / self.due if self.due else None


def _count(items: list[tuple[str, bool]]) -> Counts:
    """Counts from (status, due by the day) pairs."""
    st = [s for s, _ in items]
    return Counts(
        assigned=len(items),
        due=sum(1 for _, d in items if d),
        completed=st.count("completed"),
        completed_late=st.count("completed_late"),
        in_progress=st.count("in_progress") + st.count("not_due"),
        not_started=st.count("not_started"),
        not_reported=st.count("not_reported"),
        overdue=sum(1 for s, d in items if d and s not in DONE),
        due_on_time=sum(1 for s, d in items if d and s == "completed"),
    )


def reporting_units(tasks: list[TaskStatus], body_id: str) -> tuple[int, int]:
    """(units that reported on any of the body's tasks, units the body stands for) — for a collective body."""
    leads = [lead for t in tasks for lead in t.leads if lead.body_id == body_id]
    reporters = {r.org_id for lead in leads for r in lead.reports}
    return len(reporters), max((lead.members for lead in leads), default=1)


def by_body(tasks: list[TaskStatus]) -> tuple[list[tuple[str, Counts]], Counts]:
    """(lead body id, its counts) in order of first appearance, and the counts over tasks (each task once,
    with its own status: a task with several leads is counted once in the total, once for each lead above)."""
    per: dict[str, list[tuple[str, bool]]] = {}
    for t in tasks:
        for lead in t.leads:
            per.setdefault(lead.body_id, []).append((lead.status, t.due_by))
    return [(b, _count(items)) for b, items in per.items()], _count([(t.status, t.due_by) for t in tasks])
