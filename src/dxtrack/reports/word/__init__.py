"""The report as an editable Word document (python-docx): real heading styles, tables, captions, page numbers.

It lays out the same :class:`~dxtrack.reports.model.ReportDocument` as the HTML template: the title block,
then every section's blocks; the annexes start a landscape section.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from dxtrack.reports.model import ReportDocument, TitleBlock
from dxtrack.reports.word.blocks import Counter, block
from dxtrack.reports.word.styles import page_numbers, page_setup, set_styles, shade_paragraph

RULE = "—"


def title_block(doc: Any, t: TitleBlock) -> None:
    """Issuer and draft mark side by side, then "BÁO CÁO", the title, the as-of line and the draft note."""
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    left, right = grid.rows[0].cells
    left.width, right.width = Cm(7.2), Cm(9.1)
    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if t.issuer_parent:
        lp.add_run(t.issuer_parent + "\n")
    lp.add_run(t.issuer).bold = True
    lp.add_run("\n*")
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rp.add_run(t.draft).bold = True
    rp.add_run("\n" + RULE * 6 + "\n")
    rp.add_run(t.place_date).italic = True
    doc.add_paragraph()
    doc.add_paragraph(t.kind, style="Title")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(t.title).bold = True
    rule = doc.add_paragraph(RULE * 4)
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    asof = doc.add_paragraph()
    asof.alignment = WD_ALIGN_PARAGRAPH.CENTER
    asof.add_run(t.as_of_line).italic = True
    note = doc.add_paragraph()
    note.add_run(t.draft_note).font.size = Pt(10)
    shade_paragraph(note, "F6F6F2")


def write_docx(d: ReportDocument, out: Path) -> Path:
    """Write the report document as a DOCX file at ``out``."""
    doc = Document()
    set_styles(doc)
    first = doc.sections[0]
    page_setup(first)
    page_numbers(first)
    doc.core_properties.title = d.doc_title
    doc.core_properties.author = d.author
    doc.core_properties.language = d.lang
    title_block(doc, d.title)
    count = Counter()
    for section in d.sections:
        if section.role == "annex":
            wide = doc.add_section(WD_SECTION.NEW_PAGE)
            page_setup(wide, landscape=True)
            wide.different_first_page_header_footer = False
        for b in section.blocks:
            block(doc, b, d, count)
    doc.save(str(out))
    return out
