"""The report as an editable Word document (python-docx): real heading styles, tables, captions, page numbers.

Layout after Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP): A4, Times New Roman 13 pt,
left margin 30 mm, page number centred in the top margin from page 2. Captions are Word captions with SEQ
fields ("Bảng n:" above tables, "Hình n:" below charts), so Word can build lists of tables and figures.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from dxtrack.reports.context import ReportContext

FONT = "Times New Roman"
STATUS_FILL = {
    "target_achieved": "D8EFD8",
    "substantial_progress": "E4F2D4",
    "moderate_progress": "FBEFC9",
    "limited_progress": "F8DCC4",
    "deterioration": "F3C9C9",
    "insufficient_data": "ECECEC",
}


def _set_font(style: Any, size: float, *, bold: bool | None = None, italic: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _styles(doc: Any) -> None:
    styles = doc.styles
    _set_font(styles["Normal"], 13)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(4)
    normal.line_spacing = 1.15
    for name, size in (("Title", 15), ("Heading 1", 13), ("Heading 2", 13), ("Heading 3", 12)):
        _set_font(styles[name], size, bold=True, italic=False)
        fmt = styles[name].paragraph_format
        fmt.space_before = Pt(12 if name != "Title" else 6)
        fmt.space_after = Pt(4)
        fmt.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # python-docx's default Title has a bottom border: drop it (not the administrative style)
    ppr = styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    _set_font(styles["Caption"], 11, bold=False, italic=True)
    styles["Caption"].paragraph_format.space_after = Pt(6)
    for name in ("List Bullet", "Quote"):
        _set_font(styles[name], 12)
    if "Table Text" not in [s.name for s in styles]:
        from docx.enum.style import WD_STYLE_TYPE

        tt = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        tt.base_style = styles["Normal"]
        _set_font(tt, 10)
        tt.paragraph_format.space_after = Pt(0)
        tt.paragraph_format.line_spacing = 1.0


def _page_setup(section: Any, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        section.top_margin, section.bottom_margin = Mm(25), Mm(18)
        section.left_margin, section.right_margin = Mm(20), Mm(20)
    else:
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(17)
    section.header_distance = Mm(10)


def _field(paragraph: Any, instr: str, placeholder: str) -> None:
    """A Word field (PAGE, SEQ …) with the value shown before Word updates it."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _page_numbers(section: Any) -> None:
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(para, " PAGE ", "2")


def _caption(doc: Any, kind: str, seq: str, n: int, text: str, *, align_left: bool = False) -> None:
    para = doc.add_paragraph(style="Caption")
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT if align_left else WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(f"{kind} ")
    _field(para, f" SEQ {seq} \\* ARABIC ", str(n))
    para.add_run(f": {text}")
    if align_left:
        para.paragraph_format.keep_with_next = True


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _table_text(para: Any) -> Any:
    """Give a paragraph the "Table Text" style by id (python-docx's lookup by name is slow in big tables)."""
    para._p.get_or_add_pPr().get_or_add_pStyle().val = "TableText"
    return para


def _link(para: Any, url: str) -> None:
    """An external hyperlink (small, underlined) that Word and LibreOffice open on click."""
    rel = para.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", "1F4E79"), ("w:u", "single"), ("w:sz", "16")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        props.append(el)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = url
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    link.append(run)
    para._p.append(link)


def _cell(cell: Any, parts: list[tuple[str, str]]) -> None:
    """Fill a cell with runs: ("text", "plain" | "bold" | "italic" | "small" | "link")."""
    para = _table_text(cell.paragraphs[0])
    for text, kind in parts:
        if text == "\n":
            para = _table_text(cell.add_paragraph())
            continue
        if kind == "link" and text.startswith(("http://", "https://")):
            _link(para, text)
            continue
        run = para.add_run(text)
        if kind == "bold":
            run.bold = True
        elif kind == "italic":
            run.italic = True
        elif kind in ("small", "link"):
            run.font.size = Pt(8)


def _table(
    doc: Any,
    header: list[str],
    rows: list[list[list[tuple[str, str]]]],
    widths: list[float],
    status_col: int | None = None,
    statuses: list[str] | None = None,
) -> Any:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    grid = table._tbl.tblGrid
    for i, col in enumerate(grid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(int(Cm(widths[i]).twips)))
    head = table.rows[0]
    trpr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    head_cells = head.cells
    for i, text in enumerate(header):
        _cell(head_cells[i], [(text, "bold")])
        _shade(head_cells[i], "E9EDF2")
        head_cells[i].width = Cm(widths[i])
    for r, row in enumerate(rows):
        new_row = table.add_row()
        new_row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cells = new_row.cells
        for i, parts in enumerate(row):
            _cell(cells[i], parts)
            cells[i].width = Cm(widths[i])
        if status_col is not None and statuses:
            _shade(cells[status_col], STATUS_FILL.get(statuses[r], "FFFFFF"))
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


def _quote(text: str, lang: str) -> tuple[str, str]:
    return (f"“{text}”", "italic") if lang == "vi" else (text, "plain")


def _para(doc: Any, parts: list[tuple[str, str]], style: str | None = None) -> Any:
    para = doc.add_paragraph(style=style)
    for text, kind in parts:
        run = para.add_run(text)
        run.bold = kind == "bold"
        run.italic = kind == "italic"
    return para


def _title_block(doc: Any, c: ReportContext) -> None:
    m = c.meta
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.2), Cm(9.1)
    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if m["issuer_parent"]:
        lp.add_run(m["issuer_parent"].upper() + "\n")
    lp.add_run(m["issuer"].upper()).bold = True
    lp.add_run("\n*")
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rp.add_run(m["draft"]).bold = True
    rp.add_run("\n" + "—" * 6 + "\n")
    rp.add_run(m["place_date"]).italic = True
    doc.add_paragraph()
    doc.add_paragraph(m["report"], style="Title")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(m["title"]).bold = True
    rule = doc.add_paragraph("—" * 4)
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    asof = doc.add_paragraph()
    asof.alignment = WD_ALIGN_PARAGRAPH.CENTER
    asof.add_run(f"{c.labels['data_as_of']}: {m['as_of']}").italic = True
    note = doc.add_paragraph()
    note.add_run(m["draft_note"]).font.size = Pt(10)
    _shade_paragraph(note, "F6F6F2")


def _shade_paragraph(para: Any, fill: str) -> None:
    ppr = para._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    ppr.append(shd)


def write_docx(c: ReportContext, out: Path) -> Path:
    """Write the report context as a DOCX file at ``out``."""
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    _page_setup(section)
    _page_numbers(section)
    doc.core_properties.title = c.meta["doc_title"]
    doc.core_properties.author = c.meta["issuer"]
    doc.core_properties.language = c.lang
    L = c.labels
    lang = c.lang
    table_n = 0
    _title_block(doc, c)

    # ---------------- I
    doc.add_heading(f"I. {L['sec1']}", level=1)
    doc.add_heading(f"1. {L['s1_overview']}", level=2)
    counts = "; ".join(f"{o['label']} {o['count']}" for o in c.overview)
    intro = (
        f"Nghị quyết và Kết luận đặt ra {len(c.targets)} mục tiêu được theo dõi. Tính đến ngày {c.meta['as_of']}: "
        if lang == "vi"
        else f"The Resolution and the Conclusion set {len(c.targets)} monitored targets. As of {c.meta['as_of']}: "
    )
    doc.add_paragraph(intro + counts + ".")
    doc.add_heading(f"2. {L['s1_targets']}", level=2)
    table_n += 1
    _caption(doc, L["table"], "Table", table_n, L["s1_targets"], align_left=True)
    _table(
        doc,
        [L["col_no"], L["col_target"], L["col_latest"], L["col_period"], L["col_source"], L["col_status"]],
        [
            [
                [(str(i), "plain")],
                [(t["id"], "small"), (f" ({t['doc']}, {t['section']})", "small"), ("\n", ""), (t["text"], "plain")],
                [(t["latest"], "plain")],
                [(t["period"], "plain")],
                [(t["cite"] or "—", "plain")],
                [(t["status_label"], "plain")],
            ]
            for i, t in enumerate(c.targets, 1)
        ],
        [0.9, 7.0, 3.0, 1.7, 1.7, 2.0],
        status_col=5,
        statuses=[t["status"] for t in c.targets],
    )
    k = 3
    if c.figures:
        doc.add_heading(f"{k}. {L['s1_figures']}", level=2)
        k += 1
        doc.add_paragraph(L["s1_figures_intro"])
        table_n += 1
        _caption(doc, L["table"], "Table", table_n, L["s1_figures"], align_left=True)
        _table(
            doc,
            [L["col_no"], L["col_quote"], L["col_figure"], L["col_period"], L["col_source"]],
            [
                [
                    [(str(i), "plain")],
                    [_quote(f["text"], lang)],
                    [(f["value"], "plain")],
                    [(f["period"], "plain")],
                    [(f["cite"], "plain")],
                ]
                for i, f in enumerate(c.figures, 1)
            ],
            [0.9, 9.0, 3.2, 1.8, 1.6],
        )
    if c.doc_achievements:
        doc.add_heading(f"{k}. {L['s1_achievements_doc']}", level=2)
        k += 1
        for a in c.doc_achievements:
            _para(doc, [_quote(a["text"], lang), (f" {a['cite']}", "plain")], style="List Bullet")
    doc.add_heading(f"{k}. {L['s1_supported']}", level=2)
    k += 1
    if c.supported:
        for s in c.supported:
            doc.add_paragraph(s, style="List Bullet")
    else:
        doc.add_paragraph(L["s1_supported_none"])
    doc.add_heading(f"{k}. {L['s1_charts']}", level=2)
    for ch in c.charts:
        doc.add_picture(io.BytesIO(ch.png), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
        text = ch.caption.split(": ", 1)[1] if ": " in ch.caption else ch.caption
        _caption(doc, L["figure"], "Figure", ch.n, text)
    if c.charts_missing:
        doc.add_paragraph(L["chart_none"] + "; ".join(c.charts_missing) + ".")

    # ---------------- II
    doc.add_heading(f"II. {L['sec2']}", level=1)
    doc.add_heading(f"1. {L['s2_off']}", level=2)
    if c.off_track:
        for t in c.off_track:
            _para(doc, [(f"{t['status_label']}: ", "bold"), (t["indicator"], "bold"), (f" ({t['id']})", "plain")])
            q = doc.add_paragraph()
            q.paragraph_format.left_indent = Cm(0.8)
            run = q.add_run(f"“{t['text']}”" if lang == "vi" else t["text"])
            run.italic = lang == "vi"
            run.font.size = Pt(11)
            doc.add_paragraph(t["sentence"])
    else:
        doc.add_paragraph(L["s2_off_none"])
    doc.add_heading(f"2. {L['s2_missing']}", level=2)
    table_n += 1
    _caption(doc, L["table"], "Table", table_n, L["s2_missing"], align_left=True)
    _table(
        doc,
        [L["col_no"], L["col_target"], L["col_missing"]],
        [
            [[(str(i), "plain")], [(t["id"], "small"), ("\n", ""), (t["text"], "plain")], [(t["reason"], "plain")]]
            for i, t in enumerate(c.missing, 1)
        ],
        [0.9, 10.0, 5.6],
    )
    if c.doc_limitations:
        doc.add_heading(f"3. {L['s2_doc']}", level=2)
        table_n += 1
        _caption(doc, L["table"], "Table", table_n, L["s2_doc"], align_left=True)
        _table(
            doc,
            [L["col_no"], L["col_quote"], L["col_data_say"]],
            [
                [[(str(i), "plain")], [_quote(x["text"], lang), (f" {x['cite']}", "plain")], [(x["data"], "plain")]]
                for i, x in enumerate(c.doc_limitations, 1)
            ],
            [0.9, 8.6, 7.0],
        )

    # ---------------- III
    doc.add_heading(f"III. {L['sec3']}", level=1)
    doc.add_heading(f"1. {L['s3_notes']}", level=2)
    if c.notes:
        for n in c.notes:
            doc.add_paragraph(n["text"])
            by = doc.add_paragraph()
            by.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            tail = f" ({n['target']})" if n["target"] else ""
            by.add_run(f"— {n['author']}, {n['date']}{tail}").italic = True
    else:
        p = doc.add_paragraph()
        p.add_run(L["s3_await"]).italic = True
    if c.doc_causes:
        doc.add_heading(f"2. {L['s3_doc']}", level=2)
        p = doc.add_paragraph()
        p.add_run(L["s3_doc_intro"]).font.size = Pt(11)
        for cause in c.doc_causes:
            nature = f" ({cause['nature']})" if cause["nature"] else ""
            _para(doc, [_quote(cause["text"], lang), (f"{nature} {cause['cite']}", "plain")], style="List Bullet")

    # ---------------- IV
    doc.add_heading(f"IV. {L['sec4']}", level=1)
    doc.add_paragraph(L["s4_intro"])
    for gi, g in enumerate(c.groups, 1):
        doc.add_heading(f"{gi}. {g['title']} ({g['doc']}, {g['section']})", level=2)
        table_n += 1
        _caption(doc, L["table"], "Table", table_n, g["title"], align_left=True)
        _table(
            doc,
            [L["col_no"], L["col_task"], L["col_bodies"], L["col_task_status"]],
            [
                [
                    [(str(i), "plain")],
                    [(t["text"], "plain")],
                    [(t["bodies"], "plain")],
                    ([(t["status"], "plain"), ("\n", "")] if t["status"] else []) + [(t["evidence"], "italic")],
                ]
                for i, t in enumerate(g["tasks"], 1)
            ],
            [0.9, 8.4, 3.6, 3.6],
        )

    # ---------------- Annexes (landscape)
    annex = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(annex, landscape=True)
    annex.different_first_page_header_footer = False
    h = doc.add_heading(L["annexes"], level=1)
    h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(L["annex_a"], level=2)
    table_n += 1
    _caption(doc, L["table"], "Table", table_n, L["annex_a"], align_left=True)
    _table(
        doc,
        [
            L["col_no"],
            L["col_target"],
            L["col_indicator"],
            L["col_baseline"],
            L["col_latest"],
            L["col_target_value"],
            L["col_deadline"],
            L["col_status"],
            L["col_probability"],
            L["col_method"],
        ],
        [
            [
                [(str(i), "plain")],
                [
                    (t["id"], "small"),
                    (f" ({t['doc']}, {t['section']})", "small"),
                    ("\n", ""),
                    (f"“{t['quote_vi']}”", "italic"),
                ]
                + ([("\n", ""), (t["text"], "plain")] if lang == "en" else []),
                [(t["indicator"], "plain")],
                [(t["baseline"], "plain")],
                [(t["latest"] + (f" ({t['period']})" if t["latest"] != "—" else "") + f" {t['cite']}", "plain")],
                [(t["goal"], "plain")],
                [(t["deadline"], "plain")],
                [(t["status_label"], "plain")],
                [(t["probability"], "plain")],
                [(t["method"], "small")],
            ]
            for i, t in enumerate(c.targets, 1)
        ],
        [0.8, 7.0, 3.2, 2.4, 3.2, 3.0, 1.5, 2.0, 1.6, 2.3],
        status_col=7,
        statuses=[t["status"] for t in c.targets],
    )
    doc.add_heading(L["annex_b"], level=2)
    for m in c.methods:
        _para(doc, [(m["name"], "bold"), (f" ({m['version']}): ", "plain"), (m["text"], "plain")])
    run_words = (
        ("phiên bản phương pháp", "mã băm danh mục", "mã băm dữ liệu")
        if lang == "vi"
        else ("method version", "catalogue hash", "data hash")
    )
    p = doc.add_paragraph()
    p.add_run(f"{L['run']}: ").bold = True
    r = p.add_run(
        f"{L['data_as_of']} {c.run['as_of']}; {run_words[0]} {c.run['method_version']}; "
        f"{run_words[1]} {c.run['catalogue_hash']}; {run_words[2]} {c.run['data_hash']}."
    )
    r.font.size = Pt(10)
    doc.add_paragraph(c.meta["pack"]).runs[0].font.size = Pt(10)
    doc.add_heading(L["annex_c"], level=2)
    table_n += 1
    _caption(doc, L["table"], "Table", table_n, L["annex_c"], align_left=True)
    _table(
        doc,
        ["[n]", L["col_publisher"], L["col_title"], L["col_url"], L["col_published"], L["col_retrieved"]],
        [
            [
                [(f"[{s['n']}]", "plain")],
                [(s["publisher"], "plain")],
                [(s["title"], "plain")],
                [(s["url"], "link")],
                [(s["published"], "plain")],
                [(s["retrieved"], "plain")],
            ]
            for s in c.sources
        ],
        [1.1, 4.5, 8.0, 6.4, 2.5, 2.5],
    )
    doc.save(str(out))
    return out
