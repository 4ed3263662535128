"""The review report: each section builder on the loaded real data, the same sentences in DOCX and HTML,
formats, fonts, self-containment, traceability of figures, and a report per content pack."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.cli.context import CliState
from dxtrack.cli.report import register
from dxtrack.domain.catalog import ContentPack
from dxtrack.errors import DxtrackError
from dxtrack.reports import ReportDocument, build_context, render
from dxtrack.reports.facts import ReportFacts, gather
from dxtrack.reports.html import render_html
from dxtrack.reports.model import Bullets, Group, Heading, Para, Section, Table, block_texts, plain
from dxtrack.reports.sections import causes, limitations, results, tasks, title
from dxtrack.reports.sources import cite_text
from dxtrack.services import records
from dxtrack.services.store import open_store
from dxtrack.store import repository as repo

DE_TARGET = "R52.2025.digital_economy_20"
TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def db_url(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A private copy of the loaded database: the report stores runs and the tests add a note."""
    src = Path(loaded_db_url.removeprefix("sqlite:///"))
    dst = tmp_path_factory.mktemp("report") / "dxtrack.db"
    shutil.copy(src, dst)
    return f"sqlite:///{dst}"


@pytest.fixture(scope="module")
def engine(db_url: str) -> Engine:
    return open_store(db_url)


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_pack()


@pytest.fixture(scope="module")
def facts(engine: Engine, pack: ContentPack) -> dict[str, ReportFacts]:
    return {lang: gather(engine, pack, lang, None) for lang in ("vi", "en")}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def contexts(engine: Engine, pack: ContentPack) -> dict[str, ReportDocument]:
    return {lang: build_context(engine, pack, lang=lang, today=TODAY) for lang in ("vi", "en")}  # type: ignore[misc]


@pytest.fixture(scope="module")
def files(contexts: dict[str, ReportDocument], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("out")
    return {
        (lang, fmt): render(ctx, fmt, out / f"report-{lang}.{fmt}")
        for lang, ctx in contexts.items()
        for fmt in ("html", "pdf", "docx")
    }


def _texts(section: Section) -> list[str]:
    return [t for b in section.blocks for t in block_texts(b)]


def _table(section: Section, role: str) -> Table:
    return next(b for b in section.walk() if isinstance(b, Table) and b.role == role)


def _row(table: Table, first_cell_contains: str, col: int = 1) -> list[str]:
    return next([plain(c) for c in r.cells] for r in table.rows if first_cell_contains in plain(r.cells[col]))


# ---------------------------------------------------------------- section builders, one by one


def test_title_block_is_the_packs_title(pack: ContentPack) -> None:
    vi = title.build(pack, "vi", TODAY, issuer=None, issuer_parent=None, place=None)
    assert vi.kind == "BÁO CÁO"
    assert vi.title.startswith("Sơ kết việc thực hiện Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị")
    assert vi.place_date == "Hà Nội, ngày 15 tháng 01 năm 2026"
    assert vi.as_of_line == "Số liệu tính đến ngày: 15/01/2026"
    assert vi.issuer == "DXTRACK — HỆ THỐNG THEO DÕI, ĐÁNH GIÁ"
    en = title.build(pack, "en", TODAY, issuer="Ministry of Science and Technology", issuer_parent=None, place=None)
    assert en.title.startswith("Interim review of the implementation of Politburo Resolution No. 52-NQ/TW")
    assert en.issuer == "MINISTRY OF SCIENCE AND TECHNOLOGY" and en.place_date == "Hanoi, 15 January 2026"
    # after the pack's last dated horizon (Vision 2045) the review is final
    assert title.build(pack, "vi", dt.date(2046, 1, 1), issuer=None, issuer_parent=None, place=None).title.startswith(
        "Tổng kết việc thực hiện"
    )


def test_section_one_cites_the_latest_figure(engine: Engine, facts: dict[str, ReportFacts]) -> None:
    with engine.connect() as conn:
        obs = repo.observations(conn, indicators=["DE_SHARE_GDP"], areas=["VNM"])
    latest = obs[obs["period"] == "2025"].iloc[-1]
    vi = facts["vi"]
    section = results.build(engine, vi, "15/01/2026")
    texts = _texts(section)
    assert texts[0] == "I. KẾT QUẢ ĐẠT ĐƯỢC"
    # 27 targets in the pack: 8 by 2025, 7 by 2030, 1 by 2045, 10 continuing, 1 general
    assert (
        "Nghị quyết 52-NQ/TW và Kết luận (dự thảo) đặt ra 27 mục tiêu được theo dõi. Tính đến ngày 15/01/2026:" in texts
    )
    overview = next(b for b in section.blocks if isinstance(b, Bullets) and b.role == "overview")
    counts = [int(plain(item).rsplit(": ", 1)[1]) for item in overview.items]
    assert sum(counts) == 27
    row = _row(_table(section, "targets"), DE_TARGET)
    assert row[2] == "14,02% GDP" and row[3] == "2025"
    assert row[5] == "Tiến triển hạn chế"
    n = int(re.match(r"\[(\d+)", row[4]).group(1))  # type: ignore[union-attr]
    source = next(s for s in vi.book.listing() if s.n == n)
    assert source.title == latest["source_title"]
    assert source.title.startswith("Kinh tế số là động lực tăng trưởng quan trọng trong năm 2025")
    assert source.published == "05/01/2026"
    charts = [b for b in section.blocks if b.block == "chart"]
    assert len(charts) >= 3 and all(c.png.startswith(b"\x89PNG") for c in charts)  # type: ignore[union-attr]
    en_row = _row(_table(results.build(engine, facts["en"], "15 Jan 2026"), "targets"), DE_TARGET)
    assert en_row[2] == "14.02% of GDP"


def test_section_two_states_the_gap(facts: dict[str, ReportFacts]) -> None:
    section = limitations.build(facts["vi"])
    findings = [b for b in section.blocks if isinstance(b, Group) and b.role == "finding"]
    de = next(g for g in findings if DE_TARGET in plain(g.blocks[0].runs))  # type: ignore[union-attr]
    head, quote, sentence = (plain(b.runs) for b in de.blocks)  # type: ignore[union-attr]
    assert head == f"Tiến triển hạn chế Tỷ trọng kinh tế số trong GDP (Tổng cục Thống kê) ({DE_TARGET})"
    assert quote == "“Kinh tế số chiếm khoảng 20% GDP”"
    # 20 − 14,02 = 5,98 percentage points
    # the deadline year is observed, so there is no forecast and no probability left to state
    assert re.fullmatch(
        r"Mới nhất: 14,02% GDP \(2025\) \[\d+\]; chỉ tiêu: khoảng 20% GDP vào năm 2025\. "
        r"Còn cách chỉ tiêu 5,98 điểm phần trăm\.",
        sentence,
    )
    missing = _table(section, "missing")
    assert _row(missing, "R52.general")[2] == "chưa có minh chứng, đánh giá nào được ghi nhận (mục tiêu định tính)"
    # the Conclusion (a review document) names limitations; the Resolution's own starting point does not count
    limits = _table(section, "limits")
    conclusion = next(s for s in facts["vi"].book.listing() if s.title.startswith("Dự thảo Kết luận"))
    assert limits.rows and all(plain(r.cells[1]).endswith(f"[{conclusion.n}]") for r in limits.rows)


def test_section_three_awaits_notes_then_shows_them(engine: Engine, pack: ContentPack) -> None:
    before = gather(engine, pack, "vi", dt.date(2024, 6, 30))
    section = causes.build(engine, before)
    assert any(isinstance(b, Para) and b.role == "await" for b in section.blocks)
    quoted = next(b for b in section.blocks if isinstance(b, Bullets) and b.role == "quotes")
    assert all(plain(item).startswith("“") for item in quoted.items)
    records.add_note(
        engine, section="causes", text="Đầu tư cho hạ tầng dữ liệu còn phân tán.", author="Chuyên viên A",
        date=dt.date(2024, 5, 2),
    )  # fmt: skip
    after = causes.build(engine, gather(engine, pack, "vi", dt.date(2024, 6, 30)))
    texts = _texts(after)
    assert "Đầu tư cho hạ tầng dữ liệu còn phân tán." in texts
    assert "— Chuyên viên A, 02/05/2024" in texts
    assert not any(isinstance(b, Para) and b.role == "await" for b in after.blocks)


def test_section_four_for_one_body(engine: Engine, pack: ContentPack, facts: dict[str, ReportFacts]) -> None:
    """A body reviewing its own tasks: section IV keeps only the tasks the texts assign to it."""
    body = "NATIONAL_DX_COMMITTEE"
    section = tasks.build(engine, facts["vi"], (body,))
    listed = sum(len(b.rows) for b in section.blocks if isinstance(b, Table))
    assigned = sum(1 for g in pack.policy_groups for t in g.tasks if body in t.bodies)
    assert listed == assigned > 0
    every = tasks.build(engine, facts["vi"])
    assert sum(len(b.rows) for b in every.blocks if isinstance(b, Table)) == sum(
        len(g.tasks) for g in pack.policy_groups
    )
    heading = next(b for b in every.blocks if isinstance(b, Heading) and b.level == 2)
    assert plain(heading.runs).startswith("1. ") and plain(heading.runs).endswith(")")
    with pytest.raises(DxtrackError, match="body 'NO_SUCH_BODY' is not in content pack vn-nq52"):
        tasks.build(engine, facts["vi"], ("NO_SUCH_BODY",))


def test_annexes_list_every_cited_source_once(contexts: dict[str, ReportDocument]) -> None:
    doc = contexts["vi"]
    annex = doc.section("annexes")
    assert annex.role == "annex"
    sources = _table(annex, "sources")
    numbers = [int(plain(r.cells[0]).strip("[]")) for r in sources.rows]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {int(n) for s in doc.sections for t in _texts(s) for c in re.findall(r"\[([\d,\s–]+)\]", t)
             for n in re.findall(r"\d+", c)}  # fmt: skip
    assert cited and cited <= set(numbers)
    row = _row(_table(annex, "full"), DE_TARGET)
    assert row[1].startswith(f"{DE_TARGET} (Nghị quyết 52-NQ/TW, II.2; Đến năm 2025)")
    assert row[4].startswith("14,02% GDP (2025) [")
    run = next(plain(b.runs) for b in annex.blocks if isinstance(b, Para) and b.role == "run")
    assert re.fullmatch(
        r"Lượt đánh giá: số liệu tính đến ngày \d\d/\d\d/\d{4}; phiên bản phương pháp \S+; "
        r"mã băm danh mục [0-9a-f]{64}; mã băm dữ liệu [0-9a-f]{64}\.",
        run,
    )


def test_cite_text() -> None:
    assert cite_text([3, 4, 5, 9]) == "[3–5, 9]"
    assert cite_text([2, 3]) == "[2, 3]"
    assert cite_text([]) == ""


# ---------------------------------------------------------------- DOCX and HTML say the same thing


class _HtmlUnits(HTMLParser):
    """The text of every paragraph, list item, heading, caption and table cell after the masthead."""

    UNITS = frozenset({"p", "li", "h1", "h2", "h3", "td", "th", "figcaption"})

    def __init__(self) -> None:
        super().__init__()
        self.units: list[str] = []
        self.buf: list[str] | None = None
        self.started = False
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.started = True
        if tag in ("style", "title"):
            self.skip += 1
        if self.started and tag in self.UNITS:
            self.buf = []
        elif self.buf is not None and tag == "q":
            self.buf.append("“")
        elif self.buf is not None and tag == "br":
            self.buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self.skip -= 1
        if self.buf is not None and tag == "q":
            self.buf.append("”")
        elif self.buf is not None and tag in self.UNITS:
            self.units.append(" ".join("".join(self.buf).split()))
            self.buf = None

    def handle_data(self, data: str) -> None:
        if self.buf is not None and not self.skip:
            self.buf.append(data)


def _docx_units(path: Path) -> list[str]:
    """The same units from the Word file: paragraphs (field results and links included), table cells with
    their paragraphs joined; the masthead table, empty paragraphs and the decorative rule are left out."""
    import docx
    from docx.oxml.ns import qn

    def text(el: object) -> str:
        return "".join(t.text or "" for t in el.iter(qn("w:t")))  # type: ignore[attr-defined]

    body = docx.Document(str(path)).element.body
    units: list[str] = []
    tables = 0
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            t = " ".join(text(el).split())
            if t and set(t) != {"—"}:
                units.append(t)
        elif el.tag == qn("w:tbl"):
            tables += 1
            if tables == 1:
                continue
            for cell in el.iter(qn("w:tc")):
                units.append(" ".join(" ".join(text(p) for p in cell.iter(qn("w:p"))).split()))
    return units


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_docx_and_html_say_the_same_sentences(files: dict[tuple[str, str], Path], lang: str) -> None:
    parser = _HtmlUnits()
    parser.feed(files[(lang, "html")].read_text(encoding="utf-8"))
    html = parser.units
    word = _docx_units(files[(lang, "docx")])
    assert len(html) > 500
    assert word == html
    # a cited figure and a status sentence, in both
    sentence = "14,02% GDP" if lang == "vi" else "14.02% of GDP"
    assert any(u.startswith(("Mới nhất: " if lang == "vi" else "Latest: ") + sentence) for u in word)


# ---------------------------------------------------------------- files


def test_every_format_and_language_writes_a_file(files: dict[tuple[str, str], Path]) -> None:
    assert len(files) == 6
    for (_lang, fmt), path in files.items():
        assert path.exists() and path.stat().st_size > 10_000, (fmt, path)
    assert files[("vi", "pdf")].read_bytes().startswith(b"%PDF")


def test_docx_is_a_structured_word_document(files: dict[tuple[str, str], Path]) -> None:
    import docx

    doc = docx.Document(str(files[("vi", "docx")]))
    h1 = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert h1[:4] == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. HẠN CHẾ, TỒN TẠI",
        "III. NGUYÊN NHÂN",
        "IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM",
    ]
    assert len(doc.tables) >= 6
    captions = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Caption"]
    # "Bảng n:" / "Hình n:" with n a Word SEQ field (its shown value is in the field, not in p.text)
    assert any(c.text.startswith("Bảng ") and "SEQ Table" in c._p.xml and ">1<" in c._p.xml for c in captions)
    assert any(c.text.startswith("Hình ") and "SEQ Figure" in c._p.xml for c in captions)
    assert doc.sections[0].header.paragraphs[0]._p.xml.count("PAGE")
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.sections[-1].page_width > doc.sections[-1].page_height  # annexes in landscape
    en = docx.Document(str(files[("en", "docx")]))
    assert "I. RESULTS ACHIEVED" in [
        p.text for p in en.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]


def _pdf_chunks(data: bytes) -> list[bytes]:
    """The PDF's raw bytes and every Flate stream decompressed (fonts dictionaries may sit in object streams)."""
    chunks = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        end = data.find(b"endstream", start)
        try:
            chunks.append(zlib.decompress(data[start:end]))
        except zlib.error:
            continue
    return chunks


def test_pdf_embeds_fonts_and_keeps_diacritics(files: dict[tuple[str, str], Path]) -> None:
    data = files[("vi", "pdf")].read_bytes()
    text = b"\n".join(_pdf_chunks(data))
    assert b"/FontFile2" in text  # TrueType programs embedded
    assert b"Noto-Serif" in text
    base_fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", text))
    assert base_fonts and all(b"+" in f for f in base_fonts if not f.startswith(b"Identity")), base_fonts
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(files[("vi", "pdf")]), "-"], capture_output=True)
        extracted = out.stdout.decode("utf-8")
        assert "KẾT QUẢ ĐẠT ĐƯỢC" in extracted
        assert "NGUYÊN NHÂN" in extracted
        assert "14,02%" in extracted


def test_html_is_self_contained(files: dict[tuple[str, str], Path]) -> None:
    html = files[("vi", "html")].read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert not re.search(r"""(src|srcset)\s*=\s*["']?https?:""", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert html.count("data:image/png;base64,") >= 3
    assert "data:font/ttf;base64," in html
    assert "<title>Báo Cáo — Sơ kết Nghị quyết 52-NQ/TW</title>" in html


def test_report_as_of_a_past_date(engine: Engine, pack: ContentPack) -> None:
    ctx = build_context(engine, pack, lang="vi", as_of=dt.date(2024, 6, 30), today=TODAY)
    row = _row(_table(ctx.section("sec-1"), "targets"), DE_TARGET)
    assert row[2] == "12,33% GDP" and row[3] == "2023"
    assert ctx.title.as_of_line == "Số liệu tính đến ngày: 30/06/2024"
    assert "ngày 30 tháng 06 năm 2024" in ctx.title.place_date
    html = render_html(ctx)
    assert "12,33% GDP" in html[html.index('id="sec-1"') : html.index('id="sec-2"')]


def test_cli_report_rejects_unknown_format_and_writes_html(db_url: str, tmp_path: Path) -> None:
    app = typer.Typer()

    @app.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = CliState(db_url=db_url)

    register(app)
    runner = CliRunner()
    bad = runner.invoke(app, ["report", "--format", "odt", "--out", str(tmp_path / "r.odt")])
    assert bad.exit_code != 0
    out = tmp_path / "r.html"
    ok = runner.invoke(app, ["report", "--lang", "en", "--format", "html", "--out", str(out), "--as-of", "2024-06-30"])
    assert ok.exit_code == 0, ok.output
    assert out.exists() and str(out.name) in ok.output


def test_docx_sources_are_clickable_links(files: dict[tuple[str, str], Path]) -> None:
    """Annex C: each web source is a real hyperlink in the Word document, pointing at the cited page."""
    import docx as python_docx

    document = python_docx.Document(str(files[("vi", "docx")]))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert any(t.startswith("https://baomoi.net.vn/") for t in targets)  # the GSO release of 6/1/2025
    assert all(t.startswith(("http://", "https://")) for t in targets)


# ---------------------------------------------------------------- one report per content pack

PACK_TITLES = {
    "vn-nq52": ("Sơ kết việc thực hiện Nghị quyết số 52-NQ/TW", "Sơ kết Nghị quyết 52-NQ/TW"),
    "vn-nq57": ("Sơ kết việc thực hiện Nghị quyết số 57-NQ/TW", "Sơ kết Nghị quyết 57-NQ/TW"),
}


@pytest.mark.parametrize("pack_id", sorted(PACK_TITLES))
def test_each_pack_titles_its_report(pack_id: str, data_dir: Path, tmp_path: Path, loaded_db_url: str) -> None:
    if pack_id not in available_packs():
        pytest.skip(f"content pack {pack_id} is not bundled on this branch yet")
    from dxtrack.services import store as svc

    other = load_pack(pack_id)
    dst = tmp_path / "dxtrack.db"
    shutil.copy(Path(loaded_db_url.removeprefix("sqlite:///")), dst)
    engine = open_store(f"sqlite:///{dst}")
    svc.load_content_pack(engine, other)
    doc = build_context(engine, other, lang="vi", today=TODAY)
    html = render_html(doc)
    engine.dispose()
    title_text, doc_title = PACK_TITLES[pack_id]
    assert doc.title.title.startswith(title_text)
    assert doc.doc_title == f"Báo Cáo — {doc_title}"
    wrong = "57-NQ/TW" if pack_id == "vn-nq52" else "52-NQ/TW"
    assert wrong not in doc.title.title and wrong not in doc.doc_title
    assert html.count("<h2>") >= 4 and len(doc.section("sec-1").blocks) > 3
