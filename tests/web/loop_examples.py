"""Example requests of the reporting loop's routes for the role × route matrix (tests/web/test_auth.py).

Each example has a ``prepare(engine)`` that brings a fresh call for province A (vn-nq52) to the state the route
needs (a report submitted by another user for ``approve``, approved by another for ``accept``, …) and returns the
request's URL and body, so that every role the route/role table admits succeeds."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from dxtrack.catalog import load_pack
from dxtrack.domain.catalog import ContentPack
from dxtrack.services import accounts, calls, submissions
from dxtrack.store import Engine
from tests.auth_support import PASSWORD, A

Prepared = dict[str, Any]
SUB, APPR, COORD = "loop-sub", "loop-appr", "loop-coord"
API, PAGES = "/api/v1/calls", "/loop/calls"


@functools.cache
def pack() -> ContentPack:
    return load_pack("vn-nq52")


def _people(engine: Engine) -> None:
    for name, role in ((SUB, "submitter"), (APPR, "approver"), (COORD, "coordinator")):
        if accounts.get_user(engine, name) is None:
            accounts.create_user(engine, name, org_id=A, roles=[role], password=PASSWORD)


def report(engine: Engine, call: int) -> dict[str, Any]:
    tpl = calls.template(engine, call, A)
    return {**tpl, "items": [{**i, "value": "Kết quả" if i["id"] == "section.results" else None}
                             for i in tpl["items"]]}  # fmt: skip


def call_at(engine: Engine, state: str = "open") -> int:
    """A new call for province A whose report is in ``state`` (open = nothing yet)."""
    _people(engine)
    user = accounts.get_user(engine, COORD)
    assert user is not None
    call = calls.create_call(engine, pack(), user, title="Ví dụ", period="2025", cutoff="2025-12-15",
                             due="2099-01-31", units=A)  # fmt: skip
    steps = {"submitted": [("submit", SUB)], "approved": [("submit", SUB), ("approve", APPR)],
             "accepted": [("submit", SUB), ("approve", APPR), ("accept", COORD)]}  # fmt: skip
    for step, name in steps.get(state, []):
        actor = accounts.get_user(engine, name)
        assert actor is not None
        if step == "submit":
            submissions.submit(engine, pack(), actor, call, A, report(engine, call))
        else:
            submissions.review(engine, pack(), actor, call, A, step)
    return call


def _unit(state: str, tail: str, **body: Any) -> Callable[[Engine], Prepared]:
    def prepare(engine: Engine) -> Prepared:
        call = call_at(engine, state)
        return {"url": f"{API}/{call}/units/{A}/{tail}", **body}

    return prepare


def _submission(engine: Engine) -> Prepared:
    call = call_at(engine)
    return {"url": f"{API}/{call}/units/{A}/submission", "json": report(engine, call)}


def _draft(engine: Engine) -> Prepared:
    call = call_at(engine)
    return {"url": f"{API}/{call}/units/{A}/draft", "json": report(engine, call)}


def _page(state: str, tail: str, **body: Any) -> Callable[[Engine], Prepared]:
    def prepare(engine: Engine) -> Prepared:
        return {"url": f"{PAGES}/{call_at(engine, state)}/units/{A}/{tail}", **body}

    return prepare


def _upload(engine: Engine) -> Prepared:
    import tempfile
    from pathlib import Path

    from dxtrack.interop.xlsx_template import write_template

    call = call_at(engine)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mau.xlsx"
        write_template(calls.template(engine, call, A), path)
        data = path.read_bytes()
    return {"url": f"{PAGES}/{call}/units/{A}/upload", "files": {"file": ("mau.xlsx", data)}}


def _repeat(engine: Engine, base: str = PAGES) -> Prepared:
    """A yearly call two years back: its next year has started, whatever today is."""
    import datetime as dt

    _people(engine)
    user = accounts.get_user(engine, COORD)
    assert user is not None
    year = dt.date.today().year - 2
    call = calls.create_call(engine, pack(), user, title=f"Báo cáo năm {year}", period=str(year),
                             cutoff=f"{year}-12-15", due=f"{year + 1}-01-31", units=A, repeat_months=12)  # fmt: skip
    return {"url": f"{base}/{call}/repeat", "data": {}}


def _letter(base: str, tail: str) -> Callable[[Engine], Prepared]:
    """A call whose due date has passed with nothing from province A: A is late, so there is a letter."""

    def prepare(engine: Engine) -> Prepared:
        _people(engine)
        user = accounts.get_user(engine, COORD)
        assert user is not None
        call = calls.create_call(engine, pack(), user, title="Báo cáo năm 2024", period="2024", cutoff="2024-12-15",
                                 due="2025-01-31", units=A)  # fmt: skip
        return {"url": f"{base}/{call}/{tail}"}

    return prepare


def _status(engine: Engine) -> Prepared:
    return {"url": f"{API}/{call_at(engine)}/status"}


CALL_BODY = {"title": "Báo cáo năm 2025", "period": "2025", "cutoff": "2025-12-15", "due": "2099-01-31", "orgs": [A]}

UNIT = API + "/{call_id}/units/{org}"
PAGE = PAGES + "/{call_id}/units/{org}"
EXAMPLES: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", API): {},
    ("POST", API): {"json": CALL_BODY},
    ("POST", API + "/{call_id}/repeat"): {"prepare": functools.partial(_repeat, base=API)},
    ("GET", API + "/{call_id}/status"): {"prepare": _status},
    ("GET", API + "/{call_id}/letter"): {"prepare": _letter(API, "letter")},
    ("GET", UNIT + "/template"): {"prepare": _unit("open", "template")},
    ("GET", UNIT + "/report"): {"prepare": _unit("submitted", "report")},
    ("POST", UNIT + "/draft"): {"prepare": _draft},
    ("POST", UNIT + "/submission"): {"prepare": _submission},
    ("POST", UNIT + "/approve"): {"prepare": _unit("submitted", "approve")},
    ("POST", UNIT + "/accept"): {"prepare": _unit("approved", "accept")},
    ("POST", UNIT + "/return"): {"prepare": _unit("submitted", "return", json={"reason": "Thiếu"})},
    ("POST", UNIT + "/reopen"): {"prepare": _unit("accepted", "reopen", json={"reason": "Sửa"})},
    ("POST", PAGES): {"data": {**CALL_BODY, "orgs": A}},
    ("POST", PAGES + "/{call_id}/repeat"): {"prepare": _repeat},
    ("GET", PAGES + "/{call_id}/letter.docx"): {"prepare": _letter(PAGES, "letter.docx")},
    ("POST", PAGE + "/draft"): {"prepare": _page("open", "draft", data={"v:section.results": "Nháp"})},
    ("POST", PAGE + "/submit"): {"prepare": _page("open", "submit", data={"v:section.results": "Kết quả"})},
    ("POST", PAGE + "/upload"): {"prepare": _upload},
    ("POST", PAGE + "/approve"): {"prepare": _page("submitted", "approve", data={})},
    ("POST", PAGE + "/accept"): {"prepare": _page("approved", "accept", data={})},
    ("POST", PAGE + "/return"): {"prepare": _page("submitted", "return", data={"reason": "Thiếu"})},
    ("POST", PAGE + "/reopen"): {"prepare": _page("accepted", "reopen", data={"reason": "Sửa"})},
}
