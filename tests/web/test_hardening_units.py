"""The hardening pieces without a server: reading a day, CSV cells, bidi controls, link targets, the bounded
cache, single-flight computation and the per-client date limit (with a hand-driven clock)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from dxtrack.present.dates import read_day
from dxtrack.present.untrusted import csv_cell, link_host, visible_controls
from dxtrack.web.cache import Computer, Lru
from dxtrack.web.limits import AsOfLimiter, WebLimits
from dxtrack.web.render import ext_link, shown


@pytest.mark.parametrize(
    ("text", "day"),
    [("2024-06-30", dt.date(2024, 6, 30)), ("30/06/2024", dt.date(2024, 6, 30)), ("1/7/2025", dt.date(2025, 7, 1)),
     (" 2024-02-29 ", dt.date(2024, 2, 29))],
)  # fmt: skip
def test_read_day_accepts_iso_and_the_vietnamese_form(text: str, day: dt.date) -> None:
    assert read_day(text) == day


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2024-6-30", "20240630", "2024-W26", "2024-06", "2024", "30.06.2024", "06/30/2024",
             "2024-06-30T12:00", "2024-06-30 average", "2024‐06‐30", "٢٠٢٤-٠٦-٣٠", ""],
)  # fmt: skip
def test_read_day_refuses_everything_else(text: str) -> None:
    with pytest.raises(ValueError):
        read_day(text)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("+84 24 3822", "'+84 24 3822"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-2+3", "'-2+3"),  # looks negative, but a spreadsheet would compute it
        ("-", "'-"),
        ("-12.5", "-12.5"),  # plain negative number written as text: read as the number
        ("-1e3", "-1e3"),
        (-12.5, -12.5),  # numbers stay numbers
        (-3, -3),
        (0.0, 0.0),
        (None, ""),
        ("Bộ KH&CN", "Bộ KH&CN"),
        ("a=b", "a=b"),
        (True, "True"),
    ],
)
def test_csv_cell(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def test_a_negative_number_round_trips_through_csv_as_a_number() -> None:
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(-1.5), csv_cell("-1.5"), csv_cell("=-1.5")])
    assert out.getvalue() == "-1.5,-1.5,'=-1.5\r\n"


def test_bidi_controls_become_visible() -> None:
    text = "\u202ehsihp/elpmaxe.live//:sptth\u202c a\u2066b\u2069\u200e\u200f\u061c"
    assert visible_controls(text) == (
        "⟨U+202E⟩hsihp/elpmaxe.live//:sptth⟨U+202C⟩ a⟨U+2066⟩b⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"
    )
    assert visible_controls("Việt Nam – 20%") == "Việt Nam – 20%"
    for cp in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]:
        assert chr(cp) not in visible_controls(f"x{chr(cp)}y")


def test_every_printed_value_shows_controls_but_keeps_markup() -> None:
    from markupsafe import Markup

    assert shown("a\u202eb") == "a⟨U+202E⟩b"
    assert shown(Markup("<b>\u202e</b>")) == Markup("<b>⟨U+202E⟩</b>")
    assert shown(3) == 3


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://evil.example/phish", "evil.example"),
        ("http://Bộ.vn/x", "xn--b-8xm.vn"),  # non-ASCII letters show in the ASCII form (checked with the idna package)
        ("https://evil.example/\u202efdp.exe", None),
        ("javascript:alert(1)", None),
        ("https://a b.example/", None),
        ("https:///nohost", None),
        ("ftp://x.example/", None),
    ],
)
def test_link_host(url: str, host: str | None) -> None:
    assert link_host(url) == host


def test_links_show_their_real_target() -> None:
    assert str(ext_link("https://evil.example/p", "Bộ Khoa học")) == (
        '<a href="https://evil.example/p" rel="noopener noreferrer external">Bộ Khoa học</a>'
        ' <span class="muted small link-host">(evil.example)</span>'
    )
    assert str(ext_link("https://x.example/", None)) == (
        '<a href="https://x.example/" rel="noopener noreferrer external">https://x.example/</a>'
    )
    assert str(ext_link('javascript:alert("x")', "T")) == 'T <span class="muted">(javascript:alert(&#34;x&#34;))</span>'
    assert str(ext_link(None, "<i>")) == "&lt;i&gt;"


def test_lru_is_bounded_by_entries_and_bytes() -> None:
    lru = Lru(max_entries=3, max_bytes=10)
    for i in range(5):
        lru.put(("k", i), i)
    assert len(lru) == 3 and lru.get(("k", 0), None) is None and lru.get(("k", 4)) == 4
    lru.get(("k", 2))  # used: survives the next put
    lru.put(("k", 5), 5)
    assert lru.get(("k", 3), None) is None and lru.get(("k", 2)) == 2
    pages = Lru(max_entries=100, max_bytes=10)
    for i in range(4):
        pages.put(("page", i), b"abcd")
    assert len(pages) == 2 and pages.bytes == 8
    pages.put(("page", 9), b"x" * 11)  # larger than the budget: not kept
    assert pages.get(("page", 9), None) is None and pages.bytes == 8


def test_one_computation_per_key_however_many_ask() -> None:
    computer = Computer(2, Lru(10), Lru(10))
    calls: list[str] = []
    started = threading.Event()

    def slow() -> str:
        calls.append("x")
        started.set()
        time.sleep(0.3)
        return "value"

    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(computer.get(("r", 1), slow))) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["value"] * 12 and calls == ["x"]
    assert computer.stats().computed == {"r": 1}
    computer.close()


def test_nested_computations_on_a_full_pool_do_not_deadlock() -> None:
    """Two pool threads, many outer keys needing the same inner key: each inner key is computed once."""
    computer = Computer(2, Lru(50), Lru(50))

    def inner() -> int:
        time.sleep(0.05)
        return 1

    def outer(i: int) -> int:
        return computer.get(("inner", i % 2), inner) + i

    futures = [computer._submit(("outer", i), lambda i=i: outer(i)) for i in range(8)]  # type: ignore[misc]
    assert [f.result(timeout=10) for f in futures] == [1 + i for i in range(8)]
    assert computer.stats().computed == {"outer": 8, "inner": 2}
    computer.close()


def test_a_failed_computation_is_not_kept() -> None:
    computer = Computer(1, Lru(10), Lru(10))

    def boom() -> str:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        computer.get(("r", 1), boom)
    assert computer.get(("r", 1), lambda: "ok") == "ok"
    computer.close()


def test_as_of_limiter_counts_different_dates_per_client_per_minute() -> None:
    now = [1000.0]
    limiter = AsOfLimiter(2, clock=lambda: now[0])
    d1, d2, d3 = dt.date(2024, 1, 1), dt.date(2024, 1, 2), dt.date(2024, 1, 3)
    assert limiter.admit("a", d1) is None and limiter.admit("a", d2) is None
    assert limiter.admit("a", d1) is None  # already counted this minute
    assert limiter.admit("b", d3) is None  # another client
    now[0] += 20.2
    assert limiter.admit("a", d3) == 40  # d1 leaves the window at 1060
    now[0] = 1060.0
    assert limiter.admit("a", d3) is None


def test_the_limiter_forgets_the_least_recent_clients() -> None:
    limiter = AsOfLimiter(1, max_clients=3)
    for c in "abcd":
        limiter.admit(c, dt.date(2024, 1, 1))
    assert limiter.admit("a", dt.date(2024, 1, 2)) is None  # 'a' was forgotten: a fresh minute
    assert limiter.admit("d", dt.date(2024, 1, 2)) is not None


def test_limits_from_the_environment() -> None:
    assert WebLimits.from_env({}) == WebLimits()
    assert WebLimits.from_env({"DXTRACK_WEB_THREADS": "3", "DXTRACK_WEB_PAGE_MB": "8"}).threads == 3
    with pytest.raises(ValueError, match="DXTRACK_WEB_AS_OF_PER_MINUTE must be at least 1"):
        WebLimits.from_env({"DXTRACK_WEB_AS_OF_PER_MINUTE": "0"})
    assert WebLimits.from_env({"DXTRACK_WEB_COMPUTE_NICE": "0"}).compute_nice == 0


def test_a_full_queue_makes_a_request_wait_then_answers_503() -> None:
    """One thread, one place in the queue: a second key waits for room, and after ``max_wait`` is refused."""
    import asyncio

    from dxtrack.present.errors import AppError

    computer = Computer(1, Lru(10), Lru(10), max_queued=1, max_wait=0.3)
    release = threading.Event()

    async def scenario() -> tuple[str, str]:
        first = asyncio.ensure_future(computer.get_async(("r", 1), lambda: release.wait(5) and "one"))
        await asyncio.sleep(0.05)
        with pytest.raises(AppError) as refused:
            await computer.get_async(("r", 2), lambda: "two")
        assert refused.value.code == "server_busy" and refused.value.status == 503
        waiting = asyncio.ensure_future(computer.get_async(("r", 3), lambda: "three"))
        await asyncio.sleep(0.1)
        release.set()  # room again: the waiting request gets its turn
        return await first, await waiting

    # a thread of its own: a session's Playwright may hold this thread's event loop
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, scenario()).result() == ("one", "three")
    assert computer.stats().computed == {"r": 2}
    computer.close()


def test_computing_threads_run_at_a_lower_priority() -> None:
    import os

    computer = Computer(1, Lru(4), Lru(4), nice=7)
    mine = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    theirs = computer.get(("r", 1), lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    assert theirs == min(mine + 7, 19) and os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == mine
    computer.close()
