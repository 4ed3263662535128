"""The web server under hostile input, over real HTTP (issue 9, item 5).

One private server on a copy of the vn-nq52 database with small limits (2 threads, 6 results, 12 pages, 4
different as_of dates a client a minute) and hostile records: evidence with a right-to-left override and an
import whose notes are spreadsheet formulas. Each test speaks from its own loopback address (127.0.0.N), so
the per-client limit of one test never reaches another.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dxtrack.catalog import load_pack
from dxtrack.services import records
from dxtrack.services import store as svc
from dxtrack.web.api.v1 import router as api_router
from dxtrack.web.auth.rules import RULES
from dxtrack.web.launch import free_port, start_server
from dxtrack.web.ui import router as ui_router

TARGET = "R52.2025.digital_economy_20"
RLO, PDF = "\u202e", "\u202c"
BIDI_TEXT = f"Xem {RLO}hsihp/elpmaxe.live//:sptth{PDF} ngay"
PLAIN_LINK = "https://evil.example/phish"
HIDDEN_LINK = f"https://evil.example/{RLO}fdp.exe"
FORMULAS = ['=HYPERLINK("https://evil.example","bấm")', "@SUM(A1:A9)", "+1+2", "-2+3"]  # tab, CR: test_units
LIMITS = {
    "DXTRACK_WEB_THREADS": "2",
    "DXTRACK_WEB_RESULT_ENTRIES": "6",
    "DXTRACK_WEB_PAGE_ENTRIES": "12",
    "DXTRACK_WEB_AS_OF_PER_MINUTE": "4",
}
_next_address = iter(range(2, 250))


def hostile_records(url: str, folder: Path) -> None:
    """Evidence with bidi controls and a hidden link; observations whose notes are spreadsheet formulas."""
    engine = svc.open_store(url, create=False)
    pack = load_pack("vn-nq52")
    day = dt.date(2025, 3, 1)
    for link in (PLAIN_LINK, HIDDEN_LINK):
        records.add_evidence(
            engine, pack, target_id=TARGET, date=day, text=BIDI_TEXT, assessor="Kiểm thử", judgement="limited_progress",
            link=link,
        )  # fmt: skip
    rows = ["indicator,area,period,value,note"]
    rows += [f'DE_SHARE_GDP,VNM,{2000 + i},{1 + i},"{f.replace(chr(34), 2 * chr(34))}"' for i, f in enumerate(FORMULAS)]
    path = folder / "hostile.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    svc.import_file(engine, path, source="Kiểm thử", published_on=dt.date(2025, 2, 1))
    engine.dispose()


@pytest.fixture(scope="module")
def hard_db(loaded_dbs: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A private copy of the vn-nq52 database with the hostile records."""
    folder = tmp_path_factory.mktemp("web-hardening")
    copy = folder / "dxtrack.db"
    shutil.copy(loaded_dbs("vn-nq52").removeprefix("sqlite:///"), copy)
    hostile_records(f"sqlite:///{copy}", folder)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="module")
def hard_server(hard_db: str, data_dir: Path) -> Iterator[str]:
    port = free_port()
    proc: subprocess.Popen[bytes] = start_server(hard_db, port, data_dir=data_dir, env=LIMITS)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def client_from_new_address(base: str) -> httpx.Client:
    """A client speaking from a loopback address no other test uses (its own per-client limit)."""
    address = f"127.0.0.{next(_next_address)}"
    return httpx.Client(base_url=base, timeout=120, transport=httpx.HTTPTransport(local_address=address))


@pytest.fixture
def web(hard_server: str) -> Iterator[httpx.Client]:
    with client_from_new_address(hard_server) as c:
        yield c


def cache(c: httpx.Client) -> dict[str, Any]:
    stats: dict[str, Any] = c.get("/healthz").json()["cache"]
    return stats


# ------------------------------------------------------------------------------------------------ as_of


@pytest.mark.parametrize("raw", ["2024-13-45", "2025-02-30", "20240630", "2024-W01-1", "2024-06", "30-06-2024",
                                 "2024-06-30T00:00", "2024-06-30 average", "yesterday", "31/02/2024"])  # fmt: skip
def test_a_bad_as_of_is_a_400_on_the_api_and_the_page(web: httpx.Client, raw: str) -> None:
    api = web.get("/api/v1/status", params={"as_of": raw})
    assert api.status_code == 400
    assert api.json() == {
        "error": "bad_request",
        "code": "invalid_as_of",
        "params": {"value": raw},
        "detail": f"as_of '{raw}' is not a valid date; expected YYYY-MM-DD, e.g. 2025-06-30",
        "status": 400,
    }
    page = web.get("/targets", params={"as_of": raw, "lang": "vi"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert f"as_of &#39;{raw}&#39; không phải là ngày hợp lệ" in page.text


def test_a_future_as_of_is_a_400_in_the_page_language(web: httpx.Client) -> None:
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).date().isoformat()
    api = web.get("/api/v1/assessments", params={"as_of": day, "lang": "vi"})
    assert api.status_code == 400 and api.json()["code"] == "future_as_of"
    assert (
        api.json()["detail"] == f"as_of {day} là một ngày trong tương lai; chỉ xem được số liệu đã công bố đến hôm nay"
    )
    en = web.get("/", params={"as_of": day, "lang": "en"})
    assert en.status_code == 400 and f"as_of {day} is in the future" in en.text


def test_a_long_bad_value_is_not_repeated_whole(web: httpx.Client) -> None:
    raw = "x" * 5000
    r = web.get("/api/v1/status", params={"as_of": raw})
    assert r.status_code == 400 and r.json()["params"]["value"] == "x" * 40 + "…"
    assert "x" * 41 not in web.get("/", params={"as_of": raw}).text


def test_the_vietnamese_date_form_is_the_same_page_as_iso(web: httpx.Client) -> None:
    iso = web.get("/tasks", params={"as_of": "2024-06-30", "lang": "vi"})
    before = cache(web)["computed"].get("page", 0)
    vi = web.get("/tasks", params={"as_of": "30/6/2024", "lang": "vi"})
    assert iso.status_code == vi.status_code == 200 and iso.content == vi.content
    assert cache(web)["computed"].get("page", 0) == before  # one key: served from the cache


# ------------------------------------------------------------------------------- normalised cache key


def test_unknown_parameters_are_ignored_and_never_echoed(web: httpx.Client) -> None:
    clean = web.get("/", params={"lang": "en", "horizon": "2030"})
    pages_before = cache(web)["page_entries"]
    for i in range(40):
        junk = web.get("/", params={"lang": "en", "horizon": "2030", f"evil{i}": f"<b>ZQX{i}</b>", "utm": "ZQX"})
        assert junk.status_code == 200 and junk.content == clean.content
    assert "ZQX" not in junk.text and "evil" not in junk.text
    assert cache(web)["page_entries"] == pages_before  # not one entry more
    # the page's own parameters are kept in its links and its date form, canonically
    html = web.get("/", params={"lang": "en", "horizon": "2030", "as_of": "2024-06-30", "x": "ZQX"}).text
    assert 'name="horizon" value="2030"' in html and "ZQX" not in html
    assert 'href="/?horizon=2030&amp;as_of=2024-06-30&amp;lang=vi"' in html  # the language switch


def test_memory_is_bounded_by_entries(hard_server: str) -> None:
    """Five different dates (two results each) over the API: the cache keeps at most its 6 results."""
    days = ["2023-03-01", "2023-04-01", "2023-05-01", "2023-06-01", "2023-07-01"]
    with client_from_new_address(hard_server) as a, client_from_new_address(hard_server) as b:
        for i, day in enumerate(days):
            assert (a if i < 3 else b).get("/api/v1/status", params={"as_of": day}).status_code == 200
        stats = cache(a)
        assert stats["entries"] == 6  # 10 results computed, the least recently used dropped
        horizons = [h.id for h in load_pack("vn-nq52").horizons]
        for lang in ("vi", "en"):
            for path, extra in [
                ("/", {}),
                ("/targets", {}),
                ("/tasks", {}),
                *(("/", {"horizon": h}) for h in horizons),
            ]:
                assert a.get(path, params={"lang": lang, **extra}).status_code == 200
        assert len(horizons) >= 3 and cache(a)["page_entries"] == 12  # at least 16 pages rendered, 12 kept


def test_concurrent_requests_for_one_key_are_computed_once(web: httpx.Client) -> None:
    before = cache(web)["computed"]
    answers: list[httpx.Response] = []

    def ask() -> None:
        answers.append(web.get("/targets", params={"as_of": "2022-09-09", "lang": "vi"}))

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = cache(web)["computed"]
    assert [r.status_code for r in answers] == [200] * 16 and len({r.content for r in answers}) == 1
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    assert delta["page"] == delta["board"] == delta["assess_all"] == 1
    assert all(n == 0 for k, n in delta.items() if k not in ("page", "board", "assess_all")), delta


# ----------------------------------------------------------------------------------------- rate limit


def test_too_many_different_dates_is_a_429_with_retry_after(web: httpx.Client) -> None:
    days = ["2021-01-31", "2021-02-28", "2021-03-31", "2021-04-30"]
    for day in days:
        assert web.get("/api/v1/status", params={"as_of": day}).status_code == 200
    over = web.get("/api/v1/status", params={"as_of": "2021-05-31"})
    assert over.status_code == 429
    assert 1 <= int(over.headers["Retry-After"]) <= 60
    body = over.json()
    assert body["code"] == "too_many_as_of" and body["error"] == "too_many_requests" and body["status"] == 429
    assert body["params"] == {"limit": 4, "retry_after": int(over.headers["Retry-After"])}
    page = web.get("/", params={"as_of": "2021-06-30", "lang": "vi"})
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert "quá nhiều ngày as_of khác nhau (4 mỗi phút)" in page.text
    # dates already asked for this minute, and no date at all, stay open
    assert web.get("/", params={"as_of": days[0], "lang": "vi"}).status_code == 200
    assert web.get("/api/v1/status").status_code == 200


# ------------------------------------------------------------------------------------- untrusted text


def test_csv_cells_never_start_a_formula_but_numbers_stay_numbers(web: httpx.Client) -> None:
    r = web.get(f"/api/v1/targets/{TARGET}/data.csv")
    rows = list(csv.DictReader(io.StringIO(r.text.lstrip("\ufeff"))))
    mine = {row["period"]: row for row in rows if row["period"] in {str(2000 + i) for i in range(len(FORMULAS))}}
    assert len(mine) == len(FORMULAS)
    for i, formula in enumerate(FORMULAS):
        assert mine[str(2000 + i)]["comment"] == "'" + formula
        assert float(mine[str(2000 + i)]["value"]) == 1 + i  # numbers stay numbers (negative ones: test_units)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")) and not re.match(r"-(?![\d.])", value), value


def test_bidi_controls_are_shown_and_links_show_their_real_target(web: httpx.Client, hard_db: str) -> None:
    html = web.get(f"/targets/{TARGET}", params={"lang": "vi"}).text
    assert RLO not in html and PDF not in html
    assert "Xem ⟨U+202E⟩hsihp/elpmaxe.live//:sptth⟨U+202C⟩ ngay" in html
    assert f'<a href="{PLAIN_LINK}" rel="noopener noreferrer external">{PLAIN_LINK}</a>' in html
    assert 'href="https://evil.example/\u202e' not in html  # a link with controls is never made a link
    assert "https://evil.example/⟨U+202E⟩fdp.exe" in html
    # stored as given
    engine = svc.open_store(hard_db, create=False)
    texts = {e["text"] for e in records.evidence(engine, TARGET)}
    engine.dispose()
    assert BIDI_TEXT in texts


# ------------------------------------------------------------------------------------- HTTP behaviour

EXAMPLES = {"target_id": TARGET, "code": "VNM", "which": "63"}
OVERRIDES = {"/api/v1/indicators/{code}": "/api/v1/indicators/DE_SHARE_GDP"}


def get_paths() -> list[str]:
    """Every GET route of the pages and the API, with example path parameters."""
    paths = []
    for prefix, router in (("", ui_router), ("/api/v1", api_router)):
        for route in router.routes:
            if "GET" in getattr(route, "methods", ()):
                path = prefix + route.path  # type: ignore[attr-defined]
                if ("GET", path) in RULES:  # reads that need a signed-in user: the role × route matrix covers them
                    continue
                paths.append(OVERRIDES.get(path) or path.format(**EXAMPLES))
    return paths


@pytest.mark.parametrize("path", get_paths())
def test_head_answers_on_every_get_route(web: httpx.Client, path: str) -> None:
    got = web.get(path)
    head = web.head(path)
    assert got.status_code in (200, 301, 307) and head.status_code == got.status_code, path
    assert head.content == b"" and head.headers.get("content-type") == got.headers.get("content-type")
    assert head.headers.get("content-length") == got.headers.get("content-length")


@pytest.mark.parametrize("path", get_paths())
def test_405_names_the_allowed_methods(web: httpx.Client, path: str) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = web.request(method, path)
        assert r.status_code == 405, (method, path)
        assert r.headers["Allow"] == "GET, HEAD"
    if path.startswith("/api/"):
        assert r.json()["code"] == "method_not_allowed"


def test_static_files_answer_head_and_name_allowed_methods(web: httpx.Client) -> None:
    assert web.head("/static/favicon.svg").status_code == 200
    r = web.post("/static/favicon.svg")
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD"


SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def test_security_headers_on_every_kind_of_answer(web: httpx.Client) -> None:
    answers = [
        web.get("/"),
        web.head("/targets"),
        web.get("/api/v1/status"),
        web.get(f"/api/v1/targets/{TARGET}/data.csv"),
        web.get("/static/favicon.svg"),
        web.get("/no/such/page"),
        web.get("/api/v1/status", params={"as_of": "bad"}),
        web.post("/api/v1/status"),
    ]
    for r in answers:
        csp = {d.strip().split(" ", 1)[0]: d.strip() for d in r.headers["content-security-policy"].split(";")}
        assert csp["frame-ancestors"] == "frame-ancestors 'none'", r.url
        assert csp["default-src"] == "default-src 'self'" and csp["script-src"] == "script-src 'self'"
        for name, value in SECURITY.items():
            assert r.headers[name] == value, (r.url, name)
