"""The review report: formats, languages, structure, fonts, self-containment and traceability of figures."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import Engine
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.context import CliState
from dxtrack.cli.report import register
from dxtrack.domain.status import Reason
from dxtrack.reports import ReportContext, build_context, render
from dxtrack.reports.context import cite_text
from dxtrack.reports.html import render_html
from dxtrack.reports.i18n import num, prob, reason_text
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
def contexts(engine: Engine) -> dict[str, ReportContext]:
    pack = load_pack()
    return {lang: build_context(engine, pack, lang=lang, today=TODAY) for lang in ("vi", "en")}  # type: ignore[misc]


@pytest.fixture(scope="module")
def files(contexts: dict[str, ReportContext], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("out")
    return {
        (lang, fmt): render(ctx, fmt, out / f"report-{lang}.{fmt}")
        for lang, ctx in contexts.items()
        for fmt in ("html", "pdf", "docx")
    }


def _row(ctx: ReportContext, target_id: str) -> dict[str, Any]:
    return next(t for t in ctx.targets if t["id"] == target_id)


def _source(ctx: ReportContext, cite: str) -> dict[str, Any]:
    n = int(re.match(r"\[(\d+)", cite).group(1))  # type: ignore[union-attr]
    return next(s for s in ctx.sources if s["n"] == n)


def test_every_format_and_language_writes_a_file(files: dict[tuple[str, str], Path]) -> None:
    assert len(files) == 6
    for (_lang, fmt), path in files.items():
        assert path.exists() and path.stat().st_size > 10_000, (fmt, path)
    assert files[("vi", "pdf")].read_bytes().startswith(b"%PDF")


def test_docx_is_a_structured_word_document(files: dict[tuple[str, str], Path]) -> None:
    import docx

    doc = docx.Document(str(files[("vi", "docx")]))
    h1 = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    for numeral, title in (("I.", "KẾT QUẢ ĐẠT ĐƯỢC"), ("II.", "HẠN CHẾ, TỒN TẠI"), ("III.", "NGUYÊN NHÂN")):
        assert f"{numeral} {title}" in h1
    assert "IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM" in h1
    assert len(doc.tables) >= 6
    captions = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Caption"]
    # "Bảng n:" / "Hình n:" with n a Word SEQ field (its shown value is in the field, not in p.text)
    assert any(c.text.startswith("Bảng ") and "SEQ Table" in c._p.xml and ">1<" in c._p.xml for c in captions)
    assert any(c.text.startswith("Hình ") and "SEQ Figure" in c._p.xml for c in captions)
    assert doc.sections[0].header.paragraphs[0].text or doc.sections[0].header.paragraphs[0]._p.xml.count("PAGE")
    assert doc.styles["Normal"].font.name == "Times New Roman"
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
        assert "KẾT QUẢ ĐẠT ĐƯỢC" in extracted or "Kết quả đạt được" in extracted
        assert "Nguyên nhân".upper() in extracted
        assert "14,02%" in extracted


def test_html_is_self_contained(files: dict[tuple[str, str], Path]) -> None:
    html = files[("vi", "html")].read_text(encoding="utf-8")
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert not re.search(r"""(src|srcset)\s*=\s*["']?https?:""", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert html.count("data:image/png;base64,") >= 3
    assert "data:font/ttf;base64," in html


def test_figure_is_cited_to_its_source(contexts: dict[str, ReportContext], engine: Engine) -> None:
    with engine.connect() as conn:
        obs = repo.observations(conn, indicators=["DE_SHARE_GDP"], areas=["VNM"])
    latest = obs[obs["period"] == "2025"].iloc[-1]  # NSO estimate released 5/1/2026
    vi, en = contexts["vi"], contexts["en"]
    row = _row(vi, DE_TARGET)
    assert row["latest"] == f"{num(float(latest['value']), 'vi')}% GDP" == "14,02% GDP"
    assert row["period"] == "2025"
    assert _source(vi, row["cite"])["title"] == latest["source_title"]
    assert _row(en, DE_TARGET)["latest"] == "14.02% of GDP"
    assert _source(en, _row(en, DE_TARGET)["cite"])["title"] == latest["source_title"]
    html = render_html(vi)
    assert "14,02% GDP</td>" in html.replace("\n", "")
    # every citation in the report points at a listed source
    listed = {s["n"] for s in vi.sources}
    for t in vi.targets:
        for n in re.findall(r"\d+", t["cite"]):
            assert int(n) in listed


def test_report_as_of_a_past_date_and_with_a_note(engine: Engine) -> None:
    pack = load_pack()
    records.add_note(
        engine,
        section="causes",
        text="Đầu tư cho hạ tầng dữ liệu còn phân tán.",
        author="Chuyên viên A",
        date=dt.date(2024, 5, 2),
    )
    ctx = build_context(engine, pack, lang="vi", as_of=dt.date(2024, 6, 30), today=TODAY)
    row = _row(ctx, DE_TARGET)
    assert row["latest"] == "12,33% GDP" and row["period"] == "2023"
    assert ctx.meta["as_of"] == "30/06/2024"
    assert "ngày 30 tháng 06 năm 2024" in ctx.meta["place_date"]
    html = render_html(ctx)
    section3 = html[html.index('id="sec-3"') : html.index('id="sec-4"')]
    assert "Đầu tư cho hạ tầng dữ liệu còn phân tán." in section3
    assert "Chuyên viên A" in section3
    assert ctx.labels["s3_await"] not in section3


def test_without_notes_section_three_awaits_them(contexts: dict[str, ReportContext]) -> None:
    html = render_html(contexts["vi"])
    section3 = html[html.index('id="sec-3"') : html.index('id="sec-4"')]
    assert "chờ nhận định" in section3
    assert contexts["vi"].doc_causes  # the Conclusion's own causes, quoted


def test_formatting_helpers() -> None:
    assert num(1234.5, "vi") == "1.234,5"
    assert num(1234.5, "en") == "1,234.5"
    assert prob(0.00002, "vi") == "dưới 1%"
    assert prob(0.2142, "en") == "21%"
    assert cite_text([3, 4, 5, 9]) == "[3–5, 9]"
    assert cite_text([2, 3]) == "[2, 3]"
    window = Reason("no_observation_in_window", {"first": 2025, "last": 2030})
    assert reason_text(window, "vi") == "chưa có số liệu trong giai đoạn 2025–2030"


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


def test_section_iv_for_one_body(loaded_db_url: str) -> None:
    """A body reviewing its own tasks: section IV keeps only the tasks the texts assign to it."""
    from dxtrack.catalog import load_pack
    from dxtrack.reports import ReportOptions, build_context
    from dxtrack.services.store import open_store

    pack = load_pack()
    engine = open_store(loaded_db_url)
    ctx = build_context(engine, pack, lang="vi", options=ReportOptions(bodies=("NATIONAL_DX_COMMITTEE",)))
    listed = {t["id"] for g in ctx.groups for t in g["tasks"]}
    assigned = {t.id for g in pack.policy_groups for t in g.tasks if "NATIONAL_DX_COMMITTEE" in t.bodies}
    assert listed == assigned and assigned
    engine.dispose()


def test_docx_sources_are_clickable_links(tmp_path: Path, loaded_db_url: str) -> None:
    """Annex C: each web source is a real hyperlink in the Word document, pointing at the cited page."""
    import docx as python_docx

    from dxtrack.catalog import load_pack
    from dxtrack.reports import write_report
    from dxtrack.services.store import open_store

    engine = open_store(loaded_db_url)
    out = write_report(engine, load_pack(), lang="vi", fmt="docx", out=tmp_path / "r.docx")
    engine.dispose()
    document = python_docx.Document(str(out))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert any(t.startswith("https://baomoi.net.vn/") for t in targets)  # the GSO release of 6/1/2025
    assert all(t.startswith(("http://", "https://")) for t in targets)
