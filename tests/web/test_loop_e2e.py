"""The reporting loop end to end in a real browser (Debian's Chromium via Playwright), in Vietnamese, on a real
server with the vn-nq57 pack: a coordinator opens a call on the page; the Ministry of Science and Technology
submits by Excel upload (template downloaded from its page, filled, uploaded), Hà Nội by the web form (a draft with
an error shown by htmx, then fixed), the Ministry of Finance by the API; Hà Nội's report is returned with a reason
and resubmitted; all are approved by their own approvers and accepted. Then the board shows every unit accepted,
the task reported done counts as done on time, and the indicator's value is an observation citing the ministry's
report. Screenshots of every page (1366 and 390 px wide) go to out/screenshots/loop-*.png."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dxtrack.services import accounts
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.web.launch import free_port, start_server
from tests.loop_support import PASSWORD, prepare
from tests.web.conftest import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]

MOST, HANOI, MOF = "MOST", "VN34_01", "MOF"
CLIP_1366 = {"x": 0, "y": 0, "width": 1366, "height": 2400}  # the top of long pages (a unit reports ~100 items)
CLIP_390 = {"x": 0, "y": 0, "width": 390, "height": 3600}
TASK_DONE = {"status": "completed", "note": "Đã ban hành", "product": "Quyết định số 1/QĐ-TTg ngày 02/01/2025",
             "evidence": ["https://example.vn/qd-1.pdf"]}  # fmt: skip


@pytest.fixture(scope="module")
def loop_site(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("loop-e2e")
    url = f"sqlite:///{folder / 'dxtrack.db'}"
    engine = open_store(url)
    prepare(engine)  # organisations, the vn-nq57 registry; coord, sub-most, appr-most, sub-mof, appr-mof
    for name, org, role in (("sub-hn", HANOI, "submitter"), ("appr-hn", HANOI, "approver")):
        accounts.create_user(engine, name, org_id=org, roles=[role], password=PASSWORD, display_name=name)
    tokens = {n: accounts.create_token(engine, n, days=1).secret for n in ("sub-mof", "appr-mof")}
    engine.dispose()
    proc = start_server(url, port := free_port(), data_dir=data_dir, pack="vn-nq57")
    try:
        yield f"http://127.0.0.1:{port}", url, tokens
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Person:
    """One signed-in browser context per user."""

    def __init__(self, browser: Any, base: str, name: str, errors: list[str]) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: errors.append(str(e)))
        self.base = base
        self.page.goto(f"{base}/login?lang=vi&next=/loop")
        self.page.fill("#name", name)
        self.page.fill("#password", PASSWORD)
        self.page.click("main form button[type=submit]")
        self.page.wait_for_url("**/loop**")

    def go(self, path: str) -> Any:
        self.page.goto(f"{self.base}{path}{'&' if '?' in path else '?'}lang=vi")
        return self.page

    def shoot(self, name: str) -> None:
        """Screenshots at 1366 and 390 px (a phone), the top of the page; none with DXTRACK_E2E_SHOTS=0."""
        if os.environ.get("DXTRACK_E2E_SHOTS") == "0":
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"loop-{name}-1366.png"), full_page=True, clip=CLIP_1366)
        self.page.set_viewport_size({"width": 390, "height": 844})
        self.page.screenshot(path=str(SCREENSHOTS / f"loop-{name}-390.png"), full_page=True, clip=CLIP_390)
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, f"{name}: the page is {width} px wide on a 390-px phone"
        self.page.set_viewport_size({"width": 1366, "height": 900})


def main_text(page: Any) -> str:
    return str(page.inner_text("main"))


def test_loop_in_the_browser(browser: Any, loop_site: tuple[str, str, dict[str, str]], tmp_path: Path) -> None:
    base, db_url, tokens = loop_site
    errors: list[str] = []
    coord = Person(browser, base, "coord", errors)

    # the coordinator opens a call on vn-nq57 for three units
    page = coord.go("/loop")
    assert "Chưa có đợt báo cáo nào giao cho bạn." in main_text(page)
    page.click("summary:has-text('Mở đợt báo cáo mới')")
    page.fill("#call-title", "Báo cáo năm 2025 về chuyển đổi số")
    page.fill("#call-period", "2025")
    page.fill("#call-cutoff", "2025-12-15")
    page.fill("#call-due", "2099-01-15")
    page.fill("#call-orgs", f"{MOST},{HANOI},{MOF}")
    page.click("button:has-text('Mở đợt báo cáo')")
    assert "Đã mở đợt báo cáo số 1." in main_text(page)
    call = 1
    board = f"/loop/calls/{call}"
    page = coord.go(board)
    units = page.locator("table.loop-board tbody tr").all_inner_texts()
    assert len(units) == 3 and all("Chưa gửi" in u for u in units), units
    unit = f"/loop/calls/{call}/units"

    # the ministry: Excel template downloaded from its page, filled, uploaded
    most = Person(browser, base, "sub-most", errors)
    page = most.go(f"{unit}/{MOST}")
    assert "Bộ Khoa học và Công nghệ" in page.inner_text("h1")
    with page.expect_download() as info:
        page.click("a:has-text('Tải mẫu Excel (.xlsx)')")
    xlsx = tmp_path / "most.xlsx"
    info.value.save_as(xlsx)
    fill_workbook(xlsx)
    page.set_input_files("#xlsx", str(xlsx))
    page.click("button:has-text('Tải lên và gửi')")
    assert "Đã gửi báo cáo (lần 1)." in main_text(page)
    most.shoot("unit-submitted")

    # Hà Nội: the web form, a draft with an error shown by htmx, fixed, submitted
    hanoi = Person(browser, base, "sub-hn", errors)
    page = hanoi.go(f"{unit}/{HANOI}")
    task = page.locator("select[name^='s:']").first
    task_id = str(task.get_attribute("name"))[2:]
    task.select_option("completed")
    page.fill("textarea[name='v:section.results']", "Thành phố đã hoàn thành nền tảng số dùng chung.")
    page.click("button:has-text('Lưu nháp và kiểm tra')")
    page.wait_for_selector("#check:has-text('Đã lưu nháp (lần 1).')")
    check = page.inner_text("#check")
    assert "Lỗi (phải sửa) (1)" in check and f"{task_id}" in check and "thiếu minh chứng (evidence_required)" in check
    assert "cần có minh chứng" in check
    assert page.inner_text("#unit-state") == "Bản nháp · Lần gửi 1"  # the state follows without a reload
    hanoi.shoot("unit-form")
    page.fill(f"textarea[name='e:{task_id}']", "https://hanoi.gov.vn/nen-tang-so.pdf")
    page.click("button:has-text('Lưu nháp và kiểm tra')")
    page.wait_for_selector("#check:has-text('Không có lỗi')")
    page.click("button:has-text('Gửi báo cáo')")
    assert "Đã gửi báo cáo (lần 2)." in main_text(page)  # the draft (revision 2) itself is submitted

    # the Ministry of Finance: the API
    with httpx.Client(base_url=base, timeout=30) as api:
        mof = {"Authorization": f"Bearer {tokens['sub-mof']}"}
        tpl = api.get(f"/api/v1/calls/{call}/units/{MOF}/template", headers=mof).json()
        values = {"section.results": "Bộ Tài chính đã hoàn thành các nhiệm vụ được giao."}
        filled = {**tpl, "items": [{**i, "value": values.get(i["id"])} for i in tpl["items"]]}
        sent = api.post(f"/api/v1/calls/{call}/units/{MOF}/submission", json=filled, headers=mof)
        assert sent.status_code == 201, sent.text
        approved = api.post(f"/api/v1/calls/{call}/units/{MOF}/approve",
                            headers={"Authorization": f"Bearer {tokens['appr-mof']}"})  # fmt: skip
        assert approved.json()["state"] == "approved"

    # each unit's approver approves on its page
    for name, org in (("appr-most", MOST), ("appr-hn", HANOI)):
        approver = Person(browser, base, name, errors)
        page = approver.go(f"{unit}/{org}")
        page.click("#review button:has-text('Phê duyệt')")
        assert "Báo cáo hiện ở trạng thái “Đã phê duyệt, chờ tiếp nhận”." in main_text(page)
        approver.context.close()

    # the coordinator's review queue; Hà Nội is returned with a reason
    page = coord.go("/loop/review")
    assert main_text(page).count("chờ tiếp nhận") >= 3
    coord.shoot("review")
    page = coord.go(f"{unit}/{HANOI}")
    page.click("#review button:has-text('Trả lại')")  # no reason: refused, nothing changes
    assert "cần --reason (lý do) để trả lại" in main_text(page)
    page = coord.go(f"{unit}/{HANOI}")
    page.fill("#reason", "Đề nghị bổ sung số liệu về dịch vụ công trực tuyến.")
    page.click("#review button:has-text('Trả lại')")
    assert "Bị trả lại" in main_text(page)

    page = hanoi.go(f"{unit}/{HANOI}")
    assert "Đề nghị bổ sung số liệu về dịch vụ công trực tuyến." in main_text(page)
    page.fill("textarea[name='v:section.limitations']", "Số liệu dịch vụ công trực tuyến đã được bổ sung.")
    page.click("button:has-text('Gửi báo cáo')")
    assert "Đã gửi báo cáo (lần 3)." in main_text(page)
    approver = Person(browser, base, "appr-hn", errors)
    approver.go(f"{unit}/{HANOI}").click("#review button:has-text('Phê duyệt')")
    approver.context.close()

    # every unit accepted by the coordinator
    for org in (MOST, HANOI, MOF):
        page = coord.go(f"{unit}/{org}")
        page.click("#review button:has-text('Tiếp nhận')")
        assert "Báo cáo hiện ở trạng thái “Đã tiếp nhận”." in main_text(page), org
    page = coord.go(f"{unit}/{HANOI}")
    content = page.inner_text("section.loop-read")  # what a reviewer reads: only the items reported
    assert "Số liệu dịch vụ công trực tuyến đã được bổ sung." in content and "Đã hoàn thành" in content
    history = page.inner_text("section:has(h2:has-text('Lịch sử báo cáo'))")
    assert "Đề nghị bổ sung số liệu về dịch vụ công trực tuyến." in history and "coord" in history
    coord.shoot("unit-accepted")

    page = coord.go(board)
    units = page.locator("table.loop-board tbody tr").all_inner_texts()
    assert len(units) == 3 and all("Đã tiếp nhận" in u and "Chậm hạn" not in u for u in units), units
    coord.shoot("board")
    page.goto(f"{base}{board}?lang=en")  # English second
    assert page.inner_text("h1") == "Completeness board" and main_text(page).count("Accepted") >= 3
    page = coord.go("/loop/overdue")
    # CP.1 (due June 2025, led by the ministry) done on time; Hà Nội's own tasks are open-ended or shared with
    # every province (a collective body's task is done when all its members say so)
    assert "Hoàn thành đúng hạn: 1" in main_text(page)
    coord.shoot("overdue")
    page = coord.go("/loop")
    coord.shoot("home")

    # published: the task's status, the indicator's observation citing the ministry's report
    with httpx.Client(base_url=base, timeout=30) as api:
        obs = api.get("/api/v1/observations", params={"indicator": "DE_SHARE_GDP", "area": "VNM"}).json()["items"]
        assert [(o["period"], o["value"], o["source"]["publisher"]) for o in obs] == [
            ("2025", 18.3, "Bộ Khoa học và Công nghệ")
        ]
        assert obs[0]["source"]["title"] == "Báo cáo năm 2025 về chuyển đổi số — Bộ Khoa học và Công nghệ"
    page = coord.go("/targets/A1.2030.digital_economy_30")
    text = main_text(page)
    assert "18,3" in text and "Bộ Khoa học và Công nghệ" in text
    engine = open_store(db_url)
    from dxtrack.store import loop as rows

    with engine.connect() as conn:
        statuses = {(r["task_id"], r["org_id"]): r["status"] for r in rows.task_statuses(conn)}
    assert statuses[("CP.1", MOST)] == "completed" and statuses[(task_id, HANOI)] == "completed"
    assert verify(engine).problems == []
    engine.dispose()
    coord.context.close()
    assert not errors, errors


def fill_workbook(path: Path) -> None:
    """The ministry's figures in the downloaded workbook (column A names each item's row)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = {ws[f"A{r}"].value: r for r in range(10, ws.max_row + 1) if ws[f"A{r}"].value}
    ws[f"F{rows['DE_SHARE_GDP']}"] = 18.3
    ws[f"F{rows['CP.1']}"] = "Đã hoàn thành"
    ws[f"G{rows['CP.1']}"] = TASK_DONE["note"]
    ws[f"H{rows['CP.1']}"] = TASK_DONE["product"]
    ws[f"I{rows['CP.1']}"] = TASK_DONE["evidence"][0]
    ws[f"F{rows['section.results']}"] = "Bộ đã hoàn thành các nhiệm vụ chủ trì."
    wb.save(path)
