"""Overdue tasks across calls by lead body (đôn đốc): for each body of the pack, the tasks it leads that are due
(or reported done), how many were done on time, late or not at all, from the latest status accepted from the
units' reports — the "share of tasks on time" officials quote — and the list of overdue tasks not done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.deadlines import LATE, NOT_DONE, ON_TIME, task_due, task_verdict
from dxtrack.store import Engine
from dxtrack.store import loop as rows


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


def overdue_by_body(engine: Engine, pack: ContentPack, as_of: dt.date | None = None) -> dict[str, Any]:
    """Per lead body (pack order): tasks due, done on time, done late, not done, share on time (%); the totals;
    and every overdue task not done with its lead bodies, due date and latest reported status (or None)."""
    day = as_of or dt.date.today()
    with engine.connect() as conn:
        reported = [r for r in rows.task_statuses(conn) if r["pack_id"] == pack.id and r["reported_on"] <= day]
    latest: dict[str, dict[str, Any]] = {}
    for r in sorted(reported, key=lambda r: (r["reported_on"], r["id"])):
        latest[r["task_id"]] = r
    tally: dict[str, dict[str, int]] = {}
    total = {"due": 0, "on_time": 0, "late": 0, "not_done": 0}  # a task led by two bodies counts once here
    overdue = []
    for group in pack.policy_groups:
        for task in group.tasks:
            due = task_due(task.deadline)
            last = latest.get(task.id)
            verdict = task_verdict(last["status"] if last else None, due, day)
            if verdict not in (ON_TIME, LATE, NOT_DONE):
                continue
            for counts in [total, *(tally.setdefault(b, dict.fromkeys(total, 0)) for b in task.leads)]:
                counts["due"] += 1
                counts[verdict] += 1
            if verdict == NOT_DONE:
                overdue.append({"task": task.id, "text": task.quote_vi, "gloss_en": task.gloss_en, "leads": task.leads,
                                "due": due, "status": last["status"] if last else None,
                                "reported_by": last["org_id"] if last else None})  # fmt: skip
    bodies = [{"body": b.id, "name_vi": b.name_vi, "name_en": b.name_en, **tally[b.id],
               "share_on_time": _share(tally[b.id]["on_time"], tally[b.id]["due"])}
              for b in pack.bodies if b.id in tally]  # fmt: skip
    return {
        "as_of": day,
        "bodies": bodies,
        "total": {**total, "share_on_time": _share(total["on_time"], total["due"])},
        "overdue": sorted(overdue, key=lambda t: (t["due"], t["task"])),
    }
