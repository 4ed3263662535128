"""The reporting loop end to end through the CLI, on SQLite and PostgreSQL: a coordinator opens a call on vn-nq57,
a ministry fills its template, its approver approves, the coordinator returns it with a reason, the corrected
revision is approved and accepted, and the accepted values are observations citing the ministry's report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from dxtrack.services.audit import verify
from dxtrack.store import Engine
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo
from dxtrack.store.audit import events
from tests.loop_support import MINISTRY, PROVINCE, cli_store, dx


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    return cli_store(db_url, monkeypatch)


def create_call(due: str = "2099-06-30") -> int:
    code, out = dx("call", "create", "--pack", "vn-nq57", "--title", "Báo cáo năm 2025", "--period", "2025",
                   "--cutoff", "2025-12-15", "--due", due, "--orgs", f"{MINISTRY},{PROVINCE}", "--as", "coord",
                   "--format", "json")  # fmt: skip
    assert code == 0, out
    return int(json.loads(out)["id"])


def template(tmp_path: Path, call: int, org: str = MINISTRY) -> dict[str, Any]:
    out = tmp_path / f"{org}.json"
    code, text = dx("call", "template", str(call), "--org", org, "--format", "json", "--out", str(out))
    assert code == 0, text
    return dict(json.loads(out.read_text(encoding="utf-8")))


def fill(tpl: dict[str, Any], values: dict[str, Any], comments: dict[str, str] | None = None) -> dict[str, Any]:
    for item in tpl["items"]:
        item["value"] = values.get(item["id"])
        if comments and item["id"] in comments:
            item["comment"] = comments[item["id"]]
    return tpl


def submit(
    tmp_path: Path, call: int, payload: dict[str, Any], user: str = "sub-most", org: str = MINISTRY
) -> tuple[int, str]:
    path = tmp_path / "filled.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return dx("submit", str(call), "--org", org, "--file", str(path), "--as", user)


def status(call: int, as_of: str | None = None) -> dict[str, dict[str, Any]]:
    code, out = dx("call", "status", str(call), "--format", "json", *(["--as-of", as_of] if as_of else []))
    assert code == 0, out
    return {u["org"]: u for u in json.loads(out)["units"]}


TASK_DONE = {"status": "completed", "note": "Đã ban hành", "product": "Quyết định số 1/QĐ-TTg ngày 02/01/2025",
             "evidence": ["https://example.vn/qd-1.pdf"]}  # fmt: skip


def test_call_submit_return_resubmit_accept_publishes(engine: Engine, tmp_path: Path) -> None:
    call = create_call()
    tpl = template(tmp_path, call)
    assert (tpl["call"], tpl["org"]) == (call, MINISTRY)
    assert tpl["meta"]["org_name"] == "Bộ Khoa học và Công nghệ" and tpl["meta"]["cutoff"] == "2025-12-15"
    items = {i["id"]: i for i in tpl["items"]}
    # EGDI_RANK is a rank (integer, at least 1); CP.1 is led by MOST; the seven narrative sections follow
    assert items["EGDI_RANK"]["rules"] == {"min": 1.0, "integer": True} and items["EGDI_RANK"]["kind"] == "indicator"
    assert items["DE_SHARE_GDP"]["rules"] == {"min": 0.0, "max": 100.0}
    assert items["CP.1"]["kind"] == "task" and items["CP.1"]["rules"]["role"] == "lead"
    # the narrative sections, with the results on each task group the ministry has tasks in (CP.I … CP.VII)
    groups = [f"section.results.CP.{g}" for g in ("I", "II", "III", "IV", "V", "VI", "VII")]
    assert [i["id"] for i in tpl["items"] if i["kind"] == "section"] == [
        "section.leadership", "section.results", *groups, "section.limitations", "section.causes_objective",
        "section.causes_subjective", "section.lessons", "section.directions", "section.proposals",
    ]  # fmt: skip
    assert all(i["value"] is None for i in tpl["items"])
    board = status(call)
    assert board[MINISTRY] == {"org": MINISTRY, "org_name": "Bộ Khoa học và Công nghệ", "state": "not_submitted",
                               "late": False, "revision": None}  # fmt: skip
    assert (board[PROVINCE]["state"], board[PROVINCE]["late"]) == ("not_submitted", False)

    values = {"EGDI_RANK": 71, "DE_SHARE_GDP": 18.3, "CP.1": TASK_DONE, "section.results": "Kết quả: …"}
    code, out = submit(tmp_path, call, fill(tpl, values))
    assert code == 0 and "revision 1" in out, out
    code, out = submit(tmp_path, call, fill(tpl, values))  # the same upload again writes nothing
    assert code == 0 and "nothing was written" in out, out
    assert status(call)[MINISTRY]["state"] == "submitted"

    assert dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "appr-most")[0] == 0
    code, out = dx("review", str(call), "--org", MINISTRY, "--return", "--as", "coord")
    assert code == 1 and "--reason is required" in out
    code, out = dx("review", str(call), "--org", MINISTRY, "--return", "--reason", "Thiếu số liệu 5G", "--as", "coord")
    assert code == 0 and "returned" in out, out
    assert status(call)[MINISTRY]["state"] == "returned"

    values["MOBILE_5G_POP_COVERAGE"] = 26.0
    code, out = submit(tmp_path, call, fill(tpl, values))
    assert code == 0 and "revision 2" in out, out
    assert dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "appr-most")[0] == 0
    code, out = dx("review", str(call), "--org", MINISTRY, "--accept", "--as", "coord")
    assert code == 0 and "accepted" in out, out
    assert status(call)[MINISTRY] | {"org_name": ""} == {"org": MINISTRY, "org_name": "", "state": "accepted",
                                                         "late": False, "revision": 2}  # fmt: skip

    # accepted is locked: a further upload is refused until a coordinator reopens it
    values["EGDI_RANK"] = 70
    code, out = submit(tmp_path, call, fill(tpl, values))
    assert code == 1 and "accepted" in out

    today = dt.date.today()
    obs = repo.read_observations(engine, indicators=["EGDI_RANK", "DE_SHARE_GDP", "MOBILE_5G_POP_COVERAGE"])
    got = {r.indicator: (r.value, r.area, r.period, r.published_on, r.source_publisher) for r in obs.itertuples()}
    name = "Bộ Khoa học và Công nghệ"
    assert got == {
        "EGDI_RANK": (71.0, "VNM", "2025", today, name),
        "DE_SHARE_GDP": (18.3, "VNM", "2025", today, name),
        "MOBILE_5G_POP_COVERAGE": (26.0, "VNM", "2025", today, name),
    }
    assert set(obs["source_title"]) == {f"Báo cáo năm 2025 — {name}"}
    with engine.connect() as conn:
        tasks = rows.task_statuses(conn, "CP.1")
        material = rows.materials(conn, call)
    assert [(t["org_id"], t["status"], t["product"], t["evidence"]) for t in tasks] == [
        (MINISTRY, "completed", TASK_DONE["product"], TASK_DONE["evidence"])
    ]
    assert [(m["org_id"], m["section"], m["text"]) for m in material] == [(MINISTRY, "results", "Kết quả: …")]

    report = verify(engine)
    assert report.problems == [], report.problems
    with engine.connect() as conn:
        trail = [(e["actor"], e["action"]) for e in events(conn) if e["entity"] in ("submission", "data_call")]
    assert trail == [
        ("coord", "call.create"),
        ("sub-most", "submission.submit"),
        ("appr-most", "submission.approve"),
        ("coord", "submission.return"),
        ("sub-most", "submission.submit"),
        ("appr-most", "submission.approve"),
        ("coord", "submission.accept"),
    ]


def test_lateness_and_reminders(engine: Engine, tmp_path: Path) -> None:
    call = create_call(due="2026-01-31")
    tpl = template(tmp_path, call)
    assert submit(tmp_path, call, fill(tpl, {"EGDI_RANK": 71}))[0] == 0  # submitted today, after the due date
    before, after = status(call, "2026-01-31"), status(call, "2026-02-01")
    assert before[PROVINCE]["late"] is False and after[PROVINCE]["late"] is True
    assert after[MINISTRY]["late"] is True  # first submitted after 31/01/2026
    code, out = dx("remind", str(call), "--dry-run", "--format", "json", "--as-of", "2026-02-01")
    assert code == 0, out
    data = json.loads(out)
    assert (data["call"], data["due"], data["as_of"]) == (call, "2026-01-31", "2026-02-01")
    late = {u["org"]: u for u in data["late"]}
    assert set(late) == {MINISTRY, PROVINCE}
    assert late[PROVINCE]["state"] == "not_submitted"
    province_items = [i["id"] for i in template(tmp_path, call, PROVINCE)["items"]]
    assert [o["id"] for o in late[PROVINCE]["owes"]] == province_items
    assert "EGDI_RANK" not in [o["id"] for o in late[MINISTRY]["owes"]]
    assert "DE_SHARE_GDP" in [o["id"] for o in late[MINISTRY]["owes"]]


def test_authorisation_and_separation_of_duties(engine: Engine, tmp_path: Path) -> None:
    code, out = dx("call", "create", "--pack", "vn-nq57", "--title", "x", "--period", "2025", "--cutoff",
                   "2025-12-15", "--due", "2026-01-31", "--orgs", MINISTRY, "--as", "sub-most")  # fmt: skip
    assert code == 1 and "coordinator" in out
    call = create_call()
    tpl = fill(template(tmp_path, call), {"EGDI_RANK": 71})
    code, out = submit(tmp_path, call, tpl, user="sub-mof")  # a submitter of another ministry
    assert code == 1 and "submitter" in out and MINISTRY in out
    code, out = submit(tmp_path, call, tpl, user="appr-most")  # the right unit, the wrong role
    assert code == 1 and "submitter" in out
    assert submit(tmp_path, call, tpl, user="both-most")[0] == 0
    code, out = dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "both-most")
    assert code == 1 and "previous step themselves" in out
    code, out = dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "appr-mof")
    assert code == 1 and "approver" in out
    code, out = dx("review", str(call), "--org", MINISTRY, "--accept", "--as", "coord")
    assert code == 1 and "submitted; cannot accept" in out
    assert dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "appr-most")[0] == 0
    code, out = dx("review", str(call), "--org", MINISTRY, "--accept", "--as", "appr-most")
    assert code == 1 and "coordinator" in out
    assert status(call)[MINISTRY]["state"] == "approved"


def test_validation_errors_write_nothing(engine: Engine, tmp_path: Path) -> None:
    call = create_call()
    tpl = template(tmp_path, call)
    cases = [
        ({"EGDI_RANK": 71.5}, "item 'EGDI_RANK', rule 'integer'"),
        ({"EGDI_RANK": 0}, "item 'EGDI_RANK', rule 'min'"),
        ({"DE_SHARE_GDP": 100.5}, "item 'DE_SHARE_GDP', rule 'max'"),
        ({"DE_SHARE_GDP": "18"}, "item 'DE_SHARE_GDP', rule 'type'"),
        ({"CP.1": {"status": "done"}}, "item 'CP.1', rule 'statuses'"),
        ({"CP.1": {"status": "completed"}}, "item 'CP.1', rule 'evidence_required'"),
        ({"section.results": 5}, "item 'section.results', rule 'type'"),
    ]
    for values, message in cases:
        code, out = submit(tmp_path, call, fill(tpl, values))
        assert code == 1 and message in out and "nothing was written" in out, (values, out)
    foreign = fill(tpl, {"EGDI_RANK": 71}) | {"org": "MOF"}
    code, out = submit(tmp_path, call, foreign)
    assert code == 1 and "organisation 'MOF'" in out
    unknown = fill(tpl, {})
    unknown["items"].append({"id": "NOT_AN_ITEM", "kind": "indicator", "value": 1})
    code, out = submit(tmp_path, call, unknown)
    assert code == 1 and "item 'NOT_AN_ITEM', rule 'unknown_item'" in out
    with engine.connect() as conn:
        assert rows.submissions(conn, call) == []
    assert status(call)[MINISTRY]["state"] == "not_submitted"


def test_excel_upload_is_the_same_submission_as_json(engine: Engine, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    call = create_call()
    xlsx = tmp_path / "most.xlsx"
    code, out = dx("call", "template", str(call), "--org", MINISTRY, "--format", "xlsx", "--out", str(xlsx))
    assert code == 0, out
    ids = [i["id"] for i in template(tmp_path, call)["items"]]
    row = {item_id: 10 + i for i, item_id in enumerate(ids)}  # items start on row 10, in template order
    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    ws[f"F{row['EGDI_RANK']}"] = 71
    ws[f"F{row['CP.1']}"] = "Đã hoàn thành"
    ws[f"G{row['CP.1']}"] = TASK_DONE["note"]
    ws[f"H{row['CP.1']}"] = TASK_DONE["product"]
    ws[f"I{row['CP.1']}"] = TASK_DONE["evidence"][0]
    ws[f"F{row['section.results']}"] = "Kết quả: …"
    wb.save(xlsx)
    code, out = dx("submit", str(call), "--org", MINISTRY, "--file", str(xlsx), "--as", "sub-most")
    assert code == 0 and "revision 1" in out, out
    values = {"EGDI_RANK": 71, "CP.1": TASK_DONE, "section.results": "Kết quả: …"}
    code, out = submit(tmp_path, call, fill(template(tmp_path, call), values))
    assert code == 0 and "already has this content" in out, out


def test_urging_letter_names_the_late_units(engine: Engine, tmp_path: Path) -> None:
    from docx import Document

    call = create_call(due="2026-01-31")
    letter = tmp_path / "don-doc.docx"
    code, out = dx("remind", str(call), "--letter", str(letter), "--as-of", "2026-02-01", "--issuer", "Bộ Tài chính")
    assert code == 0, out
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    text += "\n".join(c.text for t in Document(str(letter)).tables for r in t.rows for c in r.cells)
    assert "Bộ Khoa học và Công nghệ" in text and "Thành phố Hà Nội" in text
    code, out = dx("remind", str(call), "--letter", str(letter), "--as-of", "2026-01-31")
    assert code == 1 and "no late unit" in out
