"""An indicator reported with its method note, source and collection: JSON → submission → observation keeps them,
and the Excel template's extra columns give the same submission as the JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxtrack.domain.reported_value import from_comment
from dxtrack.interop.xlsx_template import HIDDEN, read_template
from dxtrack.store import Engine
from dxtrack.store import repository as repo
from dxtrack.web.loop.forms import payload, show_number
from tests.loop_support import MINISTRY, cli_store
from tests.test_loop_flow import create_call, dx, fill, submit, template

FIVE_G = {"value": 26.5, "method": "Dân số trong vùng phủ sóng 5G chia cho tổng dân số", "source": "Cục Viễn thông",
          "collection": "automatic"}  # fmt: skip


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    return cli_store(db_url, monkeypatch)


def test_metadata_reaches_the_published_observation(engine: Engine, tmp_path: Path) -> None:
    call = create_call()
    values = {"MOBILE_5G_POP_COVERAGE": FIVE_G, "EGDI_RANK": 71,
              "DE_SHARE_GDP": {"value": 18.3, "collection": "self_reported"}}  # fmt: skip
    code, out = submit(tmp_path, call, fill(template(tmp_path, call), values, {"EGDI_RANK": "Theo UN 2024"}))
    assert code == 0 and "revision 1" in out, out
    assert dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "appr-most")[0] == 0
    assert dx("review", str(call), "--org", MINISTRY, "--accept", "--as", "coord")[0] == 0
    obs = repo.read_observations(engine, indicators=["MOBILE_5G_POP_COVERAGE", "EGDI_RANK", "DE_SHARE_GDP"])
    got = {r.indicator: (r.value, from_comment(r.comment)) for r in obs.itertuples()}
    assert got == {
        "MOBILE_5G_POP_COVERAGE": (26.5, ({"method": FIVE_G["method"], "source": "Cục Viễn thông",
                                           "collection": "automatic"}, None)),
        "EGDI_RANK": (71.0, ({}, "Theo UN 2024")),  # a plain number keeps the unit's comment as it is
        "DE_SHARE_GDP": (18.3, ({"collection": "self_reported"}, None)),
    }  # fmt: skip


def test_excel_metadata_columns_round_trip(engine: Engine, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    call = create_call()
    xlsx = tmp_path / "most.xlsx"
    code, out = dx("call", "template", str(call), "--org", MINISTRY, "--format", "xlsx", "--out", str(xlsx))
    assert code == 0, out
    ids = [i["id"] for i in template(tmp_path, call)["items"]]
    row = {item_id: 10 + i for i, item_id in enumerate(ids)}
    wb = load_workbook(xlsx)
    ws = wb.worksheets[0]
    assert [ws[f"{c}9"].value for c in "JKL"] == [
        "Ghi chú phương pháp tính (chỉ số)", "Nguồn số liệu (chỉ số)", "Cách thu thập (chỉ số)"
    ]  # fmt: skip
    r = row["MOBILE_5G_POP_COVERAGE"]
    assert not ws[f"L{r}"].protection.locked and ws[f"L{row['CP.1']}"].protection.locked
    (choices,) = [dv for dv in ws.data_validations.dataValidation if f"L{r}" in dv.sqref]
    assert choices.formula1 == '"Đo tự động từ hệ thống,Đơn vị tự báo cáo"'
    ws[f"F{r}"] = 26.5
    ws[f"J{r}"] = FIVE_G["method"]
    ws[f"K{r}"] = FIVE_G["source"]
    ws[f"L{r}"] = "Đo tự động từ hệ thống"
    ws[f"F{row['EGDI_RANK']}"] = 71
    wb.save(xlsx)
    items = {i["id"]: i["value"] for i in read_template(xlsx)["items"]}
    assert (items["MOBILE_5G_POP_COVERAGE"], items["EGDI_RANK"]) == (FIVE_G, 71)
    code, out = dx("submit", str(call), "--org", MINISTRY, "--file", str(xlsx), "--as", "sub-most")
    assert code == 0 and "revision 1" in out, out
    values = {"MOBILE_5G_POP_COVERAGE": FIVE_G, "EGDI_RANK": 71}
    code, out = submit(tmp_path, call, fill(template(tmp_path, call), values))
    assert code == 0 and "already has this content" in out, out

    # a collection that is not on the list is refused, naming the cell
    ws[f"L{r}"] = "đoán"
    wb.save(xlsx)
    code, out = dx("submit", str(call), "--org", MINISTRY, "--file", str(xlsx), "--as", "sub-most")
    assert code == 1 and f"L{r}" in out and "'đoán'" in out, out
    # a file of template format 1 (before these columns) is still read: its indicators are plain numbers
    ws[f"L{r}"], ws[f"J{r}"], ws[f"K{r}"] = None, None, None
    wb[HIDDEN]["B1"] = "dxtrack-template/1"
    wb.save(xlsx)
    assert {i["id"]: i["value"] for i in read_template(xlsx)["items"]}["MOBILE_5G_POP_COVERAGE"] == 26.5


def test_web_form_fields() -> None:
    tpl = {"call": 1, "org": "X", "items": [{"id": "A", "kind": "indicator", "rules": {}},
                                            {"id": "B", "kind": "indicator", "rules": {}}]}  # fmt: skip
    form = {"v:A": "26,5", "m:A": "Đo từ hệ thống", "o:A": "Cục Viễn thông", "k:A": "automatic", "v:B": "3"}
    got = {i["id"]: i["value"] for i in payload(tpl, form, "vi")["items"]}
    assert got == {"A": {"value": 26.5, "method": "Đo từ hệ thống", "source": "Cục Viễn thông",
                         "collection": "automatic"}, "B": 3}  # fmt: skip
    assert show_number(got["A"], "vi") == "26,5"


def test_a_page_shows_the_method_and_whether_self_reported() -> None:
    from dxtrack.domain.reported_value import observation_comment
    from dxtrack.present.reported import comment_text

    stored = observation_comment({"value": 18.3, "collection": "self_reported", "method": "Theo Nghị định 94"}, "x")
    assert comment_text(stored, "vi") == "Đơn vị tự báo cáo · Phương pháp: Theo Nghị định 94 · x"
    assert comment_text(stored, "en") == "Self-reported · Method: Theo Nghị định 94 · x"
    assert comment_text("figure F1; bản gốc", "vi") == "figure F1; bản gốc"  # a free-text comment as it is
    assert comment_text(None, "en") == ""


def test_api_observation_says_how_it_was_reported() -> None:
    import datetime as dt

    from dxtrack.domain.reported_value import observation_comment
    from dxtrack.web.api.v1.common import observation_out

    row = {"id": 1, "indicator": "MOBILE_5G_POP_COVERAGE", "area": "VNM", "period": "2025",
           "period_start": dt.date(2025, 1, 1), "period_end": dt.date(2025, 12, 31), "disaggregation": "",
           "value": 26.5, "unit": "% of population", "status": "published", "published_on": dt.date(2026, 1, 20),
           "recorded_at": dt.datetime(2026, 1, 20, 3, 0, tzinfo=dt.UTC), "supersedes": None,
           "comment": observation_comment(FIVE_G, None), "source_id": "call:1:MOST:r1"}  # fmt: skip
    out = observation_out(row)
    assert out.reported == {"method": FIVE_G["method"], "source": "Cục Viễn thông", "collection": "automatic"}
    assert observation_out({**row, "comment": "Theo UN 2024"}).reported is None
