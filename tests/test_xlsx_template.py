"""The Excel template of a data call: write → fill by hand (openpyxl) → read gives the expected JSON; tampered,
foreign and non-xlsx files are refused with one line naming the sheet and cell."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from dxtrack.interop.xlsx_template import HIDDEN, TemplateError, checksum, read_template, structure, write_template
from dxtrack.present.errors import AppError

TEMPLATE: dict[str, Any] = {
    "call": 7,
    "org": "MOST",
    "meta": {
        "title": "Báo cáo 6 tháng đầu năm 2026 về thực hiện Nghị quyết 57-NQ/TW",
        "pack": "vn-nq57",
        "period": "2026-H1",
        "cutoff": "2026-06-15",
        "due": "2026-06-30",
        "org_name": "Bộ Khoa học và Công nghệ",
        "template_version": "7.1",
    },
    "items": [
        {
            "id": "SHARE_5G",
            "kind": "indicator",
            "label": "Tỷ lệ dân số được phủ sóng 5G",
            "unit": "%",
            "rules": {"min": 0, "max": 100, "required": True},
            "value": None,
        },
        {
            "id": "COMMUNES_BB",
            "kind": "indicator",
            "label": "Số xã có băng rộng cố định",
            "unit": "xã",
            "rules": {"min": 0, "integer": True},
            "value": None,
        },
        {
            "id": "T12",
            "kind": "task",
            "label": "Xây dựng Luật Công nghiệp công nghệ số",
            "unit": None,
            "rules": {
                "statuses": ["not_started", "in_progress", "completed", "completed_late", "not_due"],
                "evidence_required_for": ["completed", "completed_late"],
            },
            "value": None,
        },
        {"id": "T13", "kind": "task", "label": "Ban hành chiến lược dữ liệu", "unit": None, "rules": {}, "value": None},
        {
            "id": "S_LIMITS",
            "kind": "section",
            "label": "Hạn chế, bất cập",
            "unit": None,
            "rules": {"required": True},
            "value": None,
        },
    ],
}
FIRST = 10  # first item row


def _write(tmp_path: Path, lang: str = "vi", template: dict[str, Any] | None = None) -> Path:
    return write_template(template or TEMPLATE, tmp_path / "mau.xlsx", lang=lang)


def _fill(path: Path, cells: dict[str, object]) -> None:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)


def test_round_trip_fills_each_kind(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _fill(
        path,
        {
            f"F{FIRST}": 87.5,
            f"F{FIRST + 1}": "1 234",  # typed as text with a thousands space
            f"F{FIRST + 2}": "Hoàn thành quá hạn",
            f"G{FIRST + 2}": "Trình Quốc hội kỳ họp thứ 8",
            f"H{FIRST + 2}": "Luật số 71/2025/QH15 ngày 14/6/2025",
            f"I{FIRST + 2}": "luat71.pdf\nhttps://example.gov.vn/luat71 ; to-trinh.docx",
            f"F{FIRST + 4}": "  Thiếu nhân lực số.  ",
        },
    )
    got = read_template(path)
    expected = copy.deepcopy(TEMPLATE)
    values: list[Any] = [
        87.5,
        1234,
        {
            "status": "completed_late",
            "note": "Trình Quốc hội kỳ họp thứ 8",
            "product": "Luật số 71/2025/QH15 ngày 14/6/2025",
            "evidence": ["luat71.pdf", "https://example.gov.vn/luat71", "to-trinh.docx"],
        },
        None,
        "Thiếu nhân lực số.",
    ]
    for item, value in zip(expected["items"], values, strict=True):
        item["value"] = value
    assert got == expected
    assert json.loads(json.dumps(got)) == got  # plain JSON


def test_empty_template_reads_back_all_null(tmp_path: Path) -> None:
    assert read_template(_write(tmp_path)) == TEMPLATE


def test_status_in_english_or_code_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, lang="en")
    _fill(path, {f"F{FIRST + 2}": "Completed", f"F{FIRST + 3}": "not_due"})
    items = read_template(path)["items"]
    assert items[2]["value"] == {"status": "completed", "note": None, "product": None, "evidence": []}
    assert items[3]["value"]["status"] == "not_due"


def test_sheet_is_vietnamese_locked_and_validated(tmp_path: Path) -> None:
    wb = load_workbook(_write(tmp_path))
    ws = wb.worksheets[0]
    assert ws.title == "Báo cáo"
    assert ws["A1"].value == TEMPLATE["meta"]["title"]
    assert ws["C2"].value == "Bộ Khoa học và Công nghệ (MOST)"
    assert ws["A3"].value == "Kỳ báo cáo" and ws["C3"].value == "2026-H1"
    assert ws["A4"].value == "Ngày chốt số liệu" and ws["C4"].value == dt.datetime(2026, 6, 15)
    assert ws["A5"].value == "Hạn gửi báo cáo" and ws["C5"].value == dt.datetime(2026, 6, 30)
    assert [ws[f"{c}9"].value for c in "ABCD"] == ["Mã", "Loại", "Nội dung", "Đơn vị tính"]
    assert [ws[f"B{FIRST + i}"].value for i in range(5)] == [
        "Chỉ số",
        "Chỉ số",
        "Nhiệm vụ",
        "Nhiệm vụ",
        "Nội dung báo cáo",
    ]
    assert ws[f"E{FIRST}"].value == "Số; từ 0 đến 100; bắt buộc"
    assert ws[f"E{FIRST + 1}"].value == "Số nguyên; không nhỏ hơn 0"
    assert ws[f"E{FIRST + 2}"].value == (
        "Chọn tình trạng trong danh sách; cần minh chứng khi: Đã hoàn thành, Hoàn thành quá hạn"
    )
    assert ws.protection.sheet is True
    # only the cells to fill are unlocked: value+method+source+collection for indicators, value for sections,
    # value+note+product+evidence for tasks
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    task_cells = {f"{c}{FIRST + r}" for c in "FGHI" for r in (2, 3)}
    indicator_cells = {f"{c}{FIRST + r}" for c in "FJKL" for r in (0, 1)}
    assert unlocked == indicator_cells | {f"F{FIRST + 4}"} | task_cells
    assert [ws[f"{c}9"].value for c in "JKL"] == [
        "Ghi chú phương pháp tính (chỉ số)",
        "Nguồn số liệu (chỉ số)",
        "Cách thu thập (chỉ số)",
    ]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    status = rules[f"F{FIRST + 2} F{FIRST + 3}"]
    assert status.type == "list"
    assert status.formula1 == '"Chưa triển khai,Đang thực hiện,Đã hoàn thành,Hoàn thành quá hạn,Chưa đến hạn"'
    collection = rules[f"L{FIRST} L{FIRST + 1}"]
    assert (collection.type, collection.formula1) == ("list", '"Đo tự động từ hệ thống,Đơn vị tự báo cáo"')
    share = rules[f"F{FIRST}"]
    assert (share.type, share.operator, share.formula1, share.formula2) == ("decimal", "between", "0", "100")
    count = rules[f"F{FIRST + 1}"]
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    hidden = wb[HIDDEN]
    assert hidden.sheet_state == "veryHidden"
    assert hidden["B2"].value == 7 and hidden["B3"].value == "MOST" and hidden["B4"].value == "7.1"
    assert hidden["B6"].value == checksum(7, "MOST", "7.1", structure(TEMPLATE))


def test_english_sheet_keeps_vietnamese_item_labels(tmp_path: Path) -> None:
    ws = load_workbook(_write(tmp_path, lang="en")).worksheets[0]
    assert ws.title == "Report"
    assert ws["A4"].value == "Data cut-off date"
    assert ws[f"B{FIRST}"].value == "Indicator"
    assert ws[f"C{FIRST}"].value == "Tỷ lệ dân số được phủ sóng 5G"
    assert ws[f"E{FIRST}"].value == "Number; 0 to 100; required"
    assert ws[f"E{FIRST + 4}"].value == "Text; required"


def _refused(path: Path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        read_template(path)
    err = caught.value
    # the catalogue has the entry, in both languages, and its English line is the exception's own
    assert AppError(err.code, err.params).message("en") == str(err)
    assert "\n" not in str(err) and "\n" not in AppError(err.code, err.params).message("vi")
    return err


def test_edited_id_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _fill(path, {f"A{FIRST + 1}": "COMMUNES_X"})
    err = _refused(path)
    assert err.code == "template_tampered"
    assert str(err) == (
        "mau.xlsx, sheet 'Báo cáo', cell A11: the template's structure was changed (expected 'COMMUNES_BB', "
        "found 'COMMUNES_X'); download a new one"
    )


def test_moved_rows_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    ws.move_range(f"A{FIRST}:I{FIRST + 4}", rows=1)  # a row inserted above the items
    wb.save(path)
    err = _refused(path)
    assert (err.code, err.params["cell"], err.params["expected"]) == ("template_tampered", "A10", "SHARE_5G")


def test_row_added_below_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _fill(path, {f"A{FIRST + 5}": "EXTRA"})
    err = _refused(path)
    assert (err.code, err.params["cell"]) == ("template_tampered", "A15")


def test_hidden_structure_edited_fails_the_checksum(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = load_workbook(path)
    wb[HIDDEN]["E11"] = json.dumps({"min": 0, "max": 1000})  # loosened rule
    wb.save(path)
    err = _refused(path)
    assert err.code == "template_checksum"
    assert err.params == {"file": "mau.xlsx", "sheet": "_dxtrack", "cell": "B6"}


def test_other_unit_in_hidden_sheet_fails_the_checksum(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wb = load_workbook(path)
    wb[HIDDEN]["B3"] = "MOF"
    wb.save(path)
    assert _refused(path).code == "template_checksum"


def test_foreign_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Mẫu của đơn vị khác"  # type: ignore[index]
    wb.save(path)
    err = _refused(path)
    assert str(err) == "other.xlsx: no hidden sheet '_dxtrack'; this is not a report template made by dxtrack"
    assert AppError(err.code, err.params).message("vi") == (
        "other.xlsx: không có trang ẩn '_dxtrack'; đây không phải mẫu báo cáo do dxtrack tạo"
    )


def test_not_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    path.write_text("id,value\nSHARE_5G,80\n", encoding="utf-8")
    err = _refused(path)
    assert err.code == "template_not_xlsx" and err.params["file"] == "bao-cao.xlsx"


def test_text_in_a_number_cell_names_the_cell(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _fill(path, {f"F{FIRST}": "khoảng 80"})
    err = _refused(path)
    assert str(err) == "mau.xlsx, sheet 'Báo cáo', cell F10: 'khoảng 80' is not a number (item SHARE_5G)"
    assert AppError(err.code, err.params).message("vi") == (
        "mau.xlsx, trang 'Báo cáo', ô F10: 'khoảng 80' không phải là số (mục SHARE_5G)"
    )


def test_unknown_status_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path)
    _fill(path, {f"F{FIRST + 3}": "Xong"})
    err = _refused(path)
    assert (err.code, err.params["cell"], err.params["value"]) == ("template_bad_status", "F13", "Xong")
    assert err.params["choices"].startswith("Chưa triển khai, Đang thực hiện")
