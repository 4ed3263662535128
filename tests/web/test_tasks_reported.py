"""/tasks shows each task's reported status from the units' accepted reports (the constructed loop history of
tests/test_report_loop.py, served by a real server): CP.11 in progress and overdue, CP.1 completed, CP.5 not
reported because the Ministry of Home Affairs' report was reopened."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import httpx

from dxtrack.web.launch import free_port, start_server
from tests.test_report_loop import build_history


def test_tasks_page_shows_the_reported_status(tmp_path: Path, data_dir: Path) -> None:
    url = f"sqlite:///{tmp_path / 'loop.db'}"
    build_history(url)
    port = free_port()
    proc = start_server(url, port, data_dir=data_dir, pack="vn-nq57")
    try:
        page = httpx.get(f"http://127.0.0.1:{port}/tasks", params={"lang": "vi", "as_of": "2026-01-15"}, timeout=120)
        assert page.status_code == 200
        rows = dict(re.findall(r'<tr id="task-([^"]+)">(.*?)</tr>', page.text, flags=re.S))
        state = {k: re.sub(r"<[^>]+>", "", unescape(v)) for k, v in rows.items()}
        assert "Tình hình (theo báo cáo): Đang thực hiện — quá hạn" in state["CP.11"]
        assert "Tình hình (theo báo cáo): Đã hoàn thành" in state["CP.1"] and "quá hạn" not in state["CP.1"]
        assert "Tình hình (theo báo cáo): Chưa báo cáo — quá hạn" in state["CP.5"]
        en = httpx.get(f"http://127.0.0.1:{port}/tasks", params={"lang": "en", "as_of": "2026-01-15"}, timeout=60)
        assert "Reported status: <strong>In progress — overdue</strong>" in en.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
