"""Overdue tasks by lead body (/loop/overdue) on SQLite and PostgreSQL: CP.1 of vn-nq57 (lead: the Ministry of
Science and Technology, due June 2025) is overdue on 01/07/2025 until the ministry's accepted report says it was
completed; reported done by the deadline it counts as on time. The statuses are services.task_status's (the
review report's)."""

from __future__ import annotations

import datetime as dt

from dxtrack.catalog import load_pack
from dxtrack.services import accounts, calls, submissions
from dxtrack.services.overdue import overdue_by_body
from dxtrack.services.store import open_store
from tests.loop_support import MINISTRY, prepare

DAY = dt.date(2025, 7, 1)
PACK = load_pack("vn-nq57")


def _report(engine: object, status: str, at: dt.datetime) -> None:
    users = {n: accounts.get_user(engine, n) for n in ("coord", "sub-most", "appr-most")}  # type: ignore[arg-type]
    call = calls.create_call(engine, PACK, users["coord"], title="Báo cáo", period="2025-H1", cutoff="2025-06-15",
                             due="2025-06-30", units=MINISTRY, now=at)  # type: ignore[arg-type]  # fmt: skip
    tpl = calls.template(engine, call, MINISTRY)  # type: ignore[arg-type]
    value = {"status": status, "note": None, "product": None, "evidence": ["https://most.gov.vn/qd.pdf"]}
    filled = {**tpl, "items": [{**i, "value": value if i["id"] == "CP.1" else None} for i in tpl["items"]]}
    submissions.submit(engine, PACK, users["sub-most"], call, MINISTRY, filled, now=at)  # type: ignore[arg-type]
    for step, who in (("approve", "appr-most"), ("accept", "coord")):
        submissions.review(engine, PACK, users[who], call, MINISTRY, step, now=at)  # type: ignore[arg-type]


def test_overdue_by_lead_body(db_url: str) -> None:
    engine = open_store(db_url)
    prepare(engine)
    before = overdue_by_body(engine, PACK, DAY)
    most = {b["body"]: b for b in before["bodies"]}["MOST"]
    assert "CP.1" in [t["task"] for t in before["overdue"]] and most["on_time"] == 0
    cp1 = next(t for t in before["overdue"] if t["task"] == "CP.1")
    assert (cp1["due"], cp1["status"], cp1["leads"]) == (dt.date(2025, 6, 30), None, ["MOST"])

    _report(engine, "completed", dt.datetime(2025, 6, 20, 9, tzinfo=dt.UTC))
    after = overdue_by_body(engine, PACK, DAY)
    most_after = {b["body"]: b for b in after["bodies"]}["MOST"]
    assert "CP.1" not in [t["task"] for t in after["overdue"]]
    assert (most_after["due"], most_after["on_time"], most_after["not_done"]) == (
        most["due"], 1, most["not_done"] - 1)  # fmt: skip
    assert most_after["share_on_time"] == 100 / most["due"]
    assert (after["total"]["on_time"], after["total"]["due"]) == (1, before["total"]["due"])
    engine.dispose()
