"""Evidence files: real small PDF, DOCX, XLSX, PNG and JPEG files stored by content (sha256), wrong types and
oversize files refused from their content, a scan hook, and `submit --evidence` storing nothing unless the report
passes validation."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import Workbook
from PIL import Image
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.services import files
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.settings import FileSettings
from dxtrack.store import Engine
from dxtrack.store import loop as rows
from tests.loop_support import MINISTRY, prepare

runner = CliRunner()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def engine(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    url = db_url
    monkeypatch.setenv("DXTRACK_DB", url)
    monkeypatch.setenv("DXTRACK_FILES_DIR", str(tmp_path / "store"))
    monkeypatch.delenv("DXTRACK_AV_COMMAND", raising=False)
    monkeypatch.delenv("DXTRACK_MAX_FILE_MB", raising=False)
    engine = open_store(url)
    prepare(engine)
    return engine


def dx(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output + (str(result.exception) if result.exit_code else "")


def samples(folder: Path) -> dict[str, Path]:
    out = {"pdf": folder / "quyet-dinh.pdf", "png": folder / "anh.png", "jpeg": folder / "anh.jpg",
           "docx": folder / "bao-cao.docx", "xlsx": folder / "so-lieu.xlsx"}  # fmt: skip
    out["pdf"].write_bytes(PDF)
    Image.new("RGB", (2, 2), (200, 30, 30)).save(out["png"])
    Image.new("RGB", (2, 2), (30, 30, 200)).save(out["jpeg"], format="JPEG")
    doc = Document()
    doc.add_paragraph("Quyết định số 1/QĐ-BKHCN")
    doc.save(str(out["docx"]))
    wb = Workbook()
    wb.active["A1"] = 42
    wb.save(out["xlsx"])
    return out


def stored(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "store").rglob("*") if p.is_file())


def test_each_allowed_type_is_stored_by_its_content(engine: Engine, tmp_path: Path) -> None:
    for kind, path in samples(tmp_path).items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        code, out = dx("file", "add", str(path), "--org", MINISTRY, "--as", "sub-most")
        assert (code, out) == (0, digest + "\n"), out
        blob = tmp_path / "store" / digest[:2] / digest
        assert blob.read_bytes() == path.read_bytes()
        row = files.get_file(engine, digest)
        assert row is not None and (row["media_type"], row["size"], row["scan"]) == (
            files.MEDIA_TYPES[kind],
            path.stat().st_size,
            "not_scanned",
        )
    # the same content again (under another name): the same hash, nothing new
    again = tmp_path / "ban-sao.pdf"
    again.write_bytes(PDF)
    assert (
        dx("file", "add", str(again), "--org", MINISTRY, "--as", "sub-most")[1].strip()
        == hashlib.sha256(PDF).hexdigest()
    )
    assert len(stored(tmp_path)) == 5
    assert verify(engine).problems == []
    code, out = dx("file", "add", str(again), "--org", "MOF", "--as", "sub-most")
    assert code == 1 and "does not hold the role submitter or coordinator for organisation MOF" in out


def test_bad_files_are_refused_from_their_content(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "quyet-dinh.pdf"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)  # a Windows program named .pdf
    png_named_pdf = tmp_path / "anh.pdf"
    Image.new("RGB", (1, 1)).save(png_named_pdf, format="PNG")
    empty = tmp_path / "rong.pdf"
    empty.write_bytes(b"")
    cases = {
        exe: "quyet-dinh.pdf: the content is not PDF, DOCX, XLSX, PNG or JPEG (checked from the content, not the name)",
        png_named_pdf: "anh.pdf: the name ends in '.pdf' but the content is PNG",
        empty: "rong.pdf: the file is empty",
    }
    for path, message in cases.items():
        code, out = dx("file", "add", str(path), "--org", MINISTRY, "--as", "sub-most")
        assert code == 1 and out.endswith(message), out
    big = tmp_path / "lon.pdf"
    big.write_bytes(PDF + b"%" * 2000)
    monkeypatch.setenv("DXTRACK_MAX_FILE_MB", "0.001")  # 1,048 bytes
    code, out = dx("file", "add", str(big), "--org", MINISTRY, "--as", "sub-most")
    assert code == 1 and out.endswith(
        f"lon.pdf: the file is {len(PDF) + 2000} bytes, over the limit of 1048 bytes (DXTRACK_MAX_FILE_MB)"
    )
    assert stored(tmp_path) == []
    with engine.connect() as conn:
        assert rows.evidence_file(conn, hashlib.sha256(big.read_bytes()).hexdigest()) is None


def test_the_scan_hook(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scanner = tmp_path / "av.sh"  # like clamdscan: exit 0 clean, 1 found
    scanner.write_text('if grep -q EICAR "$1"; then echo "$1: Eicar-Signature FOUND"; exit 1; fi; echo OK\n')
    monkeypatch.setenv("DXTRACK_AV_COMMAND", f"sh {scanner}")
    clean = samples(tmp_path)["pdf"]
    infected = tmp_path / "nhiem.pdf"
    infected.write_bytes(PDF + b"EICAR\n")
    cfg = FileSettings.from_env()
    assert files.check_file(clean, cfg).scan == "clean"
    code, out = dx("file", "add", str(infected), "--org", MINISTRY, "--as", "sub-most")
    assert code == 1 and out.endswith(
        f"nhiem.pdf: the virus scanner reports it infected ({infected}: Eicar-Signature FOUND)"
    )
    assert stored(tmp_path) == []


def template(tmp_path: Path, call: int) -> dict[str, Any]:
    out = tmp_path / "tpl.json"
    assert dx("call", "template", str(call), "--org", MINISTRY, "--format", "json", "--out", str(out))[0] == 0
    return dict(json.loads(out.read_text(encoding="utf-8")))


def test_submit_with_evidence(engine: Engine, tmp_path: Path) -> None:
    code, out = dx("call", "create", "--pack", "vn-nq57", "--title", "Báo cáo năm 2025", "--period", "2025",
                   "--cutoff", "2025-12-15", "--due", "2099-01-15", "--orgs", MINISTRY, "--as", "coord",
                   "--format", "json")  # fmt: skip
    call = int(json.loads(out)["id"])
    pdf = samples(tmp_path)["pdf"]
    digest = hashlib.sha256(PDF).hexdigest()
    tpl = template(tmp_path, call)
    done = {"status": "completed", "product": "Quyết định số 1/QĐ-TTg", "evidence": []}
    filled = tmp_path / "filled.json"

    def submit(values: dict[str, Any], *evidence: str) -> tuple[int, str]:
        for item in tpl["items"]:
            item["value"] = values.get(item["id"])
        filled.write_text(json.dumps(tpl, ensure_ascii=False), encoding="utf-8")
        extra = [a for e in evidence for a in ("--evidence", e)]
        return dx("submit", str(call), "--org", MINISTRY, "--file", str(filled), *extra, "--as", "sub-most")

    # the report has an error: the file is not stored either
    code, out = submit({"EGDI_RANK": 0, "CP.1": done}, f"CP.1={pdf}")
    assert code == 1 and "rule 'min'" in out
    assert stored(tmp_path) == [] and files.get_file(engine, digest) is None
    # evidence for a task the report leaves empty; a bad file; a malformed option: refused, nothing stored
    assert submit({"CP.1": done}, f"CP.2={pdf}")[1].endswith(
        "--evidence CP.2: the report does not report task 'CP.2' (fill in the task's status)"
    )
    assert submit({"CP.1": done}, f"CP.1={tmp_path / 'missing.pdf'}")[0] == 1
    assert submit({"CP.1": done}, "CP.1")[1].endswith("--evidence 'CP.1': expected TASK_ID=PATH")
    assert stored(tmp_path) == []
    # without the file, 'completed' lacks evidence; with it, the report passes and the file is stored
    assert "rule 'evidence_required'" in submit({"CP.1": done})[1]
    code, out = submit({"CP.1": done}, f"CP.1={pdf}")
    assert code == 0 and "revision 1" in out, out
    assert stored(tmp_path) == [tmp_path / "store" / digest[:2] / digest]
    assert dx("review", str(call), "--org", MINISTRY, "--approve", "--as", "appr-most")[0] == 0
    assert dx("review", str(call), "--org", MINISTRY, "--accept", "--as", "coord")[0] == 0
    with engine.connect() as conn:
        history = rows.task_statuses(conn, "CP.1")
    assert [(t["status"], t["evidence"]) for t in history] == [("completed", [f"sha256:{digest}"])]
    assert verify(engine).problems == []
