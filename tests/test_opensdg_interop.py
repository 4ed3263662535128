"""Open SDG folder interop and ``dxtrack progress``; expected values are hand-computed (METHODS.md §2.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.errors import InputError
from dxtrack.interop.opensdg import progress_for_folder

FIX = Path(__file__).resolve().parent / "fixtures" / "opensdg"


def by_id(folder: Path) -> dict[str, dict[str, object]]:
    return {r.id: r.to_dict() for r in progress_for_folder(folder)}


def test_pr318_fixture(data_dir: Path) -> None:
    # headline 2020: 100, 2021: 120; defaults: direction negative, no target, base year → 2020
    # P = −(120/100 − 1) = −0.2 → deterioration; score max(125·(−0.2) − 2.5, −5) = −5
    res = by_id(data_dir / "peers" / "sdg_build_pr318_fixture")
    assert list(res) == ["1-1-1"]
    r = res["1-1-1"]
    assert r["status"] == "deterioration" and r["score"] == -5.0
    (s,) = r["series"]  # type: ignore[misc]
    assert s["base_year"] == 2020 and s["base_value"] == 100.0
    assert s["current_year"] == 2021 and s["current_value"] == 120.0
    assert s["progress_value"] == pytest.approx(-0.2) and s["target"] is None and s["direction"] == "negative"


EXPECTED = {
    # id: (indicator status, indicator score) — hand-computed
    "1-1-1": ("moderate_progress", 2.177214),  # 50 → 55, 2015–2022, no target
    "1-2-1": ("moderate_progress", 1.636061),  # target 80, 50 → 60
    "1-3-1": ("limited_progress", -0.382478),  # target 10, 20 → 17, lower better
    "1-4-1": ("moderate_progress", 2.408767),  # limit 100, 95 → 97
    "2-1-1": ("substantial_progress", 5.0),  # negative values −20 → −10, higher better
    "2-2-1": ("moderate_progress", 0.0),  # headline −5 (90/100) and SEX=F +5 (60/50): mean 0
    "3-1-1": ("substantial_progress", 4.622438),  # series S1, unit percent: 40 → 44
    "4-1-1": ("substantial_progress", None),  # auto off, manual status
    "5-1-1": ("limited_progress", -0.018534),  # base year 2015 missing → 2017: 100 → 102 by 2021
    "6-1-1": (None, None),  # all data before base year 2020
    "7-1-1": ("target_achieved", 5.0),  # 52 ≥ target 50
    "8-1-1": ("moderate_progress", 0.009486),  # Progress column 100 → 98, years "2015-16", "2019-20"
}


def test_fixture_folder_statuses_and_scores() -> None:
    res = by_id(FIX / "basic")
    assert list(res) == sorted(EXPECTED, key=lambda s: tuple(int(p) for p in s.split("-")))
    for ind, (status, score) in EXPECTED.items():
        assert res[ind]["status"] == status, ind
        if score is None:
            assert res[ind]["score"] is None, ind
        else:
            assert res[ind]["score"] == pytest.approx(score, abs=1e-6), ind


def test_fixture_series_details() -> None:
    res = by_id(FIX / "basic")
    s22 = res["2-2-1"]["series"]
    assert [(s["status"], s["score"]) for s in s22] == [("deterioration", -5.0), ("substantial_progress", 5.0)]  # type: ignore[union-attr]
    assert res["4-1-1"]["series"] == []
    (s6,) = res["6-1-1"]["series"]  # type: ignore[misc]
    assert s6["status"] == "not_available" and s6["score"] is None
    (s5,) = res["5-1-1"]["series"]  # type: ignore[misc]
    assert s5["base_year"] == 2017
    (s8,) = res["8-1-1"]["series"]  # type: ignore[misc]
    assert (s8["base_year"], s8["base_value"], s8["current_year"], s8["current_value"]) == (2015, 100.0, 2019, 98.0)


def test_indicator_config_folder_with_bom_and_threshold_override() -> None:
    res = by_id(FIX / "config_bom")
    # high overridden to 0.02: P = 1.37 % < 2 % → moderate; score 250P − 1.25 = 2.177214
    assert res["9-1-1"]["status"] == "moderate_progress"
    assert res["9-1-1"]["score"] == pytest.approx(2.177214, abs=1e-6)


def write(folder: Path, csv: str, meta: str = "auto_progress_calculation: true\n") -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "meta").mkdir()
    (folder / "data" / "indicator_1-1-1.csv").write_text(csv)
    (folder / "meta" / "1-1-1.yml").write_text(meta)
    return folder


def test_errors_name_file_row_and_column(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        progress_for_folder(tmp_path / "missing")
    bad = write(tmp_path / "bad", "Year,Value\n2015,1\n2016,abc\n")
    with pytest.raises(InputError) as exc:
        progress_for_folder(bad)
    assert exc.value.row == 3 and exc.value.column == "Value" and "indicator_1-1-1.csv" in str(exc.value)
    dup = write(tmp_path / "dup", "Year,Value\n2015,1\n2015,2\n")
    with pytest.raises(InputError, match="2015"):
        progress_for_folder(dup)
    noyear = write(tmp_path / "noyear", "Value\n1\n")
    with pytest.raises(InputError, match="Year"):
        progress_for_folder(noyear)


def test_cli_json_and_table(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["progress", "--opensdg", str(FIX / "basic"), "--format", "json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert [p["id"] for p in payload][:2] == ["1-1-1", "1-2-1"]
    assert set(payload[0]) == {"id", "status", "score", "series"}
    assert set(payload[0]["series"][0]) == {
        "status",
        "score",
        "progress_value",
        "base_year",
        "base_value",
        "current_year",
        "current_value",
        "target",
        "direction",
    }
    table = runner.invoke(app, ["progress", "--opensdg", str(FIX / "basic")])
    assert table.exit_code == 0 and "1-4-1" in table.stdout
