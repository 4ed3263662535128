"""Signing in and out in a real browser (Debian's Chromium via Playwright), in Vietnamese and in English, on a
server that requires login: the site sends the browser to the sign-in page, a wrong password is refused with the
reason in the page's language, the right one opens the account page, signing out ends the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.auth_support import PASSWORD, auth_server
from tests.web.conftest import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]

WORDS = {
    "vi": {
        "title": "Đăng nhập",
        "required": "Trang này yêu cầu đăng nhập.",
        "failed": "đăng nhập không thành công",
        "signed_in": "Đang đăng nhập với tên",
        "out": "Đăng xuất",
        "bye": "Bạn đã đăng xuất.",
    },
    "en": {
        "title": "Sign in",
        "required": "This site requires you to sign in.",
        "failed": "login failed",
        "signed_in": "Signed in as",
        "out": "Sign out",
        "bye": "You have signed out.",
    },
}


@pytest.fixture(scope="module")
def closed_server(loaded_db_url: str, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("auth-browser")
    with auth_server(loaded_db_url, folder, data_dir, DXTRACK_REQUIRE_LOGIN="1") as (base, _people):
        yield base


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_login_and_logout_in_browser(browser: object, closed_server: str, lang: str) -> None:
    words = WORDS[lang]
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{closed_server}/targets?lang={lang}")  # a closed site sends the browser to sign in first
    assert "/login?next=" in page.url
    assert page.locator("h1").inner_text() == words["title"]
    assert words["required"] in page.inner_text("main")
    assert page.locator("html").get_attribute("lang") == lang

    page.fill("#name", "u-viewer")
    page.fill("#password", "not the password")
    page.click("main form button[type=submit]")
    assert words["failed"] in page.inner_text("main").lower()

    page.fill("#name", "u-viewer")
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/targets?lang=" + lang)  # back where the browser wanted to go
    cookies = {c["name"]: c for c in context.cookies()}
    session = cookies["dxtrack_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    page.goto(f"{closed_server}/account?lang={lang}")
    assert words["signed_in"] in page.inner_text("main") and "u-viewer" in page.inner_text("main")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"account-{lang}.png"), full_page=True)

    page.click(f"main form[action^='/logout'] button:has-text('{words['out']}')")
    page.wait_for_url("**/login?bye=1")
    assert words["bye"] in page.inner_text("main")
    page.screenshot(path=str(SCREENSHOTS / f"login-{lang}.png"), full_page=True)
    page.goto(f"{closed_server}/targets?lang={lang}")
    assert "/login?next=" in page.url  # the session is over
    context.close()
    assert not errors, errors
