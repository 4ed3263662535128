"""Calls: collective bodies of a pack ("các bộ, ngành", "các tỉnh, thành phố") resolve to organisations on a date, so a
call gives every ministry and province the tasks their collective body leads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxtrack.catalog import load_pack
from dxtrack.cli.main import error_line
from dxtrack.domain.accounts import User
from dxtrack.errors import CodedError, DxtrackError
from dxtrack.services import calls, submissions
from dxtrack.services.accounts import get_user
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from tests.loop_support import PROVINCE, prepare


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    path: Path = tmp_path_factory.mktemp("bodies") / "loop.db"
    engine = open_store(f"sqlite:///{path}")
    prepare(engine)
    return engine


def test_collective_bodies_follow_the_merger(engine: Engine) -> None:
    pack = load_pack("vn-nq57")
    after = calls.body_orgs(engine, pack, dt.date(2025, 12, 15))
    before = calls.body_orgs(engine, pack, dt.date(2025, 1, 15))  # before both mergers
    assert len(after["LOCALITIES"]) == 34 and all(o.startswith("VN34_") for o in after["LOCALITIES"])
    assert len(before["LOCALITIES"]) == 63 and PROVINCE not in before["LOCALITIES"]
    ministries = set(after["MINISTRIES"])
    assert {"MOST", "MOF", "MAE", "SBV", "VTV"} <= ministries  # ministries and Government agencies
    assert not {"MIC", "MPI", "NSO", "CENTRAL"} & ministries  # merged away; a ministry's department; the centre
    assert {"MIC", "MPI"} <= set(before["MINISTRIES"]) and "MAE" not in before["MINISTRIES"]
    assert after["MOST"] == ("MOST",)  # a body naming one organisation
    assert "ENTERPRISES" not in after  # a collective body that stands for no reporting unit


def coordinator(engine: Engine) -> User:
    user = get_user(engine, "coord")
    assert user is not None
    return user


def test_a_province_reports_on_the_tasks_of_the_localities(engine: Engine) -> None:
    pack = load_pack("vn-nq57")
    call = calls.create_call(engine, pack, coordinator(engine), title="Sáu tháng đầu năm 2025",
                             period="2025", cutoff="2025-12-15", due="2026-01-15", units=f"{PROVINCE},MOF")  # fmt: skip
    tasks = {i["id"]: i for i in calls.template(engine, call, PROVINCE)["items"] if i["kind"] == "task"}
    # Annex II of Resolution 03/NQ-CP, row 6: "Cụ thể hóa nhiệm vụ chuyển đổi số, ... kế hoạch công tác hằng năm
    # của cơ quan, tổ chức, đơn vị." | chủ trì: "Các bộ, ngành, địa phương" | Thường xuyên
    assert tasks["CP.6"]["label"].startswith("Cụ thể hóa nhiệm vụ chuyển đổi số")
    assert tasks["CP.6"]["rules"]["role"] == "lead"
    # row 2: chủ trì "VTV, VOV, TTXVN, các địa phương"
    assert tasks["CP.2"]["rules"]["role"] == "lead"
    mof = {i["id"] for i in calls.template(engine, call, "MOF")["items"] if i["kind"] == "task"}
    assert "CP.6" in mof and "CP.2" not in mof  # a ministry: "các bộ, ngành" yes, "các địa phương" no


def test_a_half_year_call(engine: Engine) -> None:
    pack = load_pack("vn-nq57")
    call = calls.create_call(engine, pack, coordinator(engine), title="Báo cáo 6 tháng đầu năm 2025",
                             period="2025-H1", cutoff="2025-06-10", due="2025-06-15", units=PROVINCE)  # fmt: skip
    row = calls.get_call(engine, call)
    assert (row["period"], row["period_start"], row["period_end"]) == (
        "2025-H1",
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )
    with pytest.raises(DxtrackError) as err:
        calls.create_call(engine, pack, coordinator(engine), title="x", period="2025-H3", cutoff="2025-06-10",
                          due="2025-06-15", units=PROVINCE)  # fmt: skip
    assert str(err.value) == "--period: '2025-H3' is not a period; a half-year is written 2024-H1 or 2024-H2"


def test_loop_errors_in_the_language_of_the_cli(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load_pack("vn-nq57")
    with pytest.raises(CodedError) as err:
        submissions.review(engine, pack, coordinator(engine), 1, PROVINCE, "return", reason=" ")
    monkeypatch.delenv("DXTRACK_LANG", raising=False)
    assert error_line(err.value) == "cần --reason (lý do) để trả lại một báo cáo"
    monkeypatch.setenv("DXTRACK_LANG", "en")
    assert error_line(err.value) == "--reason is required to return a submission"
    with pytest.raises(CodedError) as err:
        submissions.review(engine, pack, coordinator(engine), 1, PROVINCE, "accept")
    assert err.value.text("vi") == f"đợt 1, đơn vị {PROVINCE} đang ở trạng thái chưa gửi; không thể tiếp nhận"
    assert str(err.value) == f"call 1, organisation {PROVINCE} is not_submitted; cannot accept it"
