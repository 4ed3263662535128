"""The coordinator's /loop page and a repeating call (in process, real SQLite): each call shows its series and the
next period's due date; the button "Mở kỳ báo cáo tiếp theo" (POST, CSRF, coordinators only) opens the next call
once."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dxtrack.catalog import load_pack
from dxtrack.services import accounts, calls
from dxtrack.services.store import open_store
from dxtrack.web.app import create_app
from tests.loop_support import MINISTRY, PASSWORD, prepare

BUTTON = "Mở kỳ báo cáo tiếp theo"


def test_coordinator_opens_the_next_period_from_the_loop_page(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = open_store(url)
    prepare(engine)
    coord = accounts.get_user(engine, "coord")
    assert coord is not None
    today = dt.date.today()
    year = today.year - 1  # its H2 has started whatever today is
    first = calls.create_call(engine, load_pack("vn-nq57"), coord, title=f"Báo cáo 6 tháng đầu năm {year}",
                              period=f"{year}-H1", cutoff=f"{year}-06-15", due=f"{year}-06-30", units=MINISTRY,
                              repeat_months=6)  # fmt: skip
    with TestClient(create_app(url, pack=load_pack("vn-nq57")), follow_redirects=False) as client:
        csrf = client.post("/api/v1/auth/login", json={"name": "sub-most", "password": PASSWORD}).json()["csrf_token"]
        page = client.get("/loop?lang=vi").text
        assert f"Chuỗi {first} · Kỳ tiếp theo: 6 tháng cuối năm {year}, Hạn gửi 31/12/{year}" in page
        assert BUTTON not in page  # a submitter sees the series but no button
        refused = client.post(f"/loop/calls/{first}/repeat?lang=vi", data={"csrf_token": csrf})
        assert refused.status_code == 403
        client.post("/logout", data={"csrf_token": csrf})

        csrf = client.post("/api/v1/auth/login", json={"name": "coord", "password": PASSWORD}).json()["csrf_token"]
        assert BUTTON in client.get("/loop?lang=vi").text
        assert client.post(f"/loop/calls/{first}/repeat?lang=vi", data={}).status_code == 403  # no CSRF token
        opened = client.post(f"/loop/calls/{first}/repeat?lang=vi", data={"csrf_token": csrf})
        assert opened.status_code == 303
        new_id = int(re.search(r"opened=(\d+)", opened.headers["location"])[1])  # type: ignore[index]
        again = client.post(f"/loop/calls/{first}/repeat?lang=vi", data={"csrf_token": csrf})
        assert again.status_code == 409 and "đã được mở" in again.text
    new = calls.get_call(engine, new_id)
    assert (new["period"], new["title"], new["cutoff"], new["due"], new["series_id"], new["repeats_id"]) == (
        f"{year}-H2",
        f"Báo cáo 6 tháng cuối năm {year}",
        dt.date(year, 12, 15),
        dt.date(year, 12, 31),
        first,
        first,
    )
    assert len(calls.list_calls(engine)) == 2
    engine.dispose()
