"""The urging letter (công văn đôn đốc) of a data call, addressed to the late units, as DOCX in the layout of
Decree 30/2020/NĐ-CP (Appendix I, form 1.4: công văn): the issuer and number left, the national name and motto
right, the place-and-date line, "V/v …" under the number, "Kính gửi:", a short body naming each late unit, its
state and how many items it owes, "chậm nhất ngày …" (the new deadline, for the coordinator to fill in), "Nơi
nhận" and the signature block; then, on a page of its own, the Phụ lục: one table per unit of exactly what it
still owes (kind, content and the code its template uses).

Its input is the ``remind --dry-run --format json`` answer (see COORD/issue 10)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from dxtrack.domain.report_items import ITEM_KINDS, LATE_STATES, word
from dxtrack.present.dates import date_text
from dxtrack.present.lang import Lang, pick
from dxtrack.reports.word.styles import page_setup, set_styles

BODY_PT = 14
DEFAULT_ISSUER = "Cơ quan điều phối"  # the issuer when none is named (``remind --letter``, the board's download)
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RULE = "————"
GAP = "…"
_W = {
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "number": ("Số: …/…", "No.: …/…"),
    "place_date": ("……, ngày … tháng … năm 20…", "……, … 20…"),
    "re": ("V/v đôn đốc gửi {title}", "Re: urging the submission of the {title}"),
    "to": ("Kính gửi:", "To:"),
    "intro": (
        "Thực hiện đợt báo cáo “{title}” (mã đợt báo cáo: {call}), các cơ quan, đơn vị được đề nghị gửi báo cáo "
        "trước ngày {due}. "
        "Đến ngày {as_of}, các cơ quan, đơn vị dưới đây chưa hoàn thành việc gửi báo cáo theo yêu cầu:",
        "Under the data call “{title}” (call no. {call}), the bodies concerned were asked to submit their reports "
        "by {due}. "
        "As of {as_of}, the following bodies have not completed their reports:",
    ),
    "owes": (
        "{state}; còn thiếu {n} nội dung (chi tiết tại mục {n_unit} Phụ lục kèm theo).",
        "{state}; {n} item(s) still owed (listed under {n_unit} in the attached annex).",
    ),
    "owes_none": ("{state}.", "{state}."),
    "ask": (
        "{issuer} đề nghị các cơ quan, đơn vị nêu trên khẩn trương hoàn thành và gửi báo cáo đầy đủ chậm nhất ngày "
        "…/…/20… để tổng hợp, báo cáo cấp có thẩm quyền.",
        "{issuer} asks the bodies above to complete and submit their reports in full no later than …/…/20… so that "
        "they can be compiled and reported to the competent authority.",
    ),
    "annex": ("Phụ lục", "Annex"),
    "annex_title": ("NỘI DUNG BÁO CÁO CÒN THIẾU CỦA CÁC CƠ QUAN, ĐƠN VỊ", "REPORT ITEMS STILL OWED BY EACH BODY"),
    "annex_ref": (
        "(Kèm theo Công văn số …/… ngày … tháng … năm 20… của {issuer})",
        "(Attached to letter No. …/… dated …/…/20… of the {issuer})",
    ),
    "annex_unit": ("{n}. {name}: {state}, còn thiếu {k} nội dung", "{n}. {name}: {state}, {k} item(s) owed"),
    "col_no": ("TT", "No."),
    "col_kind": ("Loại", "Kind"),
    "col_item": ("Nội dung còn thiếu", "Item owed"),
    "code": ("mã", "code"),
    "regards": ("Trân trọng./.", "Yours faithfully./."),
    "recipients": ("Nơi nhận:", "Recipients:"),
    "as_above": ("- Như trên;", "- As above;"),
    "archive": ("- Lưu: VT, ….", "- Archived: Records, …."),
    "sign_for": ("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", "AUTHORITY AND TITLE OF THE SIGNATORY"),
    "sign_hint": (
        "(Chữ ký của người có thẩm quyền, dấu/chữ ký số của cơ quan, tổ chức)",
        "(Signature of the competent person, seal / digital signature of the body)",
    ),
    "signer": ("Họ và tên", "Full name"),
}


def _w(key: str, lang: Lang) -> str:
    return pick(_W[key], lang)


def write_urging_letter(remind: Mapping[str, Any], path: str | Path, *, issuer_name: str, lang: Lang = "vi") -> Path:
    """Write the urging letter for the late units of ``remind`` (the remind JSON) as DOCX at ``path``."""
    out = Path(path)
    _letter(remind, issuer_name, lang).save(str(out))
    return out


def urging_letter_bytes(remind: Mapping[str, Any], *, issuer_name: str = DEFAULT_ISSUER, lang: Lang = "vi") -> bytes:
    """The same letter as :func:`write_urging_letter`, as the bytes of the DOCX file (for a download)."""
    buffer = io.BytesIO()
    _letter(remind, issuer_name, lang).save(buffer)
    return buffer.getvalue()


def letter_file_name(call_id: int, lang: Lang = "vi") -> str:
    """The download's file name, ASCII so that every browser and mail client keeps it."""
    return f"cong-van-don-doc-dot-{call_id}.docx" if lang == "vi" else f"urging-letter-call-{call_id}.docx"


def _letter(remind: Mapping[str, Any], issuer_name: str, lang: Lang) -> Any:
    doc = Document()
    set_styles(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    page_setup(doc.sections[0])
    doc.core_properties.title = _subject(str(remind["title"]), lang)
    doc.core_properties.author = issuer_name
    doc.core_properties.language = lang
    _header(doc, remind, issuer_name, lang)
    late = list(remind.get("late") or [])
    _addressees(doc, late, lang)
    _body(doc, remind, late, issuer_name, lang)
    _closing(doc, lang)
    _annex(doc, late, issuer_name, lang)
    return doc


def _subject(title: str, lang: Lang) -> str:
    """ "V/v đôn đốc gửi báo cáo …": a title that starts with "Báo cáo"/"Report" is not said twice."""
    lead = "báo cáo" if lang == "vi" else "report"
    said = title[:1].lower() + title[1:] if title.casefold().startswith(lead) else f"{lead} {title}"
    return _w("re", lang).format(title=said)


def _cell_para(cell: Any) -> Any:
    para = cell.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.line_spacing = 1.0
    return para


def _run(para: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def _widths(grid: Any, *widths: Any) -> list[Any]:
    """Fix the columns' widths (the grid and every cell: Word reads the cells, LibreOffice the grid)."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return list(grid.rows[0].cells)


def _header(doc: Any, remind: Mapping[str, Any], issuer: str, lang: Lang) -> None:
    grid = doc.add_table(rows=1, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    left, right = _widths(grid, Cm(7.6), Cm(9.4))
    lp = _cell_para(left)
    _run(lp, issuer.upper(), 12, bold=True)
    _run(lp, "\n" + RULE, 13)
    _run(lp, "\n" + _w("number", lang), 13)
    _run(lp, "\n" + _subject(str(remind["title"]), lang), 12)
    rp = _cell_para(right)
    _run(rp, _w("nation", lang), 12, bold=True)
    _run(rp, "\n" + _w("motto", lang), 13, bold=True)
    _run(rp, "\n" + RULE + RULE, 13)
    _run(rp, "\n\n" + _w("place_date", lang), 14, italic=True)
    doc.add_paragraph()


def _addressees(doc: Any, late: list[Mapping[str, Any]], lang: Lang) -> None:
    names = [str(u.get("org_name") or u["org"]) for u in late]
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if len(names) == 1:
        para.add_run(f"{_w('to', lang)} {names[0]}.")
        return
    para.add_run(_w("to", lang))
    for n, name in enumerate(names):
        line = doc.add_paragraph(f"- {name}{'.' if n == len(names) - 1 else ';'}")
        line.paragraph_format.left_indent = Cm(4.0)
        line.paragraph_format.space_after = Pt(0)


def _body_para(doc: Any, text: str = "", *, indent: float = 1.0) -> Any:
    para = doc.add_paragraph(text)
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    para.paragraph_format.first_line_indent = Cm(indent)
    return para


def _body(doc: Any, remind: Mapping[str, Any], late: list[Mapping[str, Any]], issuer: str, lang: Lang) -> None:
    doc.add_paragraph()
    due, as_of = date_text(remind.get("due"), lang), date_text(remind.get("as_of"), lang)
    _body_para(doc, _w("intro", lang).format(title=remind["title"], call=remind["call"], due=due, as_of=as_of))
    for n, unit in enumerate(late, start=1):
        owes = list(unit.get("owes") or [])
        para = _body_para(doc)
        para.add_run(f"{n}. {unit.get('org_name') or unit['org']}: ").bold = True
        key = "owes" if owes else "owes_none"
        para.add_run(_w(key, lang).format(state=_state(unit, lang), n=len(owes), n_unit=n))
    _body_para(doc, _w("ask", lang).format(issuer=issuer))
    _body_para(doc, _w("regards", lang))


def _closing(doc: Any, lang: Lang) -> None:
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    left, right = _widths(grid, Cm(6.5), Cm(10.0))
    lp = left.paragraphs[0]
    lp.paragraph_format.line_spacing = 1.0
    _run(lp, _w("recipients", lang), 12, bold=True, italic=True)
    _run(lp, "\n" + _w("as_above", lang), 11)
    _run(lp, "\n" + _w("archive", lang), 11)
    rp = _cell_para(right)
    _run(rp, _w("sign_for", lang), 13, bold=True)
    _run(rp, "\n" + _w("sign_hint", lang), 12, italic=True)
    _run(rp, "\n\n\n\n" + _w("signer", lang), 13, bold=True)


def _state(unit: Mapping[str, Any], lang: Lang) -> str:
    return word(LATE_STATES.get(str(unit.get("state")), LATE_STATES["not_submitted"]), lang)


def _label(item: Mapping[str, Any]) -> str:
    """An item's content as the pack words it, without a closing full stop (the table adds no punctuation)."""
    return str(item.get("label") or "").strip().rstrip(".;")


def _repeat_as_header(row: Any) -> None:
    """The table's first row repeats at the top of every page it runs onto."""
    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:tblHeader"))


def _annex(doc: Any, late: list[Mapping[str, Any]], issuer: str, lang: Lang) -> None:
    """The Phụ lục on a new page: per unit, a table of what it still owes."""
    if not any(u.get("owes") for u in late):
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for key, bold, italic in (("annex", True, False), ("annex_title", True, False), ("annex_ref", False, True)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(0)
        _run(para, _w(key, lang).format(issuer=issuer), BODY_PT, bold=bold, italic=italic)
    for n, unit in enumerate(late, start=1):
        owes = list(unit.get("owes") or [])
        if not owes:
            continue
        head = doc.add_paragraph()
        head.paragraph_format.space_before = Pt(12)
        head.paragraph_format.keep_with_next = True
        name = str(unit.get("org_name") or unit["org"])
        _run(head, _w("annex_unit", lang).format(n=n, name=name, state=_state(unit, lang), k=len(owes)), 13,
             bold=True)  # fmt: skip
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        cells = _widths(table, Cm(1.2), Cm(3.4), Cm(11.9))
        _repeat_as_header(table.rows[0])
        for cell, key in zip(cells, ("col_no", "col_kind", "col_item"), strict=True):
            _run(_cell_para(cell), _w(key, lang), 12, bold=True)
        for m, item in enumerate(owes, start=1):
            kind = str(item.get("kind"))
            row = table.add_row().cells
            for cell, text in zip(row, (str(m), word(ITEM_KINDS.get(kind, ("", "")), lang), _label(item)), strict=True):
                para = cell.paragraphs[0]
                para.paragraph_format.space_after = Pt(0)
                para.paragraph_format.line_spacing = 1.0
                _run(para, text, 12)
            if kind != "section":  # the code the unit's template uses, to find the item (sections have none)
                _run(row[2].paragraphs[0], f" ({_w('code', lang)}: {item['id']})", 10, italic=True)
            row[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
