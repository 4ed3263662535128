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

from dxtrack.reports.model import Closing, ReportDocument, TitleBlock
from dxtrack.reports.word.blocks import Counter, block
from dxtrack.reports.word.styles import page_numbers, page_setup, set_styles, shade_paragraph

RULE = "—"


def title_block(doc: Any, t: TitleBlock) -> None:
    """The header (issuer and number left; the Party's name or the national motto, place and date right), then
    "BÁO CÁO", the title, the as-of line and the draft note."""
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    left, right = grid.rows[0].cells
    left.width, right.width = Cm(6.8), Cm(9.5)
    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if t.issuer_parent:
        lp.add_run(t.issuer_parent + "\n")
    lp.add_run(t.issuer).bold = True
    lp.add_run("\n*" if t.issuer_kind == "party" else "\n" + RULE * 4)
    lp.add_run("\n" + t.number_line)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    nation = rp.add_run(t.nation)
    nation.bold = True
    nation.underline = t.issuer_kind == "party"
    nation.font.size = Pt(12 if t.motto else 13)
    if t.motto:
        rp.add_run("\n" + t.motto).bold = True
        rp.add_run("\n" + RULE * 6)
    rp.add_run("\n\n")
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
    note.add_run(t.draft + ". ").bold = True
    note.add_run(t.draft_note).font.size = Pt(11)
    shade_paragraph(note, "F6F6F2")


def closing_block(doc: Any, c: Closing) -> None:
    """Recipients on the left, the signature block on the right (placeholders)."""
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    left, right = grid.rows[0].cells
    left.width, right.width = Cm(8.0), Cm(8.3)
    lp = left.paragraphs[0]
    head = lp.add_run(c.recipients_label)
    head.bold = head.italic = True
    head.font.size = Pt(12)
    for line in c.recipients:
        lp.add_run("\n" + line).font.size = Pt(11)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rp.add_run(c.sign_for).bold = True
    if c.sign_title:
        rp.add_run("\n" + c.sign_title).bold = True
    rp.add_run("\n" + c.sign_hint).italic = True
    rp.add_run("\n\n\n\n" + c.signer).bold = True


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
            if d.closing is not None:
                closing_block(doc, d.closing)
            wide = doc.add_section(WD_SECTION.NEW_PAGE)
            page_setup(wide, landscape=True)
            wide.different_first_page_header_footer = False
        for b in section.blocks:
            block(doc, b, d, count)
    doc.save(str(out))
    return out
