"""Provincial scorecard on the store: 63 and 34 views, re-aggregation rules, disparity, CLI."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from dxtrack.index import storedata
from dxtrack.index.disparity import gini
from dxtrack.services.scorecard import build_scorecard, load_scorecard_spec
from dxtrack.services.store import open_store


@pytest.fixture(scope="module")
def pop(data_dir: Path) -> pd.DataFrame:
    p = pd.read_csv(data_dir / "vietnam_subnational" / "vn_province_population_2011_2024.csv")
    return p.pivot_table(index=["area_id", "year"], columns="indicator", values="value")


@pytest.fixture(scope="module")
def sc2022(loaded_db_url: str):  # type: ignore[no-untyped-def]
    eng = open_store(loaded_db_url, create=False)
    try:
        return build_scorecard(eng, year=2022)
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def sc2024(loaded_db_url: str):  # type: ignore[no-untyped-def]
    eng = open_store(loaded_db_url, create=False)
    try:
        return build_scorecard(eng, year=2024)
    finally:
        eng.dispose()


def test_shipped_spec_states_a_rule_for_every_column() -> None:
    doc = load_scorecard_spec()
    rules = doc["reaggregate"]
    for c in doc["scorecard"]:
        assert c["code"] in rules
    assert rules["PDTI"] == "mean" and rules["PDTI_RANK"] == "rank:PDTI" and rules["POP_AVG"] == "sum"


def test_population_sums_of_predecessors(sc2024, pop: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    v34 = sc2024.view34.set_index("area")
    p24 = pop.xs(2024, level="year")
    # Bac Ninh (new) = Bac Giang (VN63_24) + Bac Ninh (VN63_27); An Giang (new) = An Giang + Kien Giang
    bn = p24.loc["VN63_24", "POP_AVG"] + p24.loc["VN63_27", "POP_AVG"]
    ag = p24.loc["VN63_89", "POP_AVG"] + p24.loc["VN63_91", "POP_AVG"]
    assert v34.loc["VN34_24", "POP_AVG"] == pytest.approx(bn, rel=1e-12)
    assert v34.loc["VN34_91", "POP_AVG"] == pytest.approx(ag, rel=1e-12)
    assert v34.loc["VN34_24", "predecessors"] == "VN63_24, VN63_27"
    # urban share = ratio of the sums (population-weighted), not the mean of the two shares
    u = p24.loc["VN63_24", "POP_URBAN"] + p24.loc["VN63_27", "POP_URBAN"]
    assert v34.loc["VN34_24", "URBAN_SHARE"] == pytest.approx(u / bn, rel=1e-12)
    # density = total population / total area, area = population / density per old province
    area = sum(p24.loc[c, "POP_AVG"] / p24.loc[c, "POP_DENSITY"] for c in ("VN63_24", "VN63_27"))
    assert v34.loc["VN34_24", "POP_DENSITY"] == pytest.approx(bn / area, rel=1e-12)
    assert v34.loc["VN34_24", "AREA_KM2"] == pytest.approx(area * 1000, rel=1e-12)
    assert len(sc2024.view34) == 34 and len(sc2024.view63) == 63
    assert sc2024.view34["POP_AVG"].sum() == pytest.approx(sc2024.view63["POP_AVG"].sum())


def test_dti_2022_views(sc2022) -> None:  # type: ignore[no-untyped-def]
    v63 = sc2022.view63.set_index("area")
    v34 = sc2022.view34.set_index("area")
    assert v63["PDTI_RANK"].notna().sum() == 63
    assert v63.loc["VN63_48", "PDTI"] == pytest.approx(0.8002) and v63.loc["VN63_48", "successor"] == "VN34_48"
    # merged units whose predecessors do not all have a score get no DTI score (strict mean) ...
    assert np.isnan(v34.loc["VN34_48", "PDTI"])
    assert v34.loc["VN34_48", "PDTI_coverage"] == "1/2"
    assert v34.loc["VN34_48", "PDTI_partial_mean"] == pytest.approx(0.8002)
    # ... unchanged provinces keep theirs; the 34 rank is recomputed from the 34 scores
    assert v34.loc["VN34_22", "PDTI"] == pytest.approx(0.7024)
    assert v34.loc["VN34_22", "PDTI_RANK"] == 1 and v34.loc["VN34_46", "PDTI_RANK"] == 2
    assert v34["PDTI"].notna().sum() == 2
    assert v34.loc["VN34_48", "best_predecessor_rank_63"] == 1
    assert any("only for 6" in n for n in sc2022.notes)
    assert any("no urban/rural split of the DTI" in n for n in sc2022.notes)


def test_disparity_table(sc2022) -> None:  # type: ignore[no-untyped-def]
    d = sc2022.disparity.set_index(["view", "indicator"])
    assert "PDTI_RANK" not in d.index.get_level_values("indicator")  # ranks are not measured
    x = sc2022.view63["POP_AVG"].to_numpy(dtype=float)
    assert d.loc[("63", "POP_AVG"), "gini"] == pytest.approx(gini(x))
    assert d.loc[("63", "POP_AVG"), "max_min_ratio"] == pytest.approx(x.max() / x.min())
    assert d.loc[("63", "PDTI"), "n"] == 6 and d.loc[("34", "PDTI"), "n"] == 2
    cv = np.std(x) / np.mean(x)
    assert d.loc[("63", "POP_AVG"), "cv"] == pytest.approx(cv)
    ur = sc2022.urban_rural
    assert 0 < ur["63"]["national_urban_share"] < 1
    assert ur["63"]["national_urban_share"] == pytest.approx(ur["34"]["national_urban_share"])


def test_gini_hand_example() -> None:
    # pairs (i, j) with |xi - xj| = 10: 3 zeros x the ten, both orders = 60; 2 n^2 mean = 2 * 16 * 2.5 = 80
    assert gini([0.0, 0.0, 0.0, 10.0]) == pytest.approx(0.75)


def test_mean_of_predecessors_and_rerank_on_a_constructed_frame() -> None:
    m = pd.DataFrame({"from_area_id": ["a", "b", "c", "d"], "to_area_id": ["X", "X", "Y", "Y"]})
    f = pd.DataFrame(
        {
            "area_id": ["a", "b", "c", "a", "b", "c", "d"],
            "indicator": ["PDTI"] * 3 + ["POP_AVG"] * 4,
            "year": [2022] * 7,
            "value": [0.6, 0.8, 0.5, 10.0, 20.0, 30.0, 40.0],
        }
    )
    rules = {"PDTI": "mean", "PDTI_RANK": "rank:PDTI", "POP_AVG": "sum"}
    out = storedata.to_34(f, m, rules).set_index(["indicator", "area_id"])
    assert out.loc[("PDTI", "X"), "value"] == pytest.approx(0.7)  # (0.6 + 0.8) / 2
    assert np.isnan(out.loc[("PDTI", "Y"), "value"])  # d has no score: not a DTI mean
    assert out.loc[("PDTI", "Y"), "partial_value"] == pytest.approx(0.5)
    assert out.loc[("PDTI_RANK", "X"), "value"] == 1 and np.isnan(out.loc[("PDTI_RANK", "Y"), "value"])
    assert out.loc[("POP_AVG", "Y"), "value"] == 70.0
    lax = storedata.to_34(f, m, rules, strict=False).set_index(["indicator", "area_id"])
    assert lax.loc[("PDTI", "Y"), "value"] == pytest.approx(0.5)
    assert lax.loc[("PDTI_RANK", "X"), "value"] == 1 and lax.loc[("PDTI_RANK", "Y"), "value"] == 2


def test_cli_provinces(loaded_db_url: str) -> None:
    from dxtrack.cli.main import app

    r = CliRunner().invoke(app, ["--db", loaded_db_url, "index", "provinces", "--view", "34", "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert len(doc["units_34"]) == 34 and "provinces_63" not in doc
    assert {d["view"] for d in doc["disparity"]} == {"34"}
    r = CliRunner().invoke(app, ["--db", loaded_db_url, "index", "provinces", "--format", "csv"])
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 1 + 63 + 34
    r = CliRunner().invoke(app, ["--db", loaded_db_url, "index", "provinces", "--view", "63"])
    assert r.exit_code == 0 and "Disparity" in r.output and "Notes" in r.output
    r = CliRunner().invoke(app, ["--db", loaded_db_url, "index", "provinces", "--view", "12"])
    assert r.exit_code != 0


def test_cli_build_on_store(loaded_db_url: str, tmp_path: Path) -> None:
    from dxtrack.cli.main import app
    from dxtrack.services.scorecard import spec_path

    base = ["--db", loaded_db_url, "index", "build", str(spec_path())]
    r = CliRunner().invoke(app, [*base, "--areas", "63", "--year", "2022"])
    assert r.exit_code == 0, r.output
    units = {u["uCode"]: u for u in json.loads(r.output)["units"]}
    assert len(units) == 63
    # the DTI pillar is the min-max of the reversed rank: rank 1 -> 100, rank 63 -> 0
    assert units["VN63_48"]["scores"]["DTI"] == pytest.approx(100.0)
    assert units["VN63_06"]["scores"]["DTI"] == pytest.approx(0.0)
    r = CliRunner().invoke(app, [*base, "--areas", "34", "--format", "table"])
    assert r.exit_code == 0, r.output
    assert "VN34_22" in r.output and "VN63_" not in r.output
    # a user's spec on stored country data
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "name: web\nindex:\n  code: IDX\n  children:\n    - code: NET\n      children:\n"
        "        - {code: IT.NET.USER.ZS}\npipeline: {treat: none}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["--db", loaded_db_url, "index", "build", str(spec), "--areas", "countries"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.output)["units"]) >= 1
