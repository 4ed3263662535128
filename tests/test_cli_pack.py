"""``dxtrack --pack ID`` (or ``DXTRACK_PACK``): every command works on the chosen content pack.

A second pack is made by copying the bundled vn-nq52 folder under another id and title, so the tests can see
which pack a command used without depending on the content of other packs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxtrack.catalog.loader import available_packs, default_pack_path
from dxtrack.cli.main import app

runner = CliRunner()
COPY_TITLE = "Gói thử nghiệm — bản sao của Nghị quyết 52"


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """The bundled pack copied to a folder, with its id and Vietnamese title changed."""
    folder = tmp_path / "test-copy"
    shutil.copytree(default_pack_path(), folder)
    pack_yaml = folder / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    assert text.count("\nid: vn-nq52\n") == 1 and text.count("\ntitle_vi: ") == 1
    text = text.replace("\nid: vn-nq52\n", "\nid: test-copy\n")
    head, _, rest = text.partition("\ntitle_vi: ")
    text = head + f'\ntitle_vi: "{COPY_TITLE}"\n' + rest.split("\n", 1)[1]
    pack_yaml.write_text(text, encoding="utf-8")
    return folder


def dxtrack(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real console entry in a fresh interpreter (errors are printed by it, as a user sees them)."""
    return subprocess.run(
        [sys.executable, "-m", "dxtrack", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def test_available_packs_are_the_bundled_folders() -> None:
    packs = available_packs()
    assert "vn-nq52" in packs and packs == sorted(packs)
    result = runner.invoke(app, ["catalog", "packs"])
    assert result.exit_code == 0
    assert result.output.split() == packs


@pytest.mark.parametrize("how", ["option", "env"])
def test_unknown_pack_is_one_line_naming_the_available_packs(how: str, tmp_path: Path) -> None:
    args = ["--pack", "vn-nq99", "status"] if how == "option" else ["status"]
    env = {"DXTRACK_PACK": "vn-nq99"} if how == "env" else {}
    proc = dxtrack(*args, env=env, cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0] == f"error: unknown content pack 'vn-nq99'; available packs: {', '.join(available_packs())} " + (
        "(or give a pack folder)"
    )
    assert not (tmp_path / "var").exists()  # refused before any database was opened


def test_catalog_local_option_still_takes_a_path_and_now_an_id(pack_copy: Path) -> None:
    default = json.loads(runner.invoke(app, ["catalog", "export"]).stdout)
    by_id = json.loads(runner.invoke(app, ["catalog", "export", "--pack", "vn-nq52"]).stdout)
    assert by_id == default and default["id"] == "vn-nq52"
    by_path = json.loads(runner.invoke(app, ["catalog", "export", "--pack", str(pack_copy)]).stdout)
    assert by_path["id"] == "test-copy" and by_path["title_vi"] == COPY_TITLE
    # the global option, and the local one winning over it
    globally = json.loads(runner.invoke(app, ["--pack", str(pack_copy), "catalog", "export"]).stdout)
    assert globally["id"] == "test-copy"
    local_wins = json.loads(
        runner.invoke(app, ["--pack", str(pack_copy), "catalog", "export", "--pack", "vn-nq52"]).stdout
    )
    assert local_wins["id"] == "vn-nq52"
    checked = runner.invoke(app, ["--pack", str(pack_copy), "catalog", "check"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("OK: 27 targets")


def test_status_and_assess_use_the_chosen_pack(pack_copy: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'dx.db'}"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    board = runner.invoke(app, ["--db", url, "--pack", str(pack_copy), "status"], env={"COLUMNS": "400"})
    assert board.exit_code == 0, board.output
    assert COPY_TITLE in board.output
    default_board = runner.invoke(app, ["--db", url, "status"], env={"COLUMNS": "400"})
    assert COPY_TITLE not in default_board.output and "Nghị quyết số 52-NQ/TW" in default_board.output
    by_env = runner.invoke(app, ["--db", url, "status"], env={"COLUMNS": "400", "DXTRACK_PACK": str(pack_copy)})
    assert COPY_TITLE in by_env.output
    judged = runner.invoke(app, ["--db", url, "--pack", str(pack_copy), "assess", "--format", "json"])
    assert judged.exit_code == 0, judged.output
    assert len(json.loads(judged.stdout)) == 27


def test_web_app_receives_the_pack_of_serve_workers(
    pack_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --workers N` hands the pack to each worker's create_app through DXTRACK_PACK."""
    from dxtrack.web.app import create_app

    url = f"sqlite:///{tmp_path / 'dx.db'}"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    monkeypatch.setenv("DXTRACK_PACK", str(pack_copy))
    assert create_app(url).state.dx.pack.title_vi == COPY_TITLE
    monkeypatch.delenv("DXTRACK_PACK")
    assert create_app(url).state.dx.pack.id == "vn-nq52"


@pytest.mark.parametrize("pack_id", available_packs())
def test_every_bundled_pack_is_chosen_by_its_id(pack_id: str) -> None:
    exported = runner.invoke(app, ["--pack", pack_id, "catalog", "export"])
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["id"] == pack_id
    by_env = runner.invoke(app, ["catalog", "export"], env={"DXTRACK_PACK": pack_id})
    assert json.loads(by_env.stdout)["id"] == pack_id
