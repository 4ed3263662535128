"""Every page in a real browser (Debian's Chromium via Playwright), in Vietnamese and English.

Checks the content, that the console has no error, that no request leaves 127.0.0.1, that the charts and the
map are drawn; saves a full-page screenshot of each to out/screenshots/ for review.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.web.conftest import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


# (name, path, expected text in vi, expected text in en, selector that must be drawn)
PAGES = [
    ("board", "/", "Bảng theo dõi các mục tiêu", "Status of the targets", ".card"),
    ("targets", "/targets", "Các mục tiêu", "Every target of Resolution 52-NQ/TW", "table.data"),
    (
        "target-de",
        "/targets/R52.2025.digital_economy_20",
        "Kinh tế số chiếm khoảng 20% GDP",
        "The digital economy accounts for about 20% of GDP",
        "#chart-series[data-ready] canvas",
    ),
    (
        "target-gii",
        "/targets/R52.2025.gii_asean_top3",
        "Chỉ số đổi mới sáng tạo toàn cầu (GII)",
        "Global Innovation Index",
        "#chart-peers[data-ready] canvas",
    ),
    (
        "target-lp",
        "/targets/R52.2025.labour_productivity_growth",
        "năng suất lao động",
        "Labour productivity",
        "#chart-growth[data-ready] canvas",
    ),
    (
        "target-milestone",
        "/targets/R52.2030.digital_government",
        "Hoàn thành xây dựng Chính phủ số",
        "digital government",
        "blockquote",
    ),
    ("peers", "/peers", "Việt Nam so với các nước ASEAN", "Viet Nam against ASEAN", "#chart-peers[data-ready] canvas"),
    (
        "provinces-63",
        "/provinces",
        "Quần đảo Trường Sa",
        "Trường Sa (Spratly) archipelago",
        "#chart-map[data-ready] canvas",
    ),
    (
        "provinces-34",
        "/provinces?set=34",
        "34 đơn vị (từ 01/07/2025)",
        "34 units (from 1 July 2025)",
        "#chart-map[data-ready] canvas",
    ),
    ("tasks", "/tasks", "Nhiệm vụ, giải pháp và cơ quan chịu trách nhiệm", "Tasks and responsible bodies", "main"),
    ("api", "/api/docs", "API dữ liệu (JSON)", "Data API (JSON)", "#swagger-ui .opblock"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("name", "path", "text_vi", "text_en", "drawn"), PAGES, ids=[p[0] for p in PAGES])
def test_page_in_browser(
    browser: object, server: str, lang: str, name: str, path: str, text_vi: str, text_en: str, drawn: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def watch(request: object) -> None:
        url = request.url  # type: ignore[attr-defined]
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            outside.append(url)

    page.on("request", watch)
    sep = "&" if "?" in path else "?"
    page.goto(f"{server}{path}{sep}lang={lang}", wait_until="networkidle")
    page.wait_for_selector(drawn, state="attached", timeout=15000)
    body = page.inner_text("body")
    expected = text_vi if lang == "vi" else text_en
    assert expected.lower() in body.lower(), f"{name}/{lang}: '{expected}' not on the page"
    assert page.locator("html").get_attribute("lang") == lang
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}.png"), full_page=True)
    context.close()
    assert not errors, f"{name}/{lang}: console errors {errors}"
    assert not outside, f"{name}/{lang}: requests left the server: {outside}"


def test_htmx_switches_province_set(browser: object, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/provinces?lang=vi", wait_until="networkidle")
    page.wait_for_selector("#chart-map[data-ready]")
    page.click("a[role=tab]:has-text('34 đơn vị')")
    page.wait_for_selector("#province-panel h2:has-text('34 đơn vị')")
    page.wait_for_selector("#chart-map[data-ready] canvas")
    assert "/provinces?set=34" in page.url
    assert "Quảng Nam (31)" in page.inner_text("#province-panel")
    context.close()
    assert not errors
