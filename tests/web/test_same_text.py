"""The proof of one formatter: the same assessment reads the same in the CLI table, on a page served over real
HTTP and in the HTML review report (status label, latest value, probability, date, target wording)."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

DAY = dt.date(2025, 11, 23)  # before the 2025 figure (published 5 Jan 2026)
TARGET = "R52.2025.digital_economy_20"
# Hand-written: what every interface must print for the digital-economy target on these data.
EXPECTED = {
    "vi": ["Tiến triển hạn chế", "13,17% GDP", "dưới 1%", "23/11/2025", "khoảng 20% GDP vào năm 2025"],
    "en": ["Limited progress", "13.17% of GDP", "under 1%", "23 Nov 2025", "about 20% of GDP by 2025"],
}


def _plain(text: str) -> str:
    """Visible text of HTML (tags dropped, entities decoded, spaces collapsed)."""
    text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.fixture(scope="module")
def private_db(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the web database: the CLI and the report store their runs."""
    dst = tmp_path_factory.mktemp("same") / "dxtrack.db"
    shutil.copy(web_db.removeprefix("sqlite:///"), dst)
    return f"sqlite:///{dst}"


def _cli(db: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    from dxtrack.cli.common import console
    from dxtrack.cli.main import app

    monkeypatch.setattr(console.rich, "width", 400)  # one table row per target, no wrapping
    args = ["--db", db, "assess", "--as-of", DAY.isoformat(), "--lang", lang]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    line = next(x for x in out.stdout.splitlines() if TARGET in x)
    title = next(x for x in out.stdout.splitlines() if DAY.strftime("%Y") in x and "202" in x)
    return re.sub(r"\s+", " ", f"{title} {line}")


def _web(server: str, lang: str) -> str:
    page = httpx.get(f"{server}/targets/{TARGET}", params={"lang": lang, "as_of": DAY.isoformat()}, timeout=120)
    assert page.status_code == 200
    return _plain(page.text)


def _report(db: str, lang: str, out: Path) -> str:
    from dxtrack.catalog import load_pack
    from dxtrack.reports import write_report
    from dxtrack.services.store import open_store

    engine = open_store(db)
    try:
        path = write_report(engine, load_pack(), lang=lang, fmt="html", out=out / f"r-{lang}.html", as_of=DAY)
    finally:
        engine.dispose()
    return _plain(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cli_web_and_report_print_the_same_words(
    server: str, private_db: str, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = {
        "cli": _cli(private_db, lang, monkeypatch),
        "web": _web(server, lang),
        "report": _report(private_db, lang, tmp_path),
    }
    for expected in EXPECTED[lang]:
        for where, text in texts.items():
            assert expected in text, f"{where} lacks {expected!r}"
