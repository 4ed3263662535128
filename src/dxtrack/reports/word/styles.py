"""Word styles, page set-up and the small pieces of OOXML python-docx has no API for (fields, shading, links).

Layout after Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW): A4, Times
New Roman 13 pt (tables 11 pt), margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm, page number centred
in the top margin from page 2.
"""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Times New Roman"
STATUS_FILL = {
    "target_achieved": "D8EFD8",
    "substantial_progress": "E4F2D4",
    "moderate_progress": "FBEFC9",
    "limited_progress": "F8DCC4",
    "deterioration": "F3C9C9",
    "insufficient_data": "ECECEC",
    "target_not_achieved": "F3C9C9",
    "awaiting_official_data": "E3E8F0",
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


def set_styles(doc: Any) -> None:
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
    _set_font(styles["Caption"], 12, bold=False, italic=True)
    styles["Caption"].paragraph_format.space_after = Pt(6)
    for name in ("List Bullet", "Quote"):
        _set_font(styles[name], 13)
    if "Table Text" not in [s.name for s in styles]:
        from docx.enum.style import WD_STYLE_TYPE

        tt = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        tt.base_style = styles["Normal"]
        _set_font(tt, 11)
        tt.paragraph_format.space_after = Pt(0)
        tt.paragraph_format.line_spacing = 1.0


def page_setup(section: Any, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        section.top_margin, section.bottom_margin = Mm(30), Mm(15)
        section.left_margin, section.right_margin = Mm(20), Mm(20)
    else:
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)


def field(paragraph: Any, instr: str, placeholder: str) -> None:
    """A Word field (PAGE, SEQ …) with the value shown before Word updates it."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def page_numbers(section: Any) -> None:
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(para, " PAGE ", "2")


def shade_cell(cell: Any, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(_shd(fill))


def table_text(para: Any) -> Any:
    """Give a paragraph the "Table Text" style by id (python-docx's lookup by name is slow in big tables)."""
    para._p.get_or_add_pPr().get_or_add_pStyle().val = "TableText"
    return para


def hyperlink(para: Any, url: str) -> None:
    """An external hyperlink (11 pt, underlined) that Word and LibreOffice open on click."""
    rel = para.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", "1F4E79"), ("w:u", "single"), ("w:sz", "22")):
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


def _shd(fill: str) -> Any:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    return shd


def shade_paragraph(para: Any, fill: str) -> None:
    para._p.get_or_add_pPr().append(_shd(fill))


def shade_run(run: Any, fill: str) -> None:
    """A coloured background behind one run (a status label in running text)."""
    run._r.get_or_add_rPr().append(_shd(fill))
