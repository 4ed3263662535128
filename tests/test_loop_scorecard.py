"""Scorecards of units from the loop, hand-computed on a small constructed history (vn-nq57), on SQLite and
PostgreSQL; and the one place deciding due dates and on-time verdicts.

History. Call A (2024, due 31/01/2025) asks MOT (merged into MOC on 01/03/2025) and the provinces Hà Giang
(VN63_02) and Tuyên Quang (VN63_08), merged into Tuyên Quang (VN34_08) on 01/07/2025:
- Hà Giang submits all 7 sections on 20/01/2025 (on time), accepted;
- Tuyên Quang submits 4 sections on 05/02/2025 (late), is returned, resubmits all 7, accepted;
- MOT never submits.
Call B (2025, due 31/01/2026) asks MOC, MOH and Tuyên Quang (VN34_08):
- MOC submits 10 items on 20/01/2026 (on time): CP.101 completed, CP.108 completed_late, CP.52
  (continuing) in progress, the 7 sections; accepted;
- VN34_08 submits 5 sections on 10/01/2026, accepted, then reopened (a reopening is not a return);
- MOH never submits (it leads CP.110, due 03/2025, and CP.111, due 2025).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.domain.deadlines import LATE, NOT_DONE, NOT_DUE, ON_TIME, submitted_on_time, task_due, task_verdict
from dxtrack.domain.loop import SECTION_PREFIX, SECTIONS
from dxtrack.services import accounts, calls, submissions, unit_scores
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from tests.loop_support import PASSWORD, prepare

PACK = load_pack("vn-nq57")
SECTION_IDS = [SECTION_PREFIX + s[0] for s in SECTIONS]
EVIDENCE = ["https://example.vn/qd.pdf"]


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T09:00:00+00:00")


def user(engine: Engine, name: str) -> Any:
    found = accounts.get_user(engine, name)
    assert found is not None
    return found


def report(engine: Engine, call: int, org: str, values: dict[str, Any], day: str) -> None:
    tpl = calls.template(engine, call, org)
    for item in tpl["items"]:
        item["value"] = values.get(item["id"])
    submissions.submit(engine, PACK, user(engine, f"sub-{org.lower()}"), call, org, tpl, now=at(day))


def step(engine: Engine, call: int, org: str, action: str, day: str, who: str = "coord") -> None:
    reason = "Thiếu số liệu" if action in ("return", "reopen") else None
    submissions.review(engine, PACK, user(engine, who), call, org, action, reason=reason, now=at(day))


def sections(n: int) -> dict[str, Any]:
    return {sid: f"Nội dung {sid}" for sid in SECTION_IDS[:n]}


@pytest.fixture
def history(db_url: str) -> Engine:
    engine = open_store(db_url)
    prepare(engine)
    for org in ("MOT", "MOC", "MOH", "VN63_02", "VN63_08", "VN34_08"):
        accounts.create_user(engine, f"sub-{org.lower()}", org_id=org, roles=["submitter"], password=PASSWORD)
        accounts.create_user(engine, f"appr-{org.lower()}", org_id=org, roles=["approver"], password=PASSWORD)
    coord = user(engine, "coord")
    a = calls.create_call(engine, PACK, coord, title="Báo cáo năm 2024", period="2024", cutoff="2024-12-15",
                          due="2025-01-31", units="MOT,VN63_02,VN63_08", now=at("2025-01-02"))  # fmt: skip
    b = calls.create_call(engine, PACK, coord, title="Báo cáo năm 2025", period="2025", cutoff="2025-12-15",
                          due="2026-01-31", units="MOC,MOH,VN34_08", now=at("2026-01-02"))  # fmt: skip
    mot = {i["id"] for i in calls.template(engine, a, "MOT")["items"]}
    assert "CP.101" not in mot  # MOC's tasks were MOC's on the cut-off date
    assert {"CP.52", "CP.64", "CP.101", "CP.108"} <= {i["id"] for i in calls.template(engine, b, "MOC")["items"]}
    report(engine, a, "VN63_02", sections(7), "2025-01-20")
    step(engine, a, "VN63_02", "approve", "2025-01-21", "appr-vn63_02")
    step(engine, a, "VN63_02", "accept", "2025-01-22")
    report(engine, a, "VN63_08", sections(4), "2025-02-05")
    step(engine, a, "VN63_08", "return", "2025-02-06")
    report(engine, a, "VN63_08", sections(7), "2025-02-07")
    step(engine, a, "VN63_08", "approve", "2025-02-08", "appr-vn63_08")
    step(engine, a, "VN63_08", "accept", "2025-02-09")
    moc = {**sections(7), "CP.52": {"status": "in_progress", "note": "Đang triển khai"},
           "CP.101": {"status": "completed", "evidence": EVIDENCE},
           "CP.108": {"status": "completed_late", "evidence": EVIDENCE}}  # fmt: skip
    report(engine, b, "MOC", moc, "2026-01-20")
    step(engine, b, "MOC", "approve", "2026-01-24", "appr-moc")
    step(engine, b, "MOC", "accept", "2026-01-25")
    report(engine, b, "VN34_08", sections(5), "2026-01-10")
    step(engine, b, "VN34_08", "approve", "2026-01-11", "appr-vn34_08")
    step(engine, b, "VN34_08", "accept", "2026-01-12")
    step(engine, b, "VN34_08", "reopen", "2026-02-01")
    return engine


def counts(card: dict[str, Any], org: str) -> tuple[int, ...]:
    u = next(u for u in card["units"] if u["org"] == org)
    keys = ("calls", "calls_on_time", "items_asked", "items_reported", "tasks_due", "tasks_on_time", "tasks_late",
            "tasks_not_done", "revisions", "returned")  # fmt: skip
    return tuple(u[k] for k in keys)


def asked(engine: Engine, call: int, org: str) -> int:
    """Items asked of a unit (its own and its collective bodies' tasks, indicators, the 7 sections)."""
    return len(calls.template(engine, call, org)["items"])


def test_after_the_merger_records_follow_successions(history: Engine) -> None:
    card = unit_scores.scorecard(history, PACK, dt.date(2026, 3, 1))
    hg, tq, tq34 = asked(history, 1, "VN63_02"), asked(history, 1, "VN63_08"), asked(history, 2, "VN34_08")
    mot, moc = asked(history, 1, "MOT"), asked(history, 2, "MOC")
    provinces = [u for u in card["units"] if u["group"] == "province"]
    assert len(provinces) == 34 and not any(u["org"].startswith("VN63") for u in card["units"])
    # Tuyên Quang carries Hà Giang's and its own 2024 record: calls on time 1 (HG) + 0 (TQ) + 1 (2025) of 3;
    # items 7 + 7 (latest revision) + 5 reported; revisions 1 + 2 + 1, one return (the reopening is not one).
    assert counts(card, "VN34_08") == (3, 2, hg + tq + tq34, 19, 0, 0, 0, 0, 4, 1)
    # MOC carries MOT's unanswered 2024 call; its 2025 report states 10 items, on time; the tasks it leads by
    # name due by 01/03/2026: CP.101 on time, CP.108 late (CP.52 is continuing, never due).
    assert counts(card, "MOC") == (2, 1, mot + moc, 10, 2, 1, 1, 0, 1, 0)
    moh = len(calls.template(history, 2, "MOH")["items"])
    assert counts(card, "MOH") == (1, 0, moh, 0, 2, 0, 0, 2, 0, 0)  # CP.110 and CP.111 overdue, not reported
    # SBV co-leads CP.108: MOC's report does not speak for it.
    assert counts(card, "SBV") == (0, 0, 0, 0, 1, 0, 0, 1, 0, 0)
    vn = next(u for u in card["units"] if u["org"] == "VN34_08")
    assert vn["timeliness"] == pytest.approx(2 / 3) and vn["completeness"] == pytest.approx(19 / (hg + tq + tq34))
    assert vn["returned_share"] == pytest.approx(1 / 4) and vn["task_timeliness"] is None
    mo = next(u for u in card["units"] if u["org"] == "MOC")
    assert (mo["timeliness"], mo["task_timeliness"], mo["returned_share"]) == (0.5, 0.5, 0.0)
    group = next(g for g in card["groups"] if g["group"] == "province")
    assert (group["units"], group["calls"], group["calls_on_time"], group["revisions"], group["returned"]) == (
        34, 3, 2, 4, 1)  # fmt: skip


def test_before_the_merger_63_provinces_and_no_later_call(history: Engine) -> None:
    card = unit_scores.scorecard(history, PACK, dt.date(2025, 3, 1))
    hg, tq, mot = asked(history, 1, "VN63_02"), asked(history, 1, "VN63_08"), asked(history, 1, "MOT")
    assert sum(u["group"] == "province" for u in card["units"]) == 63
    assert counts(card, "VN63_02") == (1, 1, hg, 7, 0, 0, 0, 0, 1, 0)
    assert counts(card, "VN63_08") == (1, 0, tq, 7, 0, 0, 0, 0, 2, 1)
    assert "MOT" not in {u["org"] for u in card["units"]}  # ended 28/02/2025: MOC carries its record
    assert counts(card, "MOC") == (1, 0, mot, 0, 0, 0, 0, 0, 0, 0)  # no led task due yet, call B not opened
    assert counts(card, "MOH") == (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)  # CP.110 is due 31/03/2025


def test_a_call_not_yet_due_is_not_judged(history: Engine) -> None:
    card = unit_scores.scorecard(history, PACK, dt.date(2026, 1, 20))
    assert counts(card, "MOH") == (0, 0, 0, 0, 2, 0, 0, 2, 0, 0)  # its report is not due; its tasks are
    assert counts(card, "VN34_08")[:2] == (3, 2)  # reported early: judged


def test_cli_scorecard_json_and_table(history: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXTRACK_DB", db_url)
    result = CliRunner().invoke(app, ["call", "scorecard", "--as-of", "2026-03-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["pack"] == "vn-nq57" and data["as_of"] == "2026-03-01"
    assert next(u for u in data["units"] if u["org"] == "MOC")["task_timeliness"] == 0.5
    table = CliRunner().invoke(app, ["call", "scorecard", "--pack", "vn-nq57", "--as-of", "2026-03-01"])
    assert table.exit_code == 0, table.output
    assert "Tỉnh, thành phố / provinces: 34" in table.output
    assert "2/3 (67%)" in table.output and "1/2 (50%)" in table.output


def test_due_dates_and_verdicts() -> None:
    assert task_due(2025) == dt.date(2025, 12, 31)
    assert task_due("2025-06") == dt.date(2025, 6, 30)
    assert task_due("2025-Q1") == dt.date(2025, 3, 31)
    assert task_due("2025/2026") == dt.date(2026, 12, 31)
    assert [task_due(d) for d in ("2025/..", "continuing", "annual", None)] == [None] * 4
    day = dt.date(2026, 1, 1)
    assert task_verdict("completed", dt.date(2026, 6, 30), day) == ON_TIME
    assert task_verdict("completed_late", dt.date(2025, 6, 30), day) == LATE
    assert task_verdict("in_progress", dt.date(2025, 12, 31), day) == NOT_DONE
    assert task_verdict(None, dt.date(2026, 1, 1), day) == NOT_DUE  # due today: not yet overdue
    assert task_verdict("in_progress", None, day) == NOT_DUE
    assert submitted_on_time(dt.date(2026, 1, 31), dt.date(2026, 1, 31))
    assert not submitted_on_time(None, dt.date(2026, 1, 31))


def test_scorecard_page(history: Engine, db_url: str) -> None:
    import httpx

    from dxtrack.web.launch import free_port, start_server

    history.dispose()
    port = free_port()
    server = start_server(db_url, port, pack="vn-nq57")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            assert client.get("/loop/scorecard").status_code == 303  # sign in first
            login = client.post("/api/v1/auth/login", json={"name": "coord", "password": PASSWORD})
            assert login.status_code == 200, login.text
            page = client.get("/loop/scorecard?as_of=2026-03-01&lang=vi")
            assert page.status_code == 200, page.text
            invalid = client.get("/loop/scorecard?as_of=2026-02-30")
    finally:
        server.terminate()
        server.wait(timeout=10)
    html = page.text
    assert "Tỉnh, thành phố trực thuộc trung ương (34)" in html and "vn-nq57" in html
    row = html[html.index('id="unit-VN34_08"') : html.index("</tr>", html.index('id="unit-VN34_08"'))]
    assert "Tỉnh Tuyên Quang" in row and '67%</span> <span class="muted">(2/3)' in row
    assert '25%</span> <span class="muted">(1/4)' in row  # one of its four revisions returned
    moc = html[html.index('id="unit-MOC"') : html.index("</tr>", html.index('id="unit-MOC"'))]
    assert '50%</span> <span class="muted">(1/2)' in moc
    assert invalid.status_code == 400
