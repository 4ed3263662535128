"""Phone and desktop widths, accessibility, keyboard and state in the URL, in real Chromium.

At 390 × 844 and 1366 × 900, in Vietnamese and English, every page: no page-level horizontal scroll and no
serious or critical axe-core violation (axe-core from npm, vendored into tests/web/assets by
scripts/vendor_assets.py, injected offline). Then a keyboard-only walk, and a click-through checking the
active states, the URL, the language toggle, the date form and back/forward after every change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.web.conftest import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]

ASSETS = Path(__file__).resolve().parent / "assets"
AXE = sorted(ASSETS.glob("axe-core-*.min.js"))[-1]

PAGES = [
    "/",
    "/targets",
    "/targets/R52.2025.digital_economy_20",
    "/targets/R52.2025.labour_productivity_growth",
    "/targets/R52.2025.gii_asean_top3",
    "/targets/R52.2030.digital_government",
    "/peers",
    "/provinces",
    "/provinces?set=34",
    "/tasks",
    "/search?q=chuyen+doi+so",
    "/api/docs",
]
WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    size = getattr(request, "param", WIDTHS["desktop"])
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def axe_serious(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page (id, count and the first element)."""
    page.evaluate(AXE.read_text(encoding="utf-8") + ";0")
    found: list[str] = page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
             .filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ' x' + v.nodes.length + ' at ' + v.nodes[0].target.join(' ')))"""
    )
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", list(WIDTHS.values()), ids=list(WIDTHS), indirect=True)
def test_every_page_fits_and_passes_axe(page: Any, server: str, lang: str) -> None:
    width = page.viewport_size["width"]
    problems = []
    for path in PAGES:
        sep = "&" if "?" in path else "?"
        page.goto(f"{server}{path}{sep}lang={lang}", wait_until="networkidle")
        page.wait_for_timeout(200)  # charts drawn, layout settled
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            problems.append(f"{path}: page is {scroll} px wide at {inner} px")
        for v in axe_serious(page):
            problems.append(f"{path}: {v}")
        shots = SCREENSHOTS / "ux"
        shots.mkdir(parents=True, exist_ok=True)
        name = path.strip("/").replace("/", "_").split("?")[0] or "home"
        page.screenshot(path=str(shots / f"{name}{'-34' if 'set=34' in path else ''}-{lang}-{width}.png"))
    assert not problems, "\n".join(problems)


def focus_path(page: Any, presses: int) -> list[str]:
    """Press Tab ``presses`` times; for each step, the focused element (tag, text or label) and whether it shows
    a visible focus indicator (an outline at least 2 px wide)."""
    steps = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        steps.append(
            page.evaluate(
                """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   const shown = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                   return (shown ? '' : 'NO-FOCUS-RING ') + e.tagName.toLowerCase() + ' '
                     + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40); }"""
            )
        )
    return steps


@pytest.mark.parametrize("page", [WIDTHS["desktop"]], ids=["desktop"], indirect=True)
def test_keyboard_walk_home_and_target(page: Any, server: str) -> None:
    page.goto(f"{server}/?lang=en", wait_until="networkidle")
    steps = focus_path(page, 22)
    assert steps[0].startswith("a Skip to main content")
    assert not [s for s in steps if s.startswith("NO-FOCUS-RING")], steps
    assert any("Search" in s for s in steps) and any(s.startswith("a By 2030") for s in steps), steps
    # to the "By 2030" chip and activate it with Enter: the filter applies, focus stays on the chip
    page.goto(f"{server}/?lang=en", wait_until="networkidle")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "By 2030":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "horizon=2030" in url)  # (the page's CSP forbids eval: no string predicates)
    page.wait_for_selector(".chip[aria-current='true']:has-text('By 2030')")
    assert page.evaluate("document.activeElement.textContent.trim()") == "By 2030"
    assert page.locator("#cards h2").all_inner_texts()[0].startswith("By 2030")

    # target page: the chart tools, the data behind the chart and the scrollable tables are reachable
    page.goto(f"{server}/targets/R52.2025.digital_economy_20?lang=en", wait_until="networkidle")
    steps = focus_path(page, 40)
    assert not [s for s in steps if s.startswith("NO-FOCUS-RING")], steps
    assert any(s.startswith("a Permalink") for s in steps), steps
    assert any(s.startswith("button Download PNG") for s in steps), steps
    assert any(s.startswith("summary Data behind the chart") for s in steps), steps
    assert any(s.startswith("div Data, sources and revisions") for s in steps), steps  # the scrolling table
    page.focus("#chart-series-fig summary")
    page.keyboard.press("Enter")
    assert page.locator("#chart-series-fig details").get_attribute("open") is not None
    assert page.locator("#chart-series-fig details table").is_visible()


@pytest.mark.parametrize("page", [WIDTHS["phone"]], ids=["phone"], indirect=True)
def test_tabs_arrow_keys_and_table_scroll_by_keyboard(page: Any, server: str) -> None:
    page.goto(f"{server}/peers?lang=vi", wait_until="networkidle")
    tabs = page.locator("[role=tab]")
    first, second = tabs.nth(0).get_attribute("id"), tabs.nth(1).get_attribute("id")
    assert page.locator("[role=tab][tabindex='0']").count() == 1
    page.focus(f"[id='{first}']")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(f"[id='{second}'][aria-selected='true']")
    assert page.evaluate("document.activeElement.id") == second
    assert page.locator("[role=tab][aria-selected='true']").count() == 1
    assert page.locator("[role=tab][tabindex='0']").get_attribute("id") == second
    assert query(page.url)["indicator"] == second.removeprefix("tab-")
    page.keyboard.press("Home")
    page.wait_for_selector(f"[id='{first}'][aria-selected='true']")
    page.keyboard.press("End")
    page.wait_for_selector("[role=tab]:last-child[aria-selected='true']")

    # the province table is wider than a phone: it scrolls inside its own focusable region, by keyboard
    page.goto(f"{server}/provinces?lang=vi", wait_until="networkidle")
    region = page.locator("#province-table")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    assert page.evaluate("(e => e.scrollWidth > e.clientWidth)(document.getElementById('province-table'))")
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('province-table').scrollLeft") > 0


@pytest.mark.parametrize("page", [WIDTHS["desktop"]], ids=["desktop"], indirect=True)
def test_click_through_keeps_state_in_url(page: Any, server: str) -> None:
    # board: horizon chips — one active chip, the URL says which, the language link and date form keep it
    page.goto(f"{server}/?lang=vi", wait_until="networkidle")
    page.click(".chip:has-text('Đến năm 2030')")
    page.wait_for_url(lambda url: "horizon=2030" in url)  # (the page's CSP forbids eval: no string predicates)
    assert page.locator(".chip[aria-current='true']").all_inner_texts() == ["Đến năm 2030"]
    assert query(page.locator("#lang-toggle").get_attribute("href")) == {"horizon": "2030", "lang": "en"}
    assert page.locator("#asof input[name=horizon]").get_attribute("value") == "2030"
    page.click(".chip:has-text('Đến năm 2025')")
    page.wait_for_url(lambda url: "horizon=2025" in url)
    assert page.locator(".chip[aria-current='true']").all_inner_texts() == ["Đến năm 2025"]
    assert "2025" in page.inner_text("#live")
    # a date keeps the horizon filter and the language
    page.fill("#as_of", "31/12/2024")
    page.click("#asof button")
    page.wait_for_load_state("networkidle")
    assert query(page.url) == {"horizon": "2025", "lang": "vi", "as_of": "31/12/2024"}
    assert page.locator(".chip[aria-current='true']").all_inner_texts() == ["Đến năm 2025"]
    assert page.input_value("#as_of") == "31/12/2024"
    # the language toggle keeps the filter and the date (links carry the date in its canonical form)
    page.click("#lang-toggle")
    page.wait_for_load_state("networkidle")
    assert query(page.url) == {"horizon": "2025", "as_of": "2024-12-31", "lang": "en"}
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".chip[aria-current='true']").all_inner_texts() == ["By 2025"]

    # peers: tab, language toggle, back and forward
    page.goto(f"{server}/peers?lang=vi", wait_until="networkidle")
    tab = page.locator("[role=tab]").nth(2)
    code = tab.get_attribute("id").removeprefix("tab-")
    tab.click()
    page.wait_for_selector(f"[id='tab-{code}'][aria-selected='true']")
    page.wait_for_selector("#chart-peers[data-ready] canvas")
    assert query(page.url) == {"indicator": code, "lang": "vi"}
    assert page.locator("[role=tab][aria-selected='true']").count() == 1
    assert page.locator("#peer-panel").get_attribute("aria-labelledby") == f"tab-{code}"
    page.click("#lang-toggle")
    page.wait_for_load_state("networkidle")
    assert query(page.url) == {"indicator": code, "lang": "en"}
    assert page.locator(f"[id='tab-{code}']").get_attribute("aria-selected") == "true"

    # provinces: switch set, then back and forward restore the view (tab, panel and map)
    page.goto(f"{server}/provinces?lang=vi", wait_until="networkidle")
    page.click("#tab-set34")
    page.wait_for_selector("#province-panel h2:has-text('34 đơn vị')")
    assert query(page.url) == {"set": "34", "lang": "vi"}
    page.go_back()
    page.wait_for_selector("#tab-set63[aria-selected='true']")
    page.wait_for_selector("#chart-map[data-ready] canvas")
    assert query(page.url) == {"lang": "vi"}
    assert "63 tỉnh" in page.inner_text("#province-panel h2")
    assert page.locator("#tab-set34").get_attribute("aria-selected") == "false"
    page.go_forward()
    page.wait_for_selector("#tab-set34[aria-selected='true']")
    page.wait_for_selector("#chart-map[data-ready] canvas")
    assert query(page.url) == {"set": "34", "lang": "vi"}
    assert "34 đơn vị" in page.inner_text("#province-panel h2")


@pytest.mark.parametrize("page", [WIDTHS["desktop"]], ids=["desktop"], indirect=True)
def test_chart_png_download_and_growth_bars_from_zero(page: Any, server: str) -> None:
    page.goto(f"{server}/targets/R52.2025.labour_productivity_growth?lang=en", wait_until="networkidle")
    page.wait_for_selector("#chart-growth[data-ready] canvas")
    low = page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('chart-growth')).getModel()"
        ".getComponent('yAxis').axis.scale.getExtent()[0]"
    )
    assert low <= 0
    with page.expect_download() as info:
        page.click("[data-png='chart-growth']")
    download = info.value
    assert download.suggested_filename == "dxtrack-targets-R52.2025.labour_productivity_growth-chart-growth.png"
    assert Path(download.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    link = page.locator("#chart-growth-fig a.tool").get_attribute("href")
    assert link == "/targets/R52.2025.labour_productivity_growth?lang=en#chart-growth-fig"
