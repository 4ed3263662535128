"""Repeating data calls, on SQLite and PostgreSQL: `dxtrack call repeat` opens the next period's call of a series
on the calendar (dates hand-computed), re-derives the units on the new cut-off date, and never opens one twice."""

from __future__ import annotations

import datetime as dt
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dxtrack.catalog import load_pack
from dxtrack.domain.accounts import User
from dxtrack.services import accounts, calls, orgs
from dxtrack.services.audit import verify
from dxtrack.store import Engine
from dxtrack.store import loop as rows
from dxtrack.store.audit import events
from tests.loop_support import MINISTRY, PROVINCE, cli_store, dx


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    return cli_store(db_url, monkeypatch)


def coord(engine: Engine) -> User:
    user = accounts.get_user(engine, "coord")
    assert user is not None
    return user


def open_call(engine: Engine, period: str, cutoff: str, due: str, months: int, units: str = MINISTRY) -> int:
    return calls.create_call(engine, load_pack("vn-nq57"), coord(engine), title=f"Báo cáo kỳ {period}",
                             period=period, cutoff=cutoff, due=due, units=units, repeat_months=months)  # fmt: skip


def units_of(engine: Engine, call_id: int) -> list[str]:
    with engine.connect() as conn:
        return [u["org_id"] for u in rows.unit_rows(conn, call_id)]


def test_half_yearly_call_repeats_into_h2_with_shifted_dates_once(engine: Engine) -> None:
    code, out = dx("call", "create", "--pack", "vn-nq57", "--title", "Báo cáo 6 tháng đầu năm 2025", "--period",
                   "2025-H1", "--cutoff", "2025-06-15", "--due", "2025-06-30", "--orgs", f"{MINISTRY},MOF",
                   "--repeat-months", "6", "--as", "coord", "--format", "json")  # fmt: skip
    assert code == 0, out
    first = int(json.loads(out)["id"])
    code, out = dx("call", "repeat", "--as-of", "2025-06-30", "--as", "coord", "--format", "json")
    assert (code, json.loads(out)) == (0, [])  # H2 starts 01/07/2025: nothing yet
    code, out = dx("call", "repeat", "--as-of", "2025-07-01", "--as", "coord", "--format", "json")
    assert code == 0, out
    [h2] = json.loads(out)
    assert (h2["period"], h2["cutoff"], h2["due"]) == ("2025-H2", "2025-12-15", "2025-12-31")
    assert (h2["title"], h2["repeat_months"], h2["series"], h2["repeats"]) == (
        "Báo cáo 6 tháng cuối năm 2025",
        6,
        first,
        first,
    )
    assert (h2["next_period"], h2["next_due"]) == ("2026-H1", "2026-06-30")
    code, out = dx("call", "repeat", "--as-of", "2025-07-01", "--as", "coord", "--format", "json")
    assert (code, json.loads(out)) == (0, [])  # twice = once
    code, out = dx("call", "show", str(first), "--format", "json")
    shown = json.loads(out)
    assert (shown["series"], shown["repeats"], shown["next_period"], shown["next_due"]) == (
        first,
        None,
        "2025-H2",
        "2025-12-31",
    )
    assert [(c["id"], c["period"]) for c in calls.list_calls(engine)] == [(first, "2025-H1"), (h2["id"], "2025-H2")]
    assert units_of(engine, h2["id"]) == ["MOF", MINISTRY]
    with engine.connect() as conn:
        repeat_events = [e for e in events(conn) if e["action"] == "call.repeat"]
    assert [(e["actor"], e["entity_id"]) for e in repeat_events] == [("coord", str(h2["id"]))]
    assert verify(engine).problems == []


def test_yearly_call_catches_up_year_by_year(engine: Engine) -> None:
    first = open_call(engine, "2024", "2024-12-15", "2025-01-31", 12)
    opened = calls.open_due_repeats(engine, coord(engine), dt.date(2026, 1, 1))
    got = [(c["period"], c["cutoff"], c["due"], c["repeats_id"], c["series_id"])
           for c in (calls.get_call(engine, i) for i in opened)]  # fmt: skip
    assert got == [
        ("2025", dt.date(2025, 12, 15), dt.date(2026, 1, 31), first, first),
        ("2026", dt.date(2026, 12, 15), dt.date(2027, 1, 31), opened[0], first),
    ]
    assert calls.open_due_repeats(engine, coord(engine), dt.date(2026, 1, 1)) == []


def test_monthly_call_across_february_keeps_month_ends(engine: Engine) -> None:
    open_call(engine, "2026-01", "2026-01-31", "2026-02-10", 1)
    opened = calls.open_due_repeats(engine, coord(engine), dt.date(2026, 3, 1))
    got = [(c["period"], c["cutoff"], c["due"]) for c in (calls.get_call(engine, i) for i in opened)]
    # 31/01 is a month end: 28/02 then 31/03 (not 28/03); 10/02 + 1 = 10/03
    assert got == [("2026-02", dt.date(2026, 2, 28), dt.date(2026, 3, 10)),
                   ("2026-03", dt.date(2026, 3, 31), dt.date(2026, 4, 10))]  # fmt: skip


def test_repeat_rederives_units_after_the_province_merger(engine: Engine) -> None:
    first = open_call(engine, "2025-H1", "2025-06-15", "2025-06-30", 6, units="all")
    [h2] = calls.open_due_repeats(engine, coord(engine), dt.date(2025, 7, 1))
    provinces_before = [
        o for o in units_of(engine, first) if (org := orgs.get_org(engine, o)) and org.kind == "province"
    ]
    provinces_after = [o for o in units_of(engine, h2) if (org := orgs.get_org(engine, o)) and org.kind == "province"]
    assert (len(provinces_before), len(provinces_after)) == (63, 34)
    assert PROVINCE in provinces_after and PROVINCE not in provinces_before
    assert calls.template(engine, h2, PROVINCE)["meta"]["period"] == "2025-H2"


def test_a_call_without_a_repeat_rule_or_not_yet_due_opens_nothing(engine: Engine) -> None:
    calls.create_call(engine, load_pack("vn-nq57"), coord(engine), title="Một lần", period="2025",
                      cutoff="2025-12-15", due="2026-01-31", units=MINISTRY)  # fmt: skip
    open_call(engine, "2025-Q3", "2025-09-30", "2025-10-15", 3)
    assert calls.open_due_repeats(engine, coord(engine), dt.date(2025, 9, 30)) == []
    assert len(calls.list_calls(engine)) == 2


def test_a_unit_user_cannot_repeat_calls(engine: Engine) -> None:
    open_call(engine, "2025-H1", "2025-06-15", "2025-06-30", 6)
    code, out = dx("call", "repeat", "--as-of", "2025-07-01", "--as", "sub-most")
    assert code != 0 and "Traceback" not in out and "coordinator" in out
    code, out = dx("call", "repeat", "--as-of", "2025-06-30", "--as", "sub-most")  # nothing due: still refused
    assert code != 0 and "coordinator" in out
    assert len(calls.list_calls(engine)) == 1


def test_two_concurrent_repeats_open_one_call(engine: Engine) -> None:
    first = open_call(engine, "2025-H1", "2025-06-15", "2025-06-30", 6)
    gate = threading.Barrier(4)

    def run(_: int) -> list[int]:
        gate.wait()
        return calls.open_due_repeats(engine, coord(engine), dt.date(2025, 7, 1))

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(4)))
    opened = [i for r in results for i in r]
    assert len(opened) == 1
    assert [(c["period"], c["series_id"]) for c in calls.list_calls(engine)] == [("2025-H1", None), ("2025-H2", first)]
    assert verify(engine).problems == []
