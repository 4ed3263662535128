"""The loop's pages in process (real SQLite): a unit's page names the reminders sent to it (Viet Nam time), a late
unit is told so with what it owes, and pages need a signed-in user (the sign-in page otherwise)."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dxtrack.catalog import load_pack
from dxtrack.services import accounts, calls
from dxtrack.services.store import open_store
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo
from dxtrack.web.app import create_app
from tests.loop_support import MINISTRY, PASSWORD, prepare


def test_unit_page_shows_lateness_and_reminders(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = open_store(url)
    prepare(engine)
    coord = accounts.get_user(engine, "coord")
    assert coord is not None
    call = calls.create_call(engine, load_pack("vn-nq57"), coord, title="Báo cáo quý", period="2025-Q1",
                             cutoff="2025-03-15", due="2025-04-15", units=MINISTRY)  # fmt: skip
    with repo.transaction(engine) as conn:
        sent = dt.datetime(2025, 4, 16, 1, 30, tzinfo=dt.UTC)
        rows.insert_reminder(conn, {"call_id": call, "org_id": MINISTRY, "kind": "after", "channel": "email",
                                    "sent_at": sent, "result": "sent"})  # fmt: skip
    with TestClient(create_app(url, pack=load_pack("vn-nq57")), follow_redirects=False) as client:
        page = f"/loop/calls/{call}/units/{MINISTRY}?lang=vi"
        anonymous = client.get(page)
        assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login?next=")
        login = client.post("/api/v1/auth/login", json={"name": "sub-most", "password": PASSWORD})
        csrf = login.json()["csrf_token"]
        text = client.get(page).text
        assert "Đã gửi thư đôn đốc lúc 16/04/2025 08:30 (email)" in text  # 01:30 UTC is 08:30 in Viet Nam
        assert "Đơn vị đã quá hạn gửi báo cáo (15/04/2025); còn thiếu" in text
        english = client.get(page.replace("lang=vi", "lang=en")).text
        assert "Urging message sent on 2025-04-16 08:30 (email)" in english and "The report is overdue" in english

        # htmx: a draft saved, then refused once the report is submitted — said where the check is shown
        form = {"csrf_token": csrf, "v:section.results": "Kết quả"}
        draft = f"/loop/calls/{call}/units/{MINISTRY}/draft?lang=vi"
        saved = client.post(draft, data=form, headers={"HX-Request": "true"})
        assert saved.status_code == 200 and 'id="check"' in saved.text and "Đã lưu nháp (lần 1)." in saved.text
        assert 'id="unit-state" hx-swap-oob="true"' in saved.text
        sent = client.post(f"/loop/calls/{call}/units/{MINISTRY}/submit?lang=vi", data=form)
        assert sent.status_code == 303
        refused = client.post(draft, data={**form, "v:section.results": "Sửa"}, headers={"HX-Request": "true"})
        assert refused.status_code == 200 and 'role="alert"' in refused.text
        assert "lần gửi 1 đang ở trạng thái Đã gửi, chờ phê duyệt" in refused.text
    engine.dispose()
