"""One status vocabulary everywhere: the CLI board, the web board and the review report show the same words for
the same judgement (present.status_label), in Vietnamese and English, including the verdicts at the deadline."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.domain.status import Status
from dxtrack.present import STATUS_LABELS, status_label
from dxtrack.reports import build_context
from dxtrack.reports.html import render_html
from dxtrack.services.store import open_store

TODAY = dt.date(2026, 12, 1)
# R52.2025.digital_economy_20 on the bundled data as of 01/12/2026: 14.02 % in 2025 against ~20 % → not achieved
EXPECTED = {"vi": "Không đạt", "en": "Target not achieved"}


def test_every_status_has_one_label_per_language() -> None:
    assert set(STATUS_LABELS) == set(Status)
    for lang in ("vi", "en"):
        words = [status_label(s, lang) for s in Status]
        assert len(set(words)) == len(words)  # no two statuses read alike
    assert [status_label(Status.TARGET_NOT_ACHIEVED, lang) for lang in ("vi", "en")] == list(EXPECTED.values())


@pytest.fixture(scope="module")
def db(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    dst = tmp_path_factory.mktemp("vocab") / "dxtrack.db"
    shutil.copy(Path(loaded_db_url.removeprefix("sqlite:///")), dst)
    return f"sqlite:///{dst}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cli_web_and_report_say_the_same_word(
    db: str, client: httpx.Client, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dxtrack.cli.common import console

    word = EXPECTED[lang]
    monkeypatch.setattr(console, "width", 250)  # one line per target
    cli = CliRunner().invoke(app, ["--db", db, "assess", "--lang", lang, "--as-of", TODAY.isoformat()])
    assert cli.exit_code == 0, cli.output
    row = next(line for line in cli.output.splitlines() if "R52.2025.digital_economy" in line)
    assert word in row
    page = client.get(f"/?as_of={TODAY.isoformat()}&lang={lang}")
    assert page.status_code == 200
    assert re.search(rf">\s*{re.escape(word)}\s*<", page.text)
    engine = open_store(db)
    html = render_html(build_context(engine, load_pack(), lang=lang, as_of=TODAY))  # type: ignore[arg-type]
    engine.dispose()
    assert f'class="status st-target_not_achieved">{word}<' in html
    # words of other vocabularies never appear as a status
    others = html.replace(status_label("limited_progress", "vi"), "")
    assert "Tiến bộ hạn chế" not in html and "Tiến triển" not in others
