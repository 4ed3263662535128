"""A repeating call in a real browser (Debian's Chromium via Playwright), in Vietnamese: the coordinator opens a
six-monthly call on /loop with a repeat rule, the page shows its series and the next period's due date, and the
button "Mở kỳ báo cáo tiếp theo" opens the next period's call (once). Screenshot out/screenshots/loop-repeat-*.png."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dxtrack.services.store import open_store
from dxtrack.web.launch import free_port, start_server
from tests.loop_support import PASSWORD, prepare
from tests.web.conftest import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def site(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('loop-repeat') / 'dxtrack.db'}"
    engine = open_store(url)
    prepare(engine)
    engine.dispose()
    proc = start_server(url, port := free_port(), data_dir=data_dir, pack="vn-nq57")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_coordinator_opens_the_next_period_in_the_browser(browser: Any, site: str) -> None:
    year = dt.date.today().year - 1  # the second half of last year has started, whatever today is
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site}/login?lang=vi&next=/loop")
    page.fill("#name", "coord")
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/loop**")
    page.click("summary:has-text('Mở đợt báo cáo mới')")
    page.fill("#call-title", f"Báo cáo 6 tháng đầu năm {year}")
    page.fill("#call-period", f"{year}-H1")
    page.fill("#call-cutoff", f"{year}-06-15")
    page.fill("#call-due", f"{year}-06-30")
    page.fill("#call-repeat", "6")
    page.fill("#call-orgs", "MOST")
    page.click("button:has-text('Mở đợt báo cáo')")
    text = page.inner_text("main")
    assert "Đã mở đợt báo cáo số 1." in text
    assert f"Chuỗi 1 · Kỳ tiếp theo: 6 tháng cuối năm {year}, Hạn gửi 31/12/{year}" in text
    page.click("button:has-text('Mở kỳ báo cáo tiếp theo')")
    text = page.inner_text("main")
    assert "Đã mở đợt báo cáo số 2." in text and f"Báo cáo 6 tháng cuối năm {year}" in text
    assert f"Kỳ tiếp theo: 6 tháng đầu năm {year + 1}, Hạn gửi 30/06/{year + 1}" in text
    # only the new call's button: its next period (H1 of this year) has started, the first call is repeated
    assert page.locator("button:has-text('Mở kỳ báo cáo tiếp theo')").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "loop-repeat-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "loop-repeat-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 392
    assert errors == []
    context.close()
