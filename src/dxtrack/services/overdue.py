"""Overdue tasks by lead body (đôn đốc), for /loop/overdue: per lead body, the tasks due by the day, how many were
done on time, late or not at all, the share on time (the figure officials quote), and every overdue task not
done. The statuses and verdicts are :mod:`dxtrack.services.task_status`'s — the same as the review report's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.services import task_status
from dxtrack.services.task_status import Counts
from dxtrack.store import Engine


def _row(c: Counts) -> dict[str, Any]:
    share = c.on_time_share
    late = c.due - c.due_on_time - c.overdue  # due tasks are done on time, done late, or overdue
    return {"due": c.due, "on_time": c.due_on_time, "late": late, "not_done": c.overdue,
            "share_on_time": share * 100 if share is not None else None}  # fmt: skip


def overdue_by_body(engine: Engine, pack: ContentPack, as_of: dt.date | None = None) -> dict[str, Any]:
    """Per lead body with a task due (pack order of first appearance): due, on_time, late, not_done, share_on_time
    (%); the same over all tasks (each once); and every overdue task not done with its lead bodies, due date and
    reported status (None when not reported)."""
    day = as_of or dt.date.today()
    tasks = task_status.statuses(engine, pack, day)
    per, total = task_status.by_body(tasks)
    names = {b.id: b for b in pack.bodies}
    bodies = [{"body": b, "name_vi": names[b].name_vi if b in names else b,
               "name_en": names[b].name_en if b in names else b, **_row(c)} for b, c in per if c.due]  # fmt: skip
    texts = {t.id: t for g in pack.policy_groups for t in g.tasks}
    overdue = [{"task": t.task_id, "text": texts[t.task_id].quote_vi, "gloss_en": texts[t.task_id].gloss_en,
                "leads": [lead.body_id for lead in t.leads], "due": t.due,
                "status": None if t.status == "not_reported" else t.status}
               for t in tasks if t.overdue]  # fmt: skip
    return {"as_of": day, "bodies": bodies, "total": _row(total),
            "overdue": sorted(overdue, key=lambda t: (t["due"], t["task"]))}  # fmt: skip
