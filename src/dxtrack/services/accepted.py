"""Which units' reports stand accepted on a date: the one rule behind the task statuses and the report material
the compiled report quotes. A submission counts on ``day`` when its last status event by then is ``accepted``:
a report accepted later, or reopened (and not yet accepted again as a new revision), does not count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtrack.store import Engine
from dxtrack.store import loop as rows


def as_date(value: dt.date | dt.datetime | str) -> dt.date:
    """A day from a stored date or time (SQLite may hand back ISO text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class Accepted:
    """One accepted report: its submission, call, unit, the call's period and the day it was accepted."""

    submission_id: int
    call_id: int
    org_id: str
    period: str
    period_end: dt.date
    accepted_on: dt.date


def accepted_reports(engine: Engine, pack_id: str, day: dt.date) -> dict[int, Accepted]:
    """Submission id -> the report, for every submission to the pack's calls standing accepted on ``day``."""
    with engine.connect() as conn:
        heads = rows.accepted_heads(conn, pack_id)
    out = {}
    for head in heads:
        by_then = [e for e in head["events"] if as_date(e["at"]) <= day]
        if by_then and by_then[-1]["state"] == "accepted":
            out[head["id"]] = Accepted(head["id"], head["call_id"], head["org_id"], str(head["period"]),
                                       as_date(head["period_end"]), as_date(by_then[-1]["at"]))  # fmt: skip
    return out
