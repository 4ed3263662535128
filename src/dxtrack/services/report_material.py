"""The units' narrative sections a compiled report quotes as of a date: for each unit, the sections of its most
recent report (by the call's period, then acceptance) standing accepted on that day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtrack.domain.catalog import ContentPack
from dxtrack.services.accepted import accepted_reports
from dxtrack.store import Engine
from dxtrack.store import loop as rows


@dataclass(frozen=True)
class Material:
    """One section of one unit's accepted report."""

    org_id: str
    section: str  # a narrative section id (``results``, ``results.<group id>``, ``limitations``, …)
    text: str
    accepted_on: dt.date
    period: str
    call_id: int


def material(engine: Engine, pack: ContentPack, day: dt.date) -> list[Material]:
    """Every section of each unit's latest report accepted by ``day``, in the order the units were accepted."""
    standing = accepted_reports(engine, pack.id, day)
    with engine.connect() as conn:
        stored = rows.materials_of(conn, sorted(standing))
    has = {r["submission_id"] for r in stored}
    latest: dict[str, int] = {}
    for sub in sorted(standing.values(), key=lambda a: (a.period_end, a.accepted_on, a.submission_id)):
        if sub.submission_id in has:
            latest[sub.org_id] = sub.submission_id
    keep = set(latest.values())
    out = [
        Material(
            r["org_id"],
            str(r["section"]),
            str(r["text"]),
            standing[r["submission_id"]].accepted_on,
            standing[r["submission_id"]].period,
            standing[r["submission_id"]].call_id,
        )
        for r in stored
        if r["submission_id"] in keep and str(r["text"]).strip()
    ]
    return sorted(out, key=lambda m: (m.accepted_on, m.org_id))
