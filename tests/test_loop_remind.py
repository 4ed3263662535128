"""Reminders by e-mail through a real local SMTP server (aiosmtpd): before the due date to units that have not
reported, after it to late units; each once, recorded, audited and listed on the unit's page."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from dxtrack.catalog import load_pack
from dxtrack.services import calls, contacts, remind, submissions
from dxtrack.services.accounts import get_user
from dxtrack.services.audit import verify
from dxtrack.store import Engine
from dxtrack.store.audit import events
from tests.loop_support import MINISTRY, PROVINCE, cli_store, dx


class Inbox:
    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def subjects(self) -> list[tuple[str, str]]:
        out = []
        for e in self.envelopes:
            msg = message_from_bytes(e.original_content or b"", policy=policy.default)
            out.append((str(msg["To"]), str(msg["Subject"])))
        return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    box = Inbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("DXTRACK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DXTRACK_SMTP_PORT", str(port))
    monkeypatch.setenv("DXTRACK_SMTP_FROM", "dxtrack@most.gov.vn")
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    return cli_store(db_url, monkeypatch)


def user(engine: Engine, name: str) -> Any:
    found = get_user(engine, name)
    assert found is not None
    return found


def test_reminders_before_and_after_the_due_date(engine: Engine, inbox: Inbox) -> None:
    pack = load_pack("vn-nq57")
    coord = user(engine, "coord")
    call = calls.create_call(engine, pack, coord, title="Báo cáo 6 tháng đầu năm 2099", period="2099-H1",
                             cutoff="2099-06-10", due="2099-06-30", units=f"{MINISTRY},{PROVINCE},MOF")  # fmt: skip
    contacts.add_contact(engine, coord, MINISTRY, "vanthu@most.gov.vn")
    contacts.add_contact(engine, coord, PROVINCE, "vp@hanoi.gov.vn", "Văn phòng UBND")
    tpl = calls.template(engine, call, MINISTRY)
    for item in tpl["items"]:
        item["value"] = "Kết quả" if item["id"] == "section.results" else None
    submissions.submit(engine, pack, user(engine, "sub-most"), call, MINISTRY, tpl)  # reported: no reminder

    # 27/06: three days before the due date; the province has not reported, MOF has no address
    code, out = dx("remind", str(call), "--as-of", "2099-06-27", "--as", "coord")
    assert code == 0, out
    assert out == (
        f"{PROVINCE}: reminder (before the due date) sent to vp@hanoi.gov.vn\n"
        "MOF: no e-mail address; add one with `dxtrack org contact add MOF --email …`\n"
    )
    # 26/06 would have been four days before: nothing due then; the same day again: already sent
    assert remind.pending(engine, call, __import__("datetime").date(2099, 6, 26)) == []
    code, out = dx("remind", str(call), "--as-of", "2099-06-27", "--as", "coord")
    assert code == 0 and out == "MOF: no e-mail address; add one with `dxtrack org contact add MOF --email …`\n"
    # after the due date: the province is late
    code, out = dx("remind", str(call), "--as-of", "2099-07-02", "--as", "coord", "--format", "json")
    assert code == 0, out
    assert '"kind": "after"' in out and f'"org": "{PROVINCE}"' in out
    assert inbox.subjects() == [
        ("vp@hanoi.gov.vn", "Nhắc gửi báo cáo: Báo cáo 6 tháng đầu năm 2099 (hạn 30/06/2099)"),
        ("vp@hanoi.gov.vn", "Đôn đốc gửi báo cáo: Báo cáo 6 tháng đầu năm 2099 (hạn 30/06/2099)"),
    ]
    shown = remind.unit_reminders(engine, PROVINCE)
    assert [(r["kind"], r["channel"], r["result"], r["title"]) for r in shown] == [
        ("before", "email", "sent to vp@hanoi.gov.vn", "Báo cáo 6 tháng đầu năm 2099"),
        ("after", "email", "sent to vp@hanoi.gov.vn", "Báo cáo 6 tháng đầu năm 2099"),
    ]
    assert remind.unit_reminders(engine, MINISTRY) == []
    with engine.connect() as conn:
        sent = [(e["actor"], e["detail"]["kind"]) for e in events(conn) if e["action"] == "reminder.send"]
    assert sent == [("coord", "before"), ("coord", "after")]
    assert verify(engine).problems == []


def test_only_a_coordinator_sends_and_a_dead_server_records_nothing(
    engine: Engine, inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = load_pack("vn-nq57")
    coord = user(engine, "coord")
    call = calls.create_call(engine, pack, coord, title="Báo cáo năm 2099", period="2099", cutoff="2099-06-10",
                             due="2099-06-30", units=PROVINCE)  # fmt: skip
    contacts.add_contact(engine, coord, PROVINCE, "vp@hanoi.gov.vn")
    code, out = dx("remind", str(call), "--as-of", "2099-07-02", "--as", "sub-most")
    assert code == 1 and "does not hold the role coordinator" in out
    code, out = dx("remind", str(call), "--before-days", "-1", "--as", "coord")
    assert code == 1 and out.endswith("--before-days -1: expected a number of days (0 or more) before the due date")
    monkeypatch.setenv("DXTRACK_SMTP_PORT", str(_free_port()))  # nothing listens there
    code, out = dx("remind", str(call), "--as-of", "2099-07-02", "--as", "coord")
    assert code == 1 and "sending e-mail through 127.0.0.1:" in out
    assert remind.unit_reminders(engine, PROVINCE) == [] and inbox.envelopes == []
