"""The review report fed by the reporting loop, on SQLite and PostgreSQL: a constructed history of three units'
reports on vn-nq57 (one accepted twice, one reopened, one accepted after the report date) and the figures it
must give — hand-computed below — in the task statistics and the quoted material of parts I–VI."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dxtrack.catalog import load_pack
from dxtrack.domain.catalog import ContentPack
from dxtrack.reports import build_context
from dxtrack.reports.model import Para, Table, block_texts, plain
from dxtrack.services import accounts, calls, submissions, task_status
from dxtrack.services.report_material import material
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from tests.loop_support import MINISTRY, PASSWORD, prepare

UTC = dt.UTC
EVIDENCE = ["https://example.vn/van-ban.pdf"]
DAY = dt.date(2026, 1, 15)  # the report date


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=3, tzinfo=UTC)


def _user(engine: Engine, name: str) -> Any:
    user = accounts.get_user(engine, name)
    assert user is not None
    return user


def _report(
    engine: Engine, pack: ContentPack, call: int, org: str, values: dict[str, Any], days: tuple[str, str, str],
    people: tuple[str, str],
) -> None:  # fmt: skip
    """A unit's report submitted, approved and accepted on the three days."""
    tpl = calls.template(engine, call, org)
    for item in tpl["items"]:
        item["value"] = values.get(item["id"])
    sub, appr = people
    submissions.submit(engine, pack, _user(engine, sub), call, org, tpl, now=_at(days[0]))
    submissions.review(engine, pack, _user(engine, appr), call, org, "approve", now=_at(days[1]))
    submissions.review(engine, pack, _user(engine, "coord"), call, org, "accept", now=_at(days[2]))


def task(status: str) -> dict[str, Any]:
    done = status in ("completed", "completed_late")
    return {"status": status, "note": "", "evidence": EVIDENCE if done else []}


@pytest.fixture
def loop(db_url: str) -> tuple[Engine, ContentPack]:
    """The history (vn-nq57, task group CP.I; MOST leads CP.1, CP.4, CP.8 and CP.11, all due by 30/06/2025; MOHA
    leads CP.5, CP.10 and CP.13, due by 30/06/2025 and 31/12/2025):

    - call 1 (2025-Q2): MOST accepted 10/07/2025 — CP.1 completed, CP.4 in progress, CP.8 completed late, CP.11
      not started; its leadership and CP.I results texts;
    - call 2 (2025): MOST accepted 10/01/2026 — CP.4 completed late, CP.11 in progress; new leadership text;
      MOHA accepted 12/01/2026 (CP.5, CP.10 completed) and reopened 14/01/2026, not accepted again;
      MOF accepted 20/01/2026, after the report date (a proposal).
    """
    return build_history(db_url)


def build_history(db_url: str) -> tuple[Engine, ContentPack]:
    """The history of :func:`loop` in a new store at ``db_url``."""
    engine = open_store(db_url)
    prepare(engine)
    for name, org, role in (("sub-moha", "MOHA", "submitter"), ("appr-moha", "MOHA", "approver")):
        accounts.create_user(engine, name, org_id=org, roles=[role], password=PASSWORD)
    pack = load_pack("vn-nq57")
    coord = _user(engine, "coord")
    first = calls.create_call(engine, pack, coord, title="Báo cáo 6 tháng đầu năm 2025", period="2025-Q2",
                              cutoff="2025-06-30", due="2025-07-15", units=MINISTRY, now=_at("2025-06-20"))  # fmt: skip
    second = calls.create_call(engine, pack, coord, title="Báo cáo năm 2025", period="2025", cutoff="2025-12-15",
                               due="2026-01-15", units=f"{MINISTRY},MOHA,MOF", now=_at("2025-12-01"))  # fmt: skip
    most = ("sub-most", "appr-most")
    _report(engine, pack, first, MINISTRY, {
        "CP.1": task("completed"), "CP.4": task("in_progress"), "CP.8": task("completed_late"),
        "CP.11": task("not_started"),
        "section.leadership": "Bộ đã ban hành Kế hoạch số 1/KH-BKHCN.",
        "section.results.CP.I": "Đã tổ chức 12 hội nghị phổ biến Nghị quyết.\n\nĐã phát hành 3 ấn phẩm.",
    }, ("2025-07-01", "2025-07-02", "2025-07-10"), most)  # fmt: skip
    _report(engine, pack, second, MINISTRY, {
        "CP.4": task("completed_late"), "CP.11": task("in_progress"),
        "section.leadership": "Bộ đã kiện toàn Ban Chỉ đạo của Bộ.",
        "section.limitations": "Một số nhiệm vụ còn chậm.",
        "section.causes_subjective": "Phân công chưa rõ người, rõ việc.",
        "section.lessons": "Bám sát tiến độ từng nhiệm vụ.",
        "section.directions": "Hoàn thành CP.11 trong quý I/2026.",
    }, ("2026-01-05", "2026-01-06", "2026-01-10"), most)  # fmt: skip
    _report(engine, pack, second, "MOHA", {
        "CP.5": task("completed"), "CP.10": task("completed"), "section.proposals": "Bổ sung biên chế.",
    }, ("2026-01-08", "2026-01-09", "2026-01-12"), ("sub-moha", "appr-moha"))  # fmt: skip
    submissions.review(engine, pack, coord, second, "MOHA", "reopen", reason="Sai số liệu", now=_at("2026-01-14"))
    _report(engine, pack, second, "MOF", {"section.proposals": "Bố trí vốn cho các nhiệm vụ."},
            ("2026-01-16", "2026-01-17", "2026-01-20"), ("sub-mof", "appr-mof"))  # fmt: skip
    return engine, pack


def _group(pack: ContentPack) -> list[Any]:
    return [g for g in pack.policy_groups if g.id == "CP.I"]


def test_task_statuses_and_counts_by_lead_body(loop: tuple[Engine, ContentPack]) -> None:
    engine, pack = loop
    tasks = task_status.statuses(engine, pack, DAY, _group(pack))
    got = {t.task_id: (t.status, t.overdue) for t in tasks}
    # the later MOST report replaces CP.4 and CP.11; CP.1 and CP.8 stand from the first; MOHA's reopened report
    # does not count, so its tasks are not reported
    assert {k: got[k] for k in ("CP.1", "CP.4", "CP.8", "CP.11", "CP.5", "CP.10", "CP.13")} == {
        "CP.1": ("completed", False), "CP.4": ("completed_late", False), "CP.8": ("completed_late", False),
        "CP.11": ("in_progress", True), "CP.5": ("not_reported", True), "CP.10": ("not_reported", True),
        "CP.13": ("not_reported", True),
    }  # fmt: skip
    rows, total = task_status.by_body(tasks)
    counts = dict(rows)
    most, moha = counts["MOST"], counts["MOHA"]
    assert (most.assigned, most.due, most.completed, most.completed_late, most.in_progress, most.not_started,
            most.not_reported, most.overdue, most.due_on_time) == (4, 4, 1, 2, 1, 0, 0, 1, 1)  # fmt: skip
    assert most.on_time_share == 0.25
    assert (moha.assigned, moha.due, moha.not_reported, moha.overdue, moha.on_time_share) == (3, 3, 3, 3, 0.0)
    # 13 tasks in CP.I; due by 15/01/2026: CP.1, 4, 5, 7, 8, 10, 11, 12, 13 = 9; on time: CP.1; late: CP.4, CP.8
    assert (total.assigned, total.due, total.due_on_time, total.completed_late, total.overdue) == (13, 9, 1, 2, 6)
    assert round(total.on_time_share or 0, 4) == round(1 / 9, 4)

    before = {t.task_id: t.status for t in task_status.statuses(engine, pack, dt.date(2025, 12, 31), _group(pack))}
    assert [before[k] for k in ("CP.1", "CP.4", "CP.8", "CP.11")] == [
        "completed", "in_progress", "completed_late", "not_started"
    ]  # fmt: skip


def test_material_as_of_the_report_date(loop: tuple[Engine, ContentPack]) -> None:
    engine, pack = loop
    now = sorted((m.org_id, m.section, m.accepted_on) for m in material(engine, pack, DAY))
    # MOST's latest report only (call 2); MOHA's was reopened; MOF's accepted after the report date
    assert now == [(MINISTRY, s, dt.date(2026, 1, 10)) for s in (
        "causes_subjective", "directions", "leadership", "lessons", "limitations")]  # fmt: skip
    earlier = sorted((m.section, m.text) for m in material(engine, pack, dt.date(2025, 12, 31)))
    assert earlier == [
        ("leadership", "Bộ đã ban hành Kế hoạch số 1/KH-BKHCN."),
        ("results.CP.I", "Đã tổ chức 12 hội nghị phổ biến Nghị quyết.\n\nĐã phát hành 3 ấn phẩm."),
    ]
    later = {(m.org_id, m.section) for m in material(engine, pack, dt.date(2026, 1, 25))}
    assert ("MOF", "proposals") in later and ("MOHA", "proposals") not in later


def _texts(doc: Any, section_id: str) -> list[str]:
    section = next(s for s in doc.sections if s.id == section_id)
    return [t for b in section.blocks for t in block_texts(b)]


def test_report_quotes_units_and_counts_tasks(loop: tuple[Engine, ContentPack]) -> None:
    engine, pack = loop
    vi = build_context(engine, pack, lang="vi", as_of=DAY, today=DAY)
    en = build_context(engine, pack, lang="en", as_of=DAY, today=DAY)
    most = "Bộ Khoa học và Công nghệ"
    said = f"Theo báo cáo của {most} (tiếp nhận ngày 10/01/2026): "
    one = _texts(vi, "sec-1")
    assert said + "Bộ đã kiện toàn Ban Chỉ đạo của Bộ." in one
    assert not any("Kế hoạch số 1/KH-BKHCN" in t for t in one)  # superseded by the unit's later report
    # vn-nq57: 140 tasks, 99 due before 15/01/2026; of those, CP.1 on time (1/99 ≈ 1%), CP.4 and CP.8 late, CP.11
    # reported in progress, 95 not reported: 96 due and not completed
    assert (
        "Theo báo cáo đã được tiếp nhận của các cơ quan, đến ngày 15/01/2026: trong 99 nhiệm vụ đã đến hạn, 1 nhiệm "
        "vụ hoàn thành đúng hạn (1%), 2 nhiệm vụ hoàn thành quá hạn, 96 nhiệm vụ đến hạn chưa hoàn thành (trong đó "
        "95 nhiệm vụ chưa được báo cáo); chi tiết theo cơ quan chủ trì tại bảng dưới đây." in one
    )
    assert said + "Một số nhiệm vụ còn chậm." in _texts(vi, "sec-3")
    four = _texts(vi, "sec-4")
    assert said + "Phân công chưa rõ người, rõ việc." in four and said + "Bám sát tiến độ từng nhiệm vụ." in four
    five = _texts(vi, "sec-5")
    assert said + "Hoàn thành CP.11 trong quý I/2026." in five
    assert five[1] == "Tập trung hoàn thành 96 nhiệm vụ đã đến hạn nhưng chưa hoàn thành (danh mục tại Phụ lục 2)."
    # task group CP.I (13 tasks): CP.1 on time, CP.4 and CP.8 late, CP.11 in progress, 9 not reported; due before
    # 15/01/2026 and not done: CP.5, 7, 10, 11, 12, 13
    assert (
        "Tình hình thực hiện 13 nhiệm vụ của nhóm (theo báo cáo đã được tiếp nhận): hoàn thành đúng hạn 1, hoàn "
        "thành quá hạn 2, đang thực hiện 1, chưa triển khai 0, chưa báo cáo 9; 6 nhiệm vụ đến hạn chưa hoàn thành."
        in _texts(vi, "sec-2")
    )
    six = _texts(vi, "sec-6")
    assert six == ["VI. ĐỀ XUẤT, KIẾN NGHỊ", "Chưa có đề xuất, kiến nghị nào được các cơ quan gửi."]
    assert (
        "According to the report of Ministry of Science and Technology, accepted on 10 Jan 2026: "
        "Bộ đã kiện toàn Ban Chỉ đạo của Bộ." in _texts(en, "sec-1")
    )
    section = next(s for s in vi.sections if s.id == "sec-1")
    table = next(b for b in section.walk() if isinstance(b, Table) and b.role == "task-stats")
    cells = {plain(r.cells[0]): [plain(c) for c in r.cells[1:]] for r in table.rows}
    led = [t for g in pack.policy_groups for t in g.tasks if "MOST" in t.leads]
    due = [t for t in led if (end := task_status.task_due(t)) is not None and end < DAY]
    assert (len(led), len(due)) == (49, 37)
    # led, due, on time, late, in progress, not started, not reported (49 - 4), due and not done (37 - 3), 1/37
    assert cells[most] == ["49", "37", "1", "2", "1", "0", "45", "34", "3%"]
    assert [b for b in section.blocks if isinstance(b, Para) and b.role == "material"]
    # a collective body: how many of its member units reported (none of the 34 provinces did)
    localities = next(k for k in cells if k.startswith("Ủy ban nhân dân các tỉnh"))
    assert localities.endswith("(0/34 đơn vị đã báo cáo)")

    later = build_context(engine, pack, lang="vi", as_of=dt.date(2026, 1, 25), today=dt.date(2026, 1, 25))
    assert (
        "Theo báo cáo của Bộ Tài chính (tiếp nhận ngày 20/01/2026): Bố trí vốn cho các nhiệm vụ."
        in _texts(later, "sec-6")
    )


def test_annexes_show_reported_status_and_tasks_due_not_completed(loop: tuple[Engine, ContentPack]) -> None:
    engine, pack = loop
    vi = build_context(engine, pack, lang="vi", as_of=DAY, today=DAY)
    annex = next(s for s in vi.sections if s.id == "annexes")
    tables = [b for b in annex.walk() if isinstance(b, Table)]
    first = next(t for t in tables if t.role == "tasks" and t.caption.startswith(pack.policy_groups[0].title_vi))
    status = {plain(r.cells[1])[:40]: plain(r.cells[4]) for r in first.rows}
    cp = {t.id: t.quote_vi[:40] for t in pack.policy_groups[0].tasks}
    assert status[cp["CP.11"]] == "Đang thực hiện — quá hạn\n10/01/2026"
    assert status[cp["CP.1"]] == "Đã hoàn thành\n10/07/2025"
    assert status[cp["CP.5"]] == "Chưa báo cáo — quá hạn"
    due = next(t for t in tables if t.role == "overdue")
    rows = [(plain(r.cells[1]), plain(r.cells[2])[:40], plain(r.cells[4])) for r in due.rows]
    most = [(task, st) for who, task, st in rows if who == "Bộ Khoa học và Công nghệ"]
    moha = [(task, st) for who, task, st in rows if who == "Bộ Nội vụ"]
    # MOST: 34 due and not completed (37 due − CP.1 on time − CP.4, CP.8 late), CP.11 in progress, the rest silent
    assert len(most) == 34 and (cp["CP.11"], "Đang thực hiện") in most and cp["CP.1"] not in dict(most)
    assert (cp["CP.5"], "Chưa báo cáo") in moha and (cp["CP.10"], "Chưa báo cáo") in moha


def test_assess_tasks_gives_the_reported_status(
    loop: tuple[Engine, ContentPack], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from typer.testing import CliRunner

    from dxtrack.cli.main import app

    monkeypatch.setenv("DXTRACK_DB", db_url)
    result = CliRunner().invoke(app, ["--pack", "vn-nq57", "assess", "--tasks", "--as-of", "2026-01-15",
                                      "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    got = {t["task"]: t for t in doc["tasks"]}
    assert doc["as_of"] == "2026-01-15" and len(got) == 140
    assert (got["CP.11"]["status"], got["CP.11"]["overdue"], got["CP.11"]["due"]) == ("in_progress", True, "2025-06-30")
    assert got["CP.4"]["leads"] == [{"body": "MOST", "status": "completed_late", "reported_on": "2026-01-10"}]
    assert (got["CP.5"]["status"], got["CP.13"]["overdue"]) == ("not_reported", True)
    table = CliRunner().invoke(app, ["--pack", "vn-nq57", "assess", "--tasks", "--as-of", "2026-01-15"])
    assert table.exit_code == 0 and "Đang thực hiện — quá hạn" in table.output


def test_a_reopened_report_counts_again_once_a_new_revision_is_accepted(loop: tuple[Engine, ContentPack]) -> None:
    engine, pack = loop
    values = {"CP.5": task("completed"), "CP.10": task("in_progress"), "section.proposals": "Bổ sung biên chế (sửa)."}
    _report(engine, pack, 2, "MOHA", values, ("2026-01-14", "2026-01-14", "2026-01-15"), ("sub-moha", "appr-moha"))
    said = {(m.org_id, m.section): m.text for m in material(engine, pack, DAY)}
    assert said[("MOHA", "proposals")] == "Bổ sung biên chế (sửa)."
    got = {t.task_id: t.status for t in task_status.statuses(engine, pack, DAY, _group(pack))}
    assert (got["CP.5"], got["CP.10"], got["CP.13"]) == ("completed", "in_progress", "not_reported")
    # the day before the new revision was accepted, the reopened report still does not count
    before = {(m.org_id, m.section) for m in material(engine, pack, dt.date(2026, 1, 14))}
    assert ("MOHA", "proposals") not in before


def test_overdue_page_counts_agree_with_the_report(loop: tuple[Engine, ContentPack]) -> None:
    from dxtrack.services.overdue import overdue_by_body

    engine, pack = loop
    doc = overdue_by_body(engine, pack, DAY)
    bodies = {b["body"]: b for b in doc["bodies"]}
    # MOST: 37 due, CP.1 on time, CP.4 and CP.8 late, 34 not done; MOHA's reopened report does not count
    assert [bodies["MOST"][k] for k in ("due", "on_time", "late", "not_done")] == [37, 1, 2, 34]
    assert [bodies["MOHA"][k] for k in ("due", "on_time", "not_done")] == [7, 0, 7]
    assert (doc["total"]["due"], doc["total"]["on_time"], doc["total"]["late"], doc["total"]["not_done"]) == (
        99, 1, 2, 96)  # fmt: skip
    cp5 = next(t for t in doc["overdue"] if t["task"] == "CP.5")
    assert (cp5["status"], cp5["reported_by"]) == (None, None)
