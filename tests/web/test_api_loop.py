"""The reporting loop over the JSON API, on a real server (uvicorn subprocess) on SQLite and PostgreSQL: a
coordinator opens a call on vn-nq57; the ministry reads its template (the CLI's JSON), saves a draft with an
error (the whole validation report comes back), is refused a submission with errors (422 naming item and rule),
submits, is approved, returned with a reason, resubmits and is accepted; the value is then an observation citing
the ministry's report. Sessions need the CSRF token; a unit sees only its own part."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.services import accounts
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.web.launch import free_port, start_server
from tests.loop_support import MINISTRY, PASSWORD, PROVINCE, prepare

TASK_DONE = {"status": "completed", "note": "Đã ban hành", "product": "Quyết định số 1/QĐ-TTg ngày 02/01/2025",
             "evidence": ["https://example.vn/qd-1.pdf"]}  # fmt: skip
ERROR_KEYS = {"error", "code", "params", "detail", "status"}


@pytest.fixture
def loop_api(db_url: str, data_dir: Path) -> Iterator[tuple[httpx.Client, dict[str, str], str]]:
    engine = open_store(db_url)
    prepare(engine)
    accounts.create_user(engine, "sub-hn", org_id=PROVINCE, roles=["submitter"], password=PASSWORD)
    names = ("coord", "coord2", "sub-most", "appr-most", "sub-mof", "sub-hn")
    tokens = {n: accounts.create_token(engine, n, days=2).secret for n in names}
    engine.dispose()
    port = free_port()
    proc = start_server(db_url, port, data_dir=data_dir, pack="vn-nq57")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client, tokens, db_url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def as_(tokens: dict[str, str], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[user]}"}


def fill(tpl: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**tpl, "items": [{**i, "value": values.get(i["id"])} for i in tpl["items"]]}


def error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS and body["code"] == code
    return body


def test_loop_over_the_api(loop_api: tuple[httpx.Client, dict[str, str], str], monkeypatch: pytest.MonkeyPatch,
                           tmp_path: Path) -> None:  # fmt: skip
    client, tokens, db_url = loop_api
    call_body = {"title": "Báo cáo năm 2025", "period": "2025", "cutoff": "2025-12-15", "due": "2099-06-30",
                 "pack": "vn-nq57", "orgs": [MINISTRY, PROVINCE]}  # fmt: skip
    error(client.post("/api/v1/calls", json=call_body, headers=as_(tokens, "sub-most")), 403, "forbidden")
    created = client.post("/api/v1/calls", json=call_body, headers=as_(tokens, "coord"))
    assert created.status_code == 201, created.text
    call = created.json()["id"]
    unit = f"/api/v1/calls/{call}/units/{MINISTRY}"

    # a unit sees only its own part
    mine = client.get("/api/v1/calls", headers=as_(tokens, "sub-most")).json()["items"]
    assert [(c["id"], [(u["org"], u["state"], u["roles"]) for u in c["units"]]) for c in mine] == [
        (call, [(MINISTRY, "not_submitted", ["submitter"])])
    ]
    assert client.get("/api/v1/calls", headers=as_(tokens, "sub-mof")).json()["items"] == []
    error(client.get(f"{unit}/template", headers=as_(tokens, "sub-mof")), 403, "forbidden")
    error(client.get(f"/api/v1/calls/{call}/status", headers=as_(tokens, "sub-most")), 403, "forbidden")
    error(client.get(f"/api/v1/calls/{call + 1}/units/{MINISTRY}/template", headers=as_(tokens, "coord")), 404,
          "call_not_found")  # fmt: skip
    error(client.get(f"/api/v1/calls/{call}/units/MOF/template", headers=as_(tokens, "coord")), 404,
          "call_not_a_unit")  # fmt: skip

    # the template is the CLI's JSON
    tpl = client.get(f"{unit}/template", headers=as_(tokens, "sub-most")).json()
    monkeypatch.setenv("DXTRACK_DB", db_url)
    out = tmp_path / "t.json"
    result = CliRunner().invoke(app, ["call", "template", str(call), "--org", MINISTRY, "--format", "json",
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert tpl == json.loads(out.read_text(encoding="utf-8"))

    # a draft with an error is stored, with the whole validation report
    draft = client.post(f"{unit}/draft", json=fill(tpl, {"DE_SHARE_GDP": 120, "section.results": "Nháp"}),
                        headers=as_(tokens, "sub-most"))  # fmt: skip
    assert draft.status_code == 200, draft.text
    saved = draft.json()
    assert (saved["state"], saved["revision"], saved["written"]) == ("draft", 1, True)
    assert saved["errors"] == [
        {
            "item": "DE_SHARE_GDP",
            "rule": "max",
            "code": "validation_max",
            "params": {"value": "120", "max": "100"},
            "message": "120 is above the maximum 100",
        }
    ]
    report = client.get(f"{unit}/report", headers=as_(tokens, "sub-most")).json()
    assert (report["state"], report["values"]) == ("draft", {"DE_SHARE_GDP": 120, "section.results": "Nháp"})

    # errors block a submission: 422 naming every item and rule, in the language asked for
    bad = fill(tpl, {"DE_SHARE_GDP": 120, "CP.1": {"status": "completed"}})
    body = error(client.post(f"{unit}/submission?lang=vi", json=bad, headers=as_(tokens, "sub-most")), 400,
                 "submission_rejected")  # fmt: skip
    assert [(i["item"], i["rule"], i["message"]) for i in body["params"]["issues"]] == [
        ("DE_SHARE_GDP", "max", "120 lớn hơn giá trị tối đa 100"),
        ("CP.1", "evidence_required", "nhiệm vụ báo cáo 'Đã hoàn thành' cần có minh chứng (đường dẫn hoặc tệp)"),
    ]
    first = "mục 'DE_SHARE_GDP', quy tắc 'max': 120 lớn hơn giá trị tối đa 100"
    assert body["detail"] == f"body: {first} (và 1 lỗi khác; không có gì được ghi)"
    error(client.post(f"{unit}/submission", json=fill(tpl, {"EGDI_RANK": 71}), headers=as_(tokens, "sub-mof")), 403,
          "forbidden")  # fmt: skip

    values = {"EGDI_RANK": 71, "DE_SHARE_GDP": 18.3, "CP.1": TASK_DONE, "section.results": "Kết quả: …"}
    first = client.post(f"{unit}/submission", json=fill(tpl, values), headers=as_(tokens, "sub-most"))
    assert first.status_code == 201 and first.json()["revision"] == 2 and first.json()["state"] == "submitted"
    again = client.post(f"{unit}/submission", json=fill(tpl, values), headers=as_(tokens, "sub-most"))
    assert again.status_code == 200 and again.json()["written"] is False

    assert client.post(f"{unit}/approve", headers=as_(tokens, "appr-most")).json()["state"] == "approved"
    error(client.post(f"{unit}/return", json={}, headers=as_(tokens, "coord")), 400, "review_reason_required")
    returned = client.post(f"{unit}/return", json={"reason": "Thiếu số liệu 5G"}, headers=as_(tokens, "coord"))
    assert returned.json() == {"call": call, "org": MINISTRY, "state": "returned"}

    values["MOBILE_5G_POP_COVERAGE"] = 26.0
    second = client.post(f"{unit}/submission", json=fill(tpl, values), headers=as_(tokens, "sub-most"))
    assert second.status_code == 201 and second.json()["revision"] == 3
    assert client.post(f"{unit}/approve", headers=as_(tokens, "appr-most")).json()["state"] == "approved"
    assert client.post(f"{unit}/accept", headers=as_(tokens, "coord")).json()["state"] == "accepted"

    status = client.get(f"/api/v1/calls/{call}/status", headers=as_(tokens, "coord")).json()
    units = {u["org"]: u for u in status["units"]}
    assert (units[MINISTRY]["state"], units[MINISTRY]["revision"], units[MINISTRY]["late"]) == ("accepted", 3, False)
    assert (units[PROVINCE]["state"], units[PROVINCE]["revision"]) == ("not_submitted", None)
    history = client.get(f"{unit}/report", headers=as_(tokens, "coord")).json()["history"]
    assert [[e["state"] for e in h["events"]] for h in history] == [
        ["draft"],
        ["submitted", "approved", "returned"],
        ["submitted", "approved", "accepted"],
    ]
    assert history[1]["events"][2]["reason"] == "Thiếu số liệu 5G"

    obs = client.get("/api/v1/observations", params={"indicator": "MOBILE_5G_POP_COVERAGE", "area": "VNM"}).json()
    cited = [o for o in obs["items"] if o["source"]["id"] == f"call:{call}:{MINISTRY}:r3"]
    assert [(o["period"], o["value"]) for o in cited] == [("2025", 26.0)]
    assert cited[0]["source"]["publisher"] == "Bộ Khoa học và Công nghệ"

    engine = open_store(db_url)
    assert verify(engine).problems == []
    engine.dispose()


def test_sessions_need_the_csrf_token(loop_api: tuple[httpx.Client, dict[str, str], str]) -> None:
    client, tokens, _ = loop_api
    call_body = {"title": "Báo cáo 6 tháng", "period": "2025", "cutoff": "2025-06-15", "due": "2099-07-15",
                 "orgs": [PROVINCE]}  # fmt: skip
    call = client.post("/api/v1/calls", json=call_body, headers=as_(tokens, "coord")).json()["id"]
    login = client.post("/api/v1/auth/login", json={"name": "sub-hn", "password": PASSWORD})
    csrf = login.json()["csrf_token"]
    unit = f"/api/v1/calls/{call}/units/{PROVINCE}"
    tpl = client.get(f"{unit}/template").json()  # reads with the session cookie
    payload = fill(tpl, {"section.results": "Tỉnh đã triển khai"})
    error(client.post(f"{unit}/draft", json=payload), 403, "csrf_failed")
    saved = client.post(f"{unit}/draft", json=payload, headers={"X-CSRF-Token": csrf})
    assert saved.status_code == 200 and saved.json()["state"] == "draft"
    submitted = client.post(f"{unit}/submission", json=payload, headers={"X-CSRF-Token": csrf})
    assert submitted.status_code == 201 and submitted.json()["revision"] == 1  # the draft itself is submitted
    client.cookies.clear()
    error(client.get(f"{unit}/template"), 401, "not_authenticated")


def docx_text(data: bytes) -> list[str]:
    """Every paragraph of a DOCX, body and tables, in order."""
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in doc.paragraphs] + cells


def test_urging_letter_from_the_board_and_the_api(
    loop_api: tuple[httpx.Client, dict[str, str], str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    client, tokens, db_url = loop_api
    late_body = {"title": "Báo cáo năm 2024", "period": "2024", "cutoff": "2024-12-15", "due": "2025-01-31",
                 "pack": "vn-nq57", "orgs": [MINISTRY]}  # fmt: skip
    call = client.post("/api/v1/calls", json=late_body, headers=as_(tokens, "coord")).json()["id"]
    on_time = client.post("/api/v1/calls", json={**late_body, "due": "2099-01-31"}, headers=as_(tokens, "coord"))

    # the API twin: the DOCX names the late ministry; the same text as `dxtrack remind --letter`
    letter = client.get(f"/api/v1/calls/{call}/letter", headers=as_(tokens, "coord"))
    assert letter.status_code == 200, letter.text
    assert letter.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    assert letter.headers["content-disposition"] == f'attachment; filename="cong-van-don-doc-dot-{call}.docx"'
    text = docx_text(letter.content)
    assert "Kính gửi: Bộ Khoa học và Công nghệ." in text
    assert any(t.startswith("CƠ QUAN ĐIỀU PHỐI\n") for t in text)  # the CLI's default issuer
    monkeypatch.setenv("DXTRACK_DB", db_url)
    out = tmp_path / "cv.docx"
    result = CliRunner().invoke(app, ["remind", str(call), "--letter", str(out)])
    assert result.exit_code == 0, result.output
    assert docx_text(out.read_bytes()) == text
    error(client.get(f"/api/v1/calls/{call}/letter", headers=as_(tokens, "sub-most")), 403, "forbidden")
    body = error(client.get(f"/api/v1/calls/{on_time.json()['id']}/letter", headers=as_(tokens, "coord")), 409,
                 "call_no_late_unit")  # fmt: skip
    assert body["params"]["call"] == on_time.json()["id"]

    # the board links the letter; a submitter is refused it; no late unit: the board says so
    client.post("/api/v1/auth/login", json={"name": "coord", "password": PASSWORD})
    board = client.get(f"/loop/calls/{call}?lang=vi").text
    assert f'href="/loop/calls/{call}/letter.docx?lang=vi"' in board
    assert "Tải công văn đôn đốc 1 đơn vị chậm hạn (DOCX)" in board and "dxtrack remind" not in board
    page = client.get(f"/loop/calls/{call}/letter.docx?lang=vi")
    assert page.status_code == 200 and docx_text(page.content) == text
    calm = client.get(f"/loop/calls/{on_time.json()['id']}?lang=vi").text
    assert "Không có đơn vị nào chậm hạn" in calm and "letter.docx" not in calm
    client.cookies.clear()
    client.post("/api/v1/auth/login", json={"name": "sub-most", "password": PASSWORD})
    assert client.get(f"/loop/calls/{call}/letter.docx?lang=vi").status_code == 403


def test_repeat_over_the_api(loop_api: tuple[httpx.Client, dict[str, str], str]) -> None:
    """Last year's yearly call: this year's is opened once (201, the CLI's call JSON); again, or the next year's
    (not started), is 409 ``call_repeat_not_due``; a submitter is refused, a session needs its CSRF token."""
    import datetime as dt

    client, tokens, _ = loop_api
    year = dt.date.today().year - 1
    body = {"title": f"Báo cáo năm {year}", "period": str(year), "cutoff": f"{year}-12-15",
            "due": f"{year + 1}-01-31", "orgs": [PROVINCE], "repeat_months": 12}  # fmt: skip
    call = client.post("/api/v1/calls", json=body, headers=as_(tokens, "coord")).json()["id"]
    listed = client.get("/api/v1/calls", headers=as_(tokens, "coord")).json()["items"]
    assert [(c["id"], c["series"], c["repeats"], c["next_period"], c["next_due"]) for c in listed] == [
        (call, call, None, str(year + 1), f"{year + 2}-01-31")
    ]

    error(client.post(f"/api/v1/calls/{call}/repeat", headers=as_(tokens, "sub-hn")), 403, "forbidden")
    error(client.post(f"/api/v1/calls/{call + 9}/repeat", headers=as_(tokens, "coord")), 404, "call_not_found")
    csrf = client.post("/api/v1/auth/login", json={"name": "coord", "password": PASSWORD}).json()["csrf_token"]
    error(client.post(f"/api/v1/calls/{call}/repeat"), 403, "csrf_failed")
    opened = client.post(f"/api/v1/calls/{call}/repeat", headers={"X-CSRF-Token": csrf})
    assert opened.status_code == 201, opened.text
    new = opened.json()
    assert new == {"id": call + 1, "version": 1, "title": f"Báo cáo năm {year + 1}", "pack_id": "vn-nq57",
                   "period": str(year + 1), "cutoff": f"{year + 1}-12-15", "due": f"{year + 2}-01-31",
                   "repeat_months": 12, "state": "open", "created_by": "coord", "series": call, "repeats": call,
                   "next_period": str(year + 2), "next_due": f"{year + 3}-01-31"}  # fmt: skip
    client.cookies.clear()

    again = error(client.post(f"/api/v1/calls/{call}/repeat", headers=as_(tokens, "coord")), 409,
                  "call_repeat_not_due")  # fmt: skip
    assert again["params"]["call"] == call
    error(client.post(f"/api/v1/calls/{new['id']}/repeat", headers=as_(tokens, "coord")), 409, "call_repeat_not_due")
    listed = client.get("/api/v1/calls", headers=as_(tokens, "coord")).json()["items"]
    assert [(c["id"], c["series"], c["repeats"], c["next_period"]) for c in listed] == [
        (new["id"], call, call, str(year + 2)),
        (call, call, None, str(year + 1)),
    ]
