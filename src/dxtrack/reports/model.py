"""The report as a small typed document: sections of headings, paragraphs of text runs, tables and charts.

The section builders (:mod:`dxtrack.reports.sections`) write every sentence once into this model; the HTML
template and the DOCX writer only lay it out, so the two formats say exactly the same thing. A run's
``kind`` names what the text *is* (a quote, a citation, a status), not how it looks; each writer decides.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

from dxtrack.present import Lang

RunKind = Literal[
    "text",  # plain words
    "strong",  # emphasised words (a name in a heading line)
    "quote",  # the documents' verbatim words: “…”, italic
    "id",  # a target id, small
    "doc",  # a document reference "(Nghị quyết 52-NQ/TW, II.3)", small
    "cite",  # a citation "[3, 5]"
    "status",  # a status label; ``status`` holds its key for the colour
    "small",  # a secondary detail (method version)
    "code",  # a hash or version string
    "link",  # a URL the reader can open
    "gloss",  # the English gloss under a Vietnamese quote
    "evidence",  # a recorded judgement, italic
    "break",  # a line break inside a paragraph or a table cell
]


@dataclass(frozen=True)
class Run:
    """A piece of text of one kind."""

    text: str
    kind: RunKind = "text"
    status: str | None = None


BREAK = Run("\n", "break")
Runs = tuple[Run, ...]


def runs(*parts: Run | str) -> Runs:
    """Runs from a mix of runs and plain strings (empty strings dropped)."""
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if not (isinstance(p, str) and p == ""))


@dataclass(frozen=True)
class Heading:
    """A section heading (level 1: "I. …") or a sub-heading (level 2: "1. …")."""

    block: ClassVar[str] = "heading"

    level: Literal[1, 2]
    runs: Runs
    role: str = ""  # "annex-title": centred, starts the annex pages


@dataclass(frozen=True)
class Para:
    """A paragraph; ``role`` is its function (note, await, byline, run, small, finding-head, finding-quote)."""

    block: ClassVar[str] = "para"

    runs: Runs
    role: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list; ``role`` "overview" (status counts) or "quotes" (the documents' words)."""

    block: ClassVar[str] = "bullets"

    items: tuple[Runs, ...]
    role: str = ""


@dataclass(frozen=True)
class Column:
    """A table column: its header, its width on screen (% of the text) and in Word (cm), its cells' role."""

    header: str
    width_pct: int
    width_cm: float
    role: str = ""  # n (row number), nowrap, cite, url, small


@dataclass(frozen=True)
class Row:
    cells: tuple[Runs, ...]
    anchor: str | None = None  # an id to link to (sources: "src-3")


@dataclass(frozen=True)
class Table:
    """A numbered table ("Bảng n: caption" above it)."""

    block: ClassVar[str] = "table"

    caption: str
    role: str  # targets, figures, missing, limits, tasks, full, sources
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Chart:
    """A numbered chart ("Hình n: caption" below it) as PNG bytes."""

    block: ClassVar[str] = "chart"

    n: int
    target: str
    caption: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass(frozen=True)
class Group:
    """Blocks that belong together on the page (a finding, an analyst's note)."""

    block: ClassVar[str] = "group"

    role: str  # finding, note-item
    blocks: tuple[Block, ...]


Block = Heading | Para | Bullets | Table | Chart | Group


@dataclass(frozen=True)
class Section:
    """A numbered part of the report (I–IV) or the annexes (``role`` "annex": landscape pages)."""

    id: str
    blocks: tuple[Block, ...]
    role: str = ""

    def walk(self) -> Iterator[Block]:
        """Every block, groups opened."""
        for block in self.blocks:
            if isinstance(block, Group):
                yield from block.blocks
            else:
                yield block


@dataclass(frozen=True)
class TitleBlock:
    """The header of an administrative document: issuing body and its number line on the left; on the right
    the Party's name (Hướng dẫn 36-HD/VPTW) or the national motto block (Nghị định 30/2020/NĐ-CP) and the
    place and date; then "BÁO CÁO", the title and the draft mark."""

    issuer_parent: str
    issuer: str
    issuer_kind: str  # "party" | "state"
    number_line: str  # "Số        -BC/…" placeholder
    nation: str  # "ĐẢNG CỘNG SẢN VIỆT NAM" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str  # "Độc lập - Tự do - Hạnh phúc" (state only)
    draft: str
    place_date: str
    kind: str  # "BÁO CÁO"
    title: str  # "Sơ kết việc thực hiện …"
    as_of_line: str  # "Số liệu tính đến ngày: 15/01/2026"
    draft_note: str


@dataclass(frozen=True)
class Closing:
    """The end of the document: "Nơi nhận" on the left, the signature block on the right (placeholders the
    signing office fills in)."""

    recipients_label: str
    recipients: tuple[str, ...]
    sign_for: str  # "T/M BAN CÁN SỰ ĐẢNG" / "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ"
    sign_title: str
    sign_hint: str  # "(Ký, ghi rõ họ tên)" / "(Chữ ký của người có thẩm quyền, dấu)"
    signer: str


@dataclass
class ReportDocument:
    """The whole report in one language: title block, sections, and the words the writers add."""

    lang: Lang
    title: TitleBlock
    sections: list[Section]
    doc_title: str  # the file's title property
    author: str
    generated_on: str
    table_word: str  # "Bảng" / "Table"
    figure_word: str  # "Hình" / "Figure"
    closing: Closing | None = None

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.walk() if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.walk() if isinstance(b, Chart)]


def plain(parts: Runs) -> str:
    """The runs as plain text, as a reader sees it (quotes in “ ”, breaks as newlines)."""
    return "".join(f"“{r.text}”" if r.kind == "quote" else r.text for r in parts)


def block_texts(block: Block) -> list[str]:
    """Every line of text of a block, in reading order (table cells one by one)."""
    if isinstance(block, Heading | Para):
        return [plain(block.runs)]
    if isinstance(block, Bullets):
        return [plain(item) for item in block.items]
    if isinstance(block, Table):
        return [c.header for c in block.columns] + [plain(cell) for row in block.rows for cell in row.cells]
    if isinstance(block, Chart):
        return [block.caption]
    return [t for b in block.blocks for t in block_texts(b)]
