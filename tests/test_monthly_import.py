"""Regression: monthly and quarterly values imported with ``dxtrack import`` are judged, and every
command and page keeps working (they used to fail with "two values for period 2025").

The database is the bundled real data (like ``loaded_db_url``; its latest year is 2025, with an annual
DE_SHARE_GDP value) plus one import of:
- DE_SHARE_GDP (Vietnam): 2025-12 = 15.5, 2026-03 = 19.37 and 2026-04 = 19.84 (target "about 20 % by 2025", ± 1);
- MOBILE_5G_POP_COVERAGE: 2026-Q1 = 92.0 and 2026-Q2 = 93.5;
- SL.GDP.PCAP.EM.KD (labour productivity; growth target for 2021-2025, annual data to 2024): 2025-Q1 = 9000.
Expected by the rule of docs/methods.md §0 (indicators use the default ``latest`` rule): 2025 keeps its
published annual value (2025-12 is set aside); 2026 reads 19.84 (period 2026-04, partial) and 93.5
(2026-Q2, partial); the 20 % target is achieved since |19.84 − 20| ≤ 1; the growth target leaves the
partial 2025 out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.store import repository as repo
from dxtrack.store.engine import make_engine
from dxtrack.web.launch import free_port, start_server

DE_TARGET = "R52.2025.digital_economy_20"
G5_TARGET = "KL.5g_99pct_population"
GROWTH_TARGET = "R52.2025.labour_productivity_growth"
ROWS = [
    ("DE_SHARE_GDP", "2025-12", "15.5"),
    ("DE_SHARE_GDP", "2026-03", "19.37"),
    ("DE_SHARE_GDP", "2026-04", "19.84"),
    ("MOBILE_5G_POP_COVERAGE", "2026-Q1", "92.0"),
    ("MOBILE_5G_POP_COVERAGE", "2026-Q2", "93.5"),
    ("SL.GDP.PCAP.EM.KD", "2025-Q1", "9000"),
]


@pytest.fixture(scope="module")
def monthly_db(loaded_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the loaded database plus the import above, through the real ``dxtrack import``."""
    folder = tmp_path_factory.mktemp("monthly")
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), folder / "dxtrack.db")
    url = f"sqlite:///{folder / 'dxtrack.db'}"
    csv = folder / "monthly.csv"
    csv.write_text("indicator,area,period,value\n" + "".join(f"{i},VNM,{p},{v}\n" for i, p, v in ROWS))
    out = CliRunner().invoke(
        app, ["--db", url, "import", str(csv), "--source", "test monthly release", "--published-on", "2025-05-20"]
    )
    assert out.exit_code == 0, out.output
    assert "6 observations written" in out.output
    return url


@pytest.fixture(scope="module")
def obs_ids(monthly_db: str) -> dict[str, int]:
    """The stored id of each imported value, by period label and indicator."""
    engine = make_engine(monthly_db)
    with engine.connect() as conn:
        frame = repo.observations(conn, indicators=sorted({i for i, _, _ in ROWS}), areas=["VNM"])
    engine.dispose()
    return {f"{r.indicator}@{r.period}": int(r.id) for r in frame.itertuples() if str(r.period)[:4] in ("2025", "2026")}


def _run(url: str, *args: str) -> str:
    out = CliRunner().invoke(app, ["--db", url, *args])
    assert out.exit_code == 0, out.output
    return str(out.output)


def test_assess_json_judges_the_monthly_and_quarterly_series(monthly_db: str, obs_ids: dict[str, int]) -> None:
    results = {r["target"]: r for r in json.loads(_run(monthly_db, "assess", "--format", "json"))}
    de = results[DE_TARGET]
    # the deadline (2025) has passed: the 2025 value judges the target, not a 2026 reading (19.84 would be within ±1)
    assert de["status"] == "target_not_achieved"
    assert de["latest"] == {"period": "2025", "value": 14.02}
    used, aside = obs_ids["DE_SHARE_GDP@2026-04"], obs_ids["DE_SHARE_GDP@2026-03"]
    assert used in de["observation_ids"] and aside not in de["observation_ids"]
    folded = {a["year"]: a for a in de["extra"]["annualised"]}
    assert (folded[2026]["rule"], folded[2026]["partial"], folded[2026]["period"]) == ("latest", True, "2026-04")
    assert folded[2026]["used"] == [{"period": "2026-04", "obs_id": used}]
    assert folded[2026]["set_aside"] == [{"period": "2026-03", "obs_id": aside}]
    # the published annual 2025 value takes precedence over the December reading
    assert (folded[2025]["rule"], folded[2025]["period"]) == ("annual", "2025")
    assert folded[2025]["used"] == [{"period": "2025", "obs_id": obs_ids["DE_SHARE_GDP@2025"]}]
    assert folded[2025]["set_aside"] == [{"period": "2025-12", "obs_id": obs_ids["DE_SHARE_GDP@2025-12"]}]

    g5 = results[G5_TARGET]
    assert g5["latest"] == {"period": "2026-Q2", "value": 93.5}
    assert obs_ids["MOBILE_5G_POP_COVERAGE@2026-Q2"] in g5["observation_ids"]

    growth = results[GROWTH_TARGET]
    # judged on the official growth series; the World Bank series (and its 2025-Q1 reading) is only context
    assert growth["indicator"] == "LP_GROWTH" and growth["status"] == "target_not_achieved"
    assert obs_ids["SL.GDP.PCAP.EM.KD@2025-Q1"] not in growth["observation_ids"]


def test_assess_table_status_and_report(monthly_db: str, tmp_path: Path) -> None:
    assert "19.84" in _run(monthly_db, "assess", "--lang", "en")
    board = {r["target"]: r for r in json.loads(_run(monthly_db, "status", "--format", "json"))}
    assert (board[DE_TARGET]["period"], board[DE_TARGET]["value"]) == ("2026-04", 19.84)
    assert (board[G5_TARGET]["period"], board[G5_TARGET]["value"]) == ("2026-Q2", 93.5)
    assert "19.84" in _run(monthly_db, "status", "--lang", "en")
    out = tmp_path / "report.html"
    _run(monthly_db, "report", "--format", "html", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert "19,84" in html  # the April value, in Vietnamese number format


@pytest.fixture(scope="module")
def monthly_server(monthly_db: str, data_dir: Path) -> Iterator[str]:
    port = free_port()
    proc = start_server(monthly_db, port, data_dir=data_dir)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_web_pages_and_api(monthly_server: str, obs_ids: dict[str, int]) -> None:
    with httpx.Client(base_url=monthly_server, timeout=120) as c:
        assert c.get("/").status_code == 200
        page = c.get(f"/targets/{DE_TARGET}", params={"lang": "vi"})
        assert page.status_code == 200 and "19,84" in page.text and "19,37" in page.text
        listing = c.get("/api/v1/assessments")
        assert listing.status_code == 200
        body: dict[str, Any] = listing.json()
        assert body["assessed"] is True
        de = next(a for a in body["items"] if a["target"] == DE_TARGET)
        assert de["status"] == "target_not_achieved" and de["latest"]["period"] == "2025"
        data = c.get(f"/api/v1/targets/{DE_TARGET}/data.json").json()
        assert [(r["period"], r["value"]) for r in data[:2]] == [("2026-04", 19.84), ("2026-03", 19.37)]
        assert data[0]["id"] == obs_ids["DE_SHARE_GDP@2026-04"]
