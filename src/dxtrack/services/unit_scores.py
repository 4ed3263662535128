"""Scorecards of the reporting units from the loop itself (results count in judging each body's head): per unit,
over the pack's calls, timeliness (share of calls reported by the deadline), completeness (share of the items asked
that its latest report states), share of its own tasks done on time, and share of its reports returned.

Units are the ministries, agencies and provinces existing on ``as_of`` (63 provinces before 01/07/2025, 34 after);
a predecessor's record counts for the unit carrying its duties on ``as_of`` (successions)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from dxtrack.domain.catalog import ContentPack
from dxtrack.domain.deadlines import LATE, NOT_DONE, ON_TIME, submitted_on_time, task_due, task_verdict
from dxtrack.domain.orgs import Organisation, carrier
from dxtrack.services import orgs as org_service
from dxtrack.store import Engine
from dxtrack.store import loop as rows

GROUPS = {"ministry": "ministry", "agency": "ministry", "province": "province"}
"""Organisation kind -> the scorecard group it is shown in (agencies stand with the ministries)."""


@dataclass
class Tally:
    """Counts behind one unit's (or group's) scores; a share is None when nothing counts towards it."""

    calls: int = 0
    calls_on_time: int = 0
    items_asked: int = 0
    items_reported: int = 0
    tasks_due: int = 0
    tasks_on_time: int = 0
    tasks_late: int = 0
    tasks_not_done: int = 0
    revisions: int = 0
    returned: int = 0

    def add(self, other: Tally) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    def shares(self) -> dict[str, float | None]:
        def share(part: int, whole: int) -> float | None:
            return part / whole if whole else None

        return {
            "timeliness": share(self.calls_on_time, self.calls),
            "completeness": share(self.items_reported, self.items_asked),
            "task_timeliness": share(self.tasks_on_time, self.tasks_due),
            "returned_share": share(self.returned, self.revisions),
        }


def _returns(events: list[dict[str, Any]], as_of: dt.date) -> bool:
    """Whether a revision was returned by ``as_of`` (a 'returned' after 'accepted' is a reopening, not a return)."""
    seen = [e for e in events if e["at"].date() <= as_of]
    return any(e["state"] == "returned" and (n == 0 or seen[n - 1]["state"] != "accepted") for n, e in enumerate(seen))


def _call_tallies(engine: Engine, pack: ContentPack, as_of: dt.date) -> dict[str, Tally]:
    """Org id (as asked) -> its tally over the pack's calls opened by ``as_of``."""
    with engine.connect() as conn:
        calls = [c for c in rows.call_rows(conn) if c["pack_id"] == pack.id and c["created_at"].date() <= as_of]
        ids = [c["id"] for c in calls]
        units, subs = rows.call_units(conn, ids), rows.all_submissions(conn, ids)
    due = {c["id"]: c["due"] for c in calls}
    revs: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for s in subs:
        if s["created_at"].date() <= as_of:
            revs[(s["call_id"], s["org_id"])].append(s)
    out: dict[str, Tally] = defaultdict(Tally)
    for unit in units:
        mine = revs.get((unit["call_id"], unit["org_id"]), [])
        first = min((e["at"].date() for s in mine for e in s["events"] if e["state"] == "submitted"), default=None)
        deadline = due[unit["call_id"]]
        if first is None and deadline >= as_of:
            continue  # not yet due and not yet reported: not judged
        t = out[unit["org_id"]]
        t.calls += 1
        t.calls_on_time += submitted_on_time(first, deadline)
        asked = {i["id"] for i in unit["items"]}
        t.items_asked += len(asked)
        t.items_reported += len(asked & mine[-1]["items"]) if mine else 0
        t.revisions += len(mine)
        t.returned += sum(_returns(s["events"], as_of) for s in mine)
    return out


def _task_tallies(engine: Engine, pack: ContentPack, as_of: dt.date, carry: dict[str, str]) -> dict[str, Tally]:
    """Unit id (on ``as_of``) -> verdicts on the tasks it leads by name (a collective body's tasks are not one
    member's own) from the latest status its lead reported by ``as_of``."""
    with engine.connect() as conn:
        reported = [r for r in rows.task_statuses(conn) if r["pack_id"] == pack.id and r["reported_on"] <= as_of]
    latest: dict[tuple[str, str], str] = {}
    for r in sorted(reported, key=lambda r: (r["reported_on"], r["id"])):
        if r["org_id"] in carry:
            latest[(r["task_id"], carry[r["org_id"]])] = r["status"]
    out: dict[str, Tally] = defaultdict(Tally)
    for group in pack.policy_groups:
        for task in group.tasks:
            leads = {carry[o] for o in (org_service.body_org(pack, b) for b in task.leads) if o in carry}
            for unit in leads:
                verdict = task_verdict(latest.get((task.id, unit)), task_due(task.deadline), as_of)
                if verdict in (ON_TIME, LATE, NOT_DONE):
                    t = out[unit]
                    t.tasks_due += 1
                    t.tasks_on_time += verdict == ON_TIME
                    t.tasks_late += verdict == LATE
                    t.tasks_not_done += verdict == NOT_DONE
    return out


def scorecard(engine: Engine, pack: ContentPack, as_of: dt.date | None = None) -> dict[str, Any]:
    """Per unit existing on ``as_of`` (ministries and agencies, then provinces): counts and the four shares, and
    the pooled shares of each group."""
    day = as_of or dt.date.today()
    known: dict[str, Organisation] = {o.id: o for o in org_service.list_orgs(engine)}
    carry = {o: carrier(known, o, day) for o in known}
    tallies: dict[str, Tally] = defaultdict(Tally)
    for org_id, tally in _call_tallies(engine, pack, day).items():
        tallies[carry.get(org_id, org_id)].add(tally)
    for unit, tally in _task_tallies(engine, pack, day, carry).items():
        tallies[unit].add(tally)
    units, groups = [], {g: Tally() for g in dict.fromkeys(GROUPS.values())}
    for org in org_service.list_orgs(engine, on=day):
        if org.kind not in GROUPS:
            continue
        tally = tallies.get(org.id, Tally())
        groups[GROUPS[org.kind]].add(tally)
        units.append({"org": org.id, "org_name": org.name_vi, "org_name_en": org.name_en, "group": GROUPS[org.kind],
                      **asdict(tally), **tally.shares()})  # fmt: skip
    pooled = [{"group": g, "units": sum(u["group"] == g for u in units), **asdict(t), **t.shares()}
              for g, t in groups.items()]  # fmt: skip
    return {"pack": pack.id, "as_of": day.isoformat(), "units": units, "groups": pooled}
