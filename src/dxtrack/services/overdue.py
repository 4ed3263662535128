"""Overdue tasks across calls by lead body (đôn đốc): for each body of the pack, the tasks it leads that are due
(or reported done), how many were done on time, late or not at all, from the latest status accepted from the
units' reports — the "share of tasks on time" officials quote — and the list of overdue tasks not done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.deadlines import LATE, NOT_DONE, ON_TIME, task_verdict
from dxtrack.services.task_status import statuses
from dxtrack.store import Engine


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def overdue_by_body(engine: Engine, pack: ContentPack, as_of: dt.date | None = None) -> dict[str, Any]:
    """Per lead body (pack order): tasks due, done on time, done late, not done, share on time (%); the totals;
    and every overdue task not done with its lead bodies, due date and latest reported status (or None).

    The statuses are :func:`dxtrack.services.task_status.statuses` (each lead's own accepted reports standing on
    the day; a reopened report does not count); the verdicts :func:`dxtrack.domain.deadlines.task_verdict`."""
    day = as_of or dt.date.today()
    tally: dict[str, dict[str, int]] = {}
    total = {"due": 0, "on_time": 0, "late": 0, "not_done": 0}  # a task led by two bodies counts once here
    overdue = []
    tasks = {t.id: t for g in pack.policy_groups for t in g.tasks}
    for ts in statuses(engine, pack, day):
        task = tasks[ts.task_id]
        verdict = task_verdict(None if ts.status == "not_reported" else ts.status, ts.due, day)
        if verdict in (ON_TIME, LATE, NOT_DONE):
            total["due"] += 1
            total[verdict] += 1
        for lead in ts.leads:
            own = task_verdict(None if lead.status == "not_reported" else lead.status, ts.due, day)
            if own in (ON_TIME, LATE, NOT_DONE):
                counts = tally.setdefault(lead.body_id, dict.fromkeys(total, 0))
                counts["due"] += 1
                counts[own] += 1
        if verdict == NOT_DONE:
            last = max((r for lead in ts.leads for r in lead.reports), key=lambda r: r.reported_on, default=None)
            overdue.append({"task": task.id, "text": task.quote_vi, "gloss_en": task.gloss_en, "leads": task.leads,
                            "due": ts.due, "status": None if ts.status == "not_reported" else ts.status,
                            "reported_by": last.org_id if last else None})  # fmt: skip
    bodies = [{"body": b.id, "name_vi": b.name_vi, "name_en": b.name_en, **tally[b.id],
               "share_on_time": _share(tally[b.id]["on_time"], tally[b.id]["due"])}
              for b in pack.bodies if b.id in tally]  # fmt: skip
    return {
        "as_of": day,
        "bodies": bodies,
        "total": {**total, "share_on_time": _share(total["on_time"], total["due"])},
        "overdue": sorted(overdue, key=lambda t: (t["due"], t["task"])),
    }
