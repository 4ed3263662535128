"""The data snapshot shipped in the package, its manifest, and `dxtrack data sync` (on copies, never the real one)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.ingest import snapshot
from dxtrack.settings import data_dir, packaged_data_dir

runner = CliRunner()
EXTRA = b"a,b\n1,2\n"
PACKAGED = packaged_data_dir()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_packaged_snapshot_matches_its_manifest() -> None:
    body = json.loads((PACKAGED / "MANIFEST.json").read_text(encoding="utf-8"))
    assert body["snapshot_date"] == "2026-12-01"
    files = {f["path"]: f for f in body["files"]}
    assert len(files) == 24 and "MANIFEST.json" not in files
    assert {"SOURCES.md", "sources.csv", "peers/coinr_asem/ASEM_iData.csv"} <= set(files)
    calendar = PACKAGED / "vietnam_national" / "release_calendar.csv"
    assert files["vietnam_national/release_calendar.csv"] == {
        "path": "vietnam_national/release_calendar.csv",
        "sha256": sha(calendar.read_bytes()),
        "bytes": 1165,
    }
    assert snapshot.verify(PACKAGED) == []


def test_data_dir_is_the_packaged_snapshot_unless_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DXTRACK_DATA_DIR", raising=False)
    assert data_dir() == PACKAGED.resolve()
    assert PACKAGED.parts[-3:] == ("dxtrack", "resources", "data")
    (tmp_path / "sources.csv").write_text("source_id\n", encoding="utf-8")
    monkeypatch.setenv("DXTRACK_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path.resolve()
    monkeypatch.setenv("DXTRACK_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(Exception, match=r"nowhere \(from DXTRACK_DATA_DIR\) has no sources.csv"):
        data_dir()


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the packaged snapshot (the sync target) and a newer drop: one file changed, one added, one removed."""
    target = tmp_path / "snapshot"
    shutil.copytree(PACKAGED, target)
    drop = tmp_path / "drop"
    shutil.copytree(PACKAGED, drop, ignore=shutil.ignore_patterns("MANIFEST.json"))
    with (drop / "vietnam_national" / "release_calendar.csv").open("a", encoding="utf-8") as fh:
        fh.write("WIPO,Global Innovation Index,2026,2026-09-15,https://example.org/gii-2026,invented for the test\n")
    (drop / "vietnam_national" / "extra.csv").write_bytes(EXTRA)
    (drop / "peers" / "README.md").unlink()
    return target, drop


def test_sync_reports_and_applies_the_changes(copies: tuple[Path, Path]) -> None:
    target, drop = copies
    real_manifest = (PACKAGED / "MANIFEST.json").read_bytes()
    old_calendar = (PACKAGED / "vietnam_national" / "release_calendar.csv").read_bytes()
    new_calendar = (drop / "vietnam_national" / "release_calendar.csv").read_bytes()
    readme = (PACKAGED / "peers" / "README.md").read_bytes()
    result = runner.invoke(app, ["data", "sync", str(drop), "--into", str(target), "--date", "2027-01-15"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"added    vietnam_national/extra.csv (8 bytes, sha256 {sha(EXTRA)[:12]})",
        f"changed  vietnam_national/release_calendar.csv (1165 → {len(new_calendar)} bytes, "
        f"sha256 {sha(old_calendar)[:12]} → {sha(new_calendar)[:12]})",
        f"removed  peers/README.md (3303 bytes, sha256 {sha(readme)[:12]})",
        "1 added, 1 changed, 1 removed, 22 unchanged",
        f"{target.resolve()}: snapshot 2026-12-01 → 2027-01-15, manifest rewritten",
    ]
    assert len(new_calendar) == 1165 + 96
    manifest = json.loads((target / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["snapshot_date"] == "2027-01-15"
    files = {f["path"]: (f["sha256"], f["bytes"]) for f in manifest["files"]}
    assert files["vietnam_national/extra.csv"] == (sha(EXTRA), 8)
    assert files["vietnam_national/release_calendar.csv"] == (sha(new_calendar), 1261)
    assert "peers/README.md" not in files and len(files) == 24
    assert (target / "vietnam_national" / "release_calendar.csv").read_bytes() == new_calendar
    assert not (target / "peers" / "README.md").exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["drop", "snapshot"]  # no temporary folder left
    assert snapshot.verify(target) == []
    assert (PACKAGED / "MANIFEST.json").read_bytes() == real_manifest  # the real snapshot is untouched

    again = runner.invoke(app, ["data", "sync", str(drop), "--into", str(target)])
    assert again.output.splitlines() == [
        "0 added, 0 changed, 0 removed, 24 unchanged",
        f"{target.resolve()}: snapshot of 2027-01-15 is up to date",
    ]


def test_sync_dry_run_writes_nothing(copies: tuple[Path, Path]) -> None:
    target, drop = copies
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["data", "sync", str(drop), "--into", str(target), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[3:] == [
        "1 added, 1 changed, 1 removed, 22 unchanged",
        f"dry run: {target} left unchanged (snapshot of 2026-12-01)",
    ]
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_sync_refuses_a_folder_that_is_not_a_drop(copies: tuple[Path, Path]) -> None:
    target, drop = copies
    (drop / "SOURCES.md").unlink()
    before = (target / "MANIFEST.json").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "dxtrack", "data", "sync", str(drop), "--into", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: {drop}: not a data drop, SOURCES.md missing"
    assert (target / "MANIFEST.json").read_bytes() == before
