"""Each block of the document model as Word content: runs, paragraphs, lists, tables with captions, charts.

Captions are Word captions with SEQ fields ("Bảng n:" above tables, "Hình n:" below charts), so Word can
build lists of tables and figures. Status labels are shaded in their colour, as on the HTML page.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dxtrack.reports.model import Block, Bullets, Chart, Heading, Para, ReportDocument, Run, Runs, Table
from dxtrack.reports.word.styles import STATUS_FILL, field, hyperlink, shade_cell, shade_run, table_text

PARA_SIZE = {"note": 12, "run": 11, "small": 11, "finding-quote": 12}


def add_run(para: Any, r: Run, *, in_table: bool = False, size: float | None = None) -> None:
    """One run in a paragraph (in a table every run keeps the table's 11 pt)."""
    if r.kind == "break":
        para.add_run().add_break()
        return
    if r.kind == "link" and r.text.startswith(("http://", "https://")):
        hyperlink(para, r.text)
        return
    run = para.add_run(f"“{r.text}”" if r.kind == "quote" else r.text)
    run.bold = r.kind == "strong" or (r.kind == "status" and not in_table) or None
    run.italic = r.kind in ("quote", "evidence") or None
    if size is not None and not in_table:
        run.font.size = Pt(size)
    if r.kind == "status" and not in_table:
        shade_run(run, STATUS_FILL.get(r.status or "", "FFFFFF"))


def add_runs(para: Any, parts: Runs, *, size: float | None = None) -> Any:
    for r in parts:
        add_run(para, r, size=size)
    return para


def paragraph(doc: Any, p: Para) -> None:
    para = doc.add_paragraph()
    if p.role == "byline":
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if p.role == "finding-quote":
        para.paragraph_format.left_indent = Cm(0.8)
    add_runs(para, p.runs, size=PARA_SIZE.get(p.role))
    if p.role in ("await", "byline"):
        for run in para.runs:
            run.italic = True


def heading(doc: Any, h: Heading) -> None:
    para = doc.add_heading("", level=h.level)
    add_runs(para, h.runs)
    if h.role == "annex-title":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def bullets(doc: Any, b: Bullets) -> None:
    for item in b.items:
        add_runs(doc.add_paragraph(style="List Bullet"), item)


def caption(doc: Any, word: str, seq: str, n: int, text: str, *, above: bool) -> None:
    """ "Bảng n: …" (left, kept with the table below) or "Hình n: …" (centred, below the chart)."""
    para = doc.add_paragraph(style="Caption")
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT if above else WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(f"{word} ")
    field(para, f" SEQ {seq} \\* ARABIC ", str(n))
    para.add_run(f": {text}")
    if above:
        para.paragraph_format.keep_with_next = True


def _cell(cell: Any, parts: Runs) -> None:
    para = table_text(cell.paragraphs[0])
    for r in parts:
        if r.kind == "break":
            para = table_text(cell.add_paragraph())
            continue
        add_run(para, r, in_table=True)
    status = next((r.status for r in parts if r.kind == "status"), None)
    if status:
        shade_cell(cell, STATUS_FILL.get(status, "FFFFFF"))


def table(doc: Any, t: Table, n: int, word: str) -> None:
    caption(doc, word, "Table", n, t.caption, above=True)
    grid = doc.add_table(rows=1, cols=len(t.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [Cm(c.width_cm) for c in t.columns]
    for i, col in enumerate(grid._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(int(widths[i].twips)))
    head = grid.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(repeat)
    for i, cell in enumerate(head.cells):
        _cell(cell, (Run(t.columns[i].header, "strong"),))
        shade_cell(cell, "E9EDF2")
        cell.width = widths[i]
    for row in t.rows:
        new = grid.add_row()
        new._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for i, cell in enumerate(new.cells):
            _cell(cell, row.cells[i])
            cell.width = widths[i]
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def chart(doc: Any, c: Chart, word: str) -> None:
    doc.add_picture(io.BytesIO(c.png), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    caption(doc, word, "Figure", c.n, c.caption, above=False)


class Counter:
    """Numbers the tables in document order."""

    def __init__(self) -> None:
        self.tables = 0


def block(doc: Any, b: Block, d: ReportDocument, count: Counter) -> None:
    """Write one block (groups: their blocks in turn)."""
    if isinstance(b, Heading):
        heading(doc, b)
    elif isinstance(b, Para):
        paragraph(doc, b)
    elif isinstance(b, Bullets):
        bullets(doc, b)
    elif isinstance(b, Table):
        count.tables += 1
        table(doc, b, count.tables, d.table_word)
    elif isinstance(b, Chart):
        chart(doc, b, d.figure_word)
    else:
        for inner in b.blocks:
            block(doc, inner, d, count)
