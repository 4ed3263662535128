"""The one place deciding when something is due and whether it was done on time: a task's due date from its pack
deadline, a unit's report by a call's deadline, and a task's on-time verdict from the status its lead reported."""

from __future__ import annotations

import datetime as dt

from dxtrack.domain.period import parse_period

OPEN_ENDED = ("continuing", "annual")
"""Deadlines with no single due date (thường xuyên, hằng năm): never overdue, never 'on time'."""

ON_TIME, LATE, NOT_DONE, NOT_DUE = "on_time", "late", "not_done", "not_due"
TASK_VERDICTS = (ON_TIME, LATE, NOT_DONE, NOT_DUE)


def task_due(deadline: int | str | None) -> dt.date | None:
    """The last day of a task's deadline: ``2025`` → 31/12/2025, ``2025-06`` → 30/06/2025, ``2025-Q2`` →
    30/06/2025, ``2025/2026`` → 31/12/2026; None for no deadline, ``2025/..``, ``continuing`` and ``annual``."""
    if deadline is None or deadline == "":
        return None
    text = str(deadline)
    if text in OPEN_ENDED:
        return None
    if "/" in text:
        text = text.split("/", 1)[1]
        if text == "..":
            return None
    return parse_period(text).end


def submitted_on_time(first_submitted: dt.date | None, due: dt.date) -> bool:
    """A unit's report is on time if it was first submitted on or before the call's deadline."""
    return first_submitted is not None and first_submitted <= due


def task_verdict(status: str | None, due: dt.date | None, as_of: dt.date) -> str:
    """The verdict on a task from its lead's latest reported status (``completed`` = done by the deadline,
    ``completed_late`` = done after it): ``on_time``, ``late``, ``not_done`` (due by ``as_of`` and not done),
    or ``not_due`` (not done, and not yet due or open-ended)."""
    if status == "completed":
        return ON_TIME
    if status == "completed_late":
        return LATE
    if due is not None and due < as_of:
        return NOT_DONE
    return NOT_DUE
