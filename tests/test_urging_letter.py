"""The urging letter (công văn đôn đốc): Decree 30 layout and exactly what each late unit still owes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from dxtrack.reports.urging_letter import write_urging_letter

REMIND: dict[str, Any] = {
    "call": 7,
    "title": "Báo cáo 6 tháng đầu năm 2026 về thực hiện Nghị quyết 57-NQ/TW",
    "due": "2026-06-30",
    "as_of": "2026-07-03",
    "late": [
        {
            "org": "MOF",
            "org_name": "Bộ Tài chính",
            "state": "not_submitted",
            "late": True,
            "owes": [
                {"id": "SHARE_5G", "kind": "indicator", "label": "Tỷ lệ dân số được phủ sóng 5G"},
                {"id": "T12", "kind": "task", "label": "Xây dựng Luật Công nghiệp công nghệ số"},
                {"id": "S_LIMITS", "kind": "section", "label": "Hạn chế, bất cập"},
            ],
        },
        {
            "org": "VN34_01",
            "org_name": "Thành phố Hà Nội",
            "state": "returned",
            "late": True,
            "owes": [{"id": "COMMUNES_BB", "kind": "indicator", "label": "Số xã có băng rộng cố định"}],
        },
    ],
}


def _doc(tmp_path: Path, lang: str = "vi", remind: dict[str, Any] | None = None) -> Any:
    issuer = "Bộ Khoa học và Công nghệ" if lang == "vi" else "Ministry of Science and Technology"
    path = write_urging_letter(remind or REMIND, tmp_path / "cv.docx", issuer_name=issuer, lang=lang)  # type: ignore[arg-type]
    return Document(str(path))


def test_header_is_the_decree_30_block(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    left, right = doc.tables[0].rows[0].cells
    assert left.text.split("\n") == [
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ",  # 12 pt bold: one line in its 7.6 cm column
        "————",
        "Số: …/…",
        "V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2026 về thực hiện Nghị quyết 57-NQ/TW",
    ]
    lines = right.text.split("\n")
    assert lines[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert lines[-1] == "……, ngày … tháng … năm 20…"
    runs = right.paragraphs[0].runs
    assert runs[0].bold and runs[0].font.size == Pt(12) and runs[1].bold and runs[1].font.size == Pt(13)
    assert runs[-1].italic
    assert left.paragraphs[0].runs[0].bold and left.paragraphs[0].runs[0].font.size == Pt(12)
    grid = doc.tables[0]._tbl.tblGrid
    assert [round(int(c.get(qn("w:w"))) / 567, 1) for c in grid.findall(qn("w:gridCol"))] == [7.6, 9.4]  # cm
    assert [round(c.width.cm, 1) for c in doc.tables[0].rows[0].cells] == [7.6, 9.4]
    assert right.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_body_lists_exactly_what_each_unit_owes(tmp_path: Path) -> None:
    texts = [p.text for p in _doc(tmp_path).paragraphs if p.text]
    start = texts.index("Kính gửi:")
    assert texts[start : start + 3] == ["Kính gửi:", "- Bộ Tài chính;", "- Thành phố Hà Nội."]
    assert texts[start + 3] == (
        "Thực hiện đợt báo cáo “Báo cáo 6 tháng đầu năm 2026 về thực hiện Nghị quyết 57-NQ/TW” (mã đợt báo cáo: 7), "
        "các cơ quan, đơn vị được đề nghị gửi báo cáo trước ngày 30/06/2026. Đến ngày 03/07/2026, các cơ quan, "
        "đơn vị dưới đây chưa hoàn thành việc gửi báo cáo theo yêu cầu:"
    )
    assert texts[start + 4 : start + 8] == [
        "1. Bộ Tài chính: chưa gửi báo cáo; còn thiếu 3 nội dung (chi tiết tại mục 1 Phụ lục kèm theo).",
        "2. Thành phố Hà Nội: báo cáo bị trả lại, chưa gửi lại; còn thiếu 1 nội dung (chi tiết tại mục 2 Phụ lục "
        "kèm theo).",
        "Bộ Khoa học và Công nghệ đề nghị các cơ quan, đơn vị nêu trên khẩn trương hoàn thành và gửi báo cáo đầy đủ "
        "chậm nhất ngày …/…/20… để tổng hợp, báo cáo cấp có thẩm quyền.",  # the new deadline, for the coordinator
        "Trân trọng./.",
    ]


def test_annex_lists_exactly_what_each_unit_owes_one_table_each(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    texts = [p.text for p in doc.paragraphs if p.text]
    start = texts.index("Phụ lục")
    assert texts[start:] == [
        "Phụ lục",
        "NỘI DUNG BÁO CÁO CÒN THIẾU CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        "(Kèm theo Công văn số …/… ngày … tháng … năm 20… của Bộ Khoa học và Công nghệ)",
        "1. Bộ Tài chính: chưa gửi báo cáo, còn thiếu 3 nội dung",
        "2. Thành phố Hà Nội: báo cáo bị trả lại, chưa gửi lại, còn thiếu 1 nội dung",
    ]
    assert len(doc.tables) == 4  # header, closing, one table per unit
    rows = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables[2:]]
    assert rows[0] == [
        ["TT", "Loại", "Nội dung còn thiếu"],
        ["1", "Chỉ số", "Tỷ lệ dân số được phủ sóng 5G (mã: SHARE_5G)"],
        ["2", "Nhiệm vụ", "Xây dựng Luật Công nghiệp công nghệ số (mã: T12)"],
        ["3", "Nội dung báo cáo", "Hạn chế, bất cập"],  # a section has no code to show
    ]
    assert rows[1] == [
        ["TT", "Loại", "Nội dung còn thiếu"],
        ["1", "Chỉ số", "Số xã có băng rộng cố định (mã: COMMUNES_BB)"],
    ]
    header = doc.tables[2].rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # repeats on every page
    breaks = [p for p in doc.paragraphs if "w:br" in p._p.xml and 'w:type="page"' in p._p.xml]
    assert len(breaks) == 1  # the annex starts on a page of its own


def test_a_label_ending_in_a_full_stop_is_not_punctuated_twice(tmp_path: Path) -> None:
    late = [{**REMIND["late"][1], "owes": [{"id": "CP.1", "kind": "task", "label": "Ban hành kế hoạch."}]}]
    doc = _doc(tmp_path, remind={**REMIND, "late": late})
    assert doc.tables[2].rows[1].cells[2].text == "Ban hành kế hoạch (mã: CP.1)"


def test_one_addressee_on_one_line(tmp_path: Path) -> None:
    remind = {**REMIND, "late": REMIND["late"][1:]}
    texts = [p.text for p in _doc(tmp_path, remind=remind).paragraphs if p.text]
    assert "Kính gửi: Thành phố Hà Nội." in texts
    assert not any(t.startswith("1. Bộ Tài chính") for t in texts)


def test_closing_has_recipients_and_signature_placeholders(tmp_path: Path) -> None:
    left, right = _doc(tmp_path).tables[1].rows[0].cells
    assert left.text.split("\n") == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, …."]
    assert left.paragraphs[0].runs[0].bold and left.paragraphs[0].runs[0].italic
    assert right.text.split("\n")[0] == "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"
    assert right.text.split("\n")[-1] == "Họ và tên"


def test_page_and_fonts(tmp_path: Path) -> None:
    doc = _doc(tmp_path)
    section = doc.sections[0]
    page = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(v.mm) for v in page] == [210, 297]  # A4 (Word stores twips)
    assert [round(v.mm) for v in margins] == [20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    sizes = {r.font.size for t in doc.tables for c in t.rows[0].cells for r in c.paragraphs[0].runs}
    assert sizes <= {Pt(11), Pt(12), Pt(13), Pt(14)}
    assert doc.core_properties.language == "vi"


def test_english_variant(tmp_path: Path) -> None:
    doc = _doc(tmp_path, lang="en")
    left, right = doc.tables[0].rows[0].cells
    assert left.text.split("\n")[0] == "MINISTRY OF SCIENCE AND TECHNOLOGY"
    assert left.text.split("\n")[2] == "No.: …/…"
    assert right.text.split("\n")[:2] == ["SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness"]
    texts = [p.text for p in doc.paragraphs if p.text]
    assert "To:" in texts
    assert "by 30 Jun 2026. As of 3 Jul 2026," in texts[texts.index("To:") + 3]
    assert (
        "1. Bộ Tài chính: has not submitted its report; 3 item(s) still owed (listed under 1 in the attached annex)."
        in texts
    )
    assert "no later than …/…/20…" in texts[texts.index("To:") + 6]
    assert [c.text for c in doc.tables[2].rows[2].cells] == [
        "2",
        "Task",
        "Xây dựng Luật Công nghiệp công nghệ số (code: T12)",
    ]
    assert doc.tables[1].rows[0].cells[0].text.startswith("Recipients:")
