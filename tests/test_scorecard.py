"""Provincial scorecard on the store: 63 and 34 views, re-aggregation rules, disparity, CLI."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.domain.catalog import Aggregation, AggregationKind
from dxtrack.errors import InputError
from dxtrack.index import storedata
from dxtrack.index.disparity import gini
from dxtrack.services.scorecard import NoScorecard, build_scorecard, load_scorecard_spec, scorecard_rules
from dxtrack.services.store import open_store

# The 63 -> 34 rules the scorecard applied when they were all written in the spec (before the pack held them)
RULES_BEFORE = {
    "PDTI": "mean",
    "DTI_AWARENESS": "mean",
    "DTI_INSTITUTIONS": "mean",
    "DTI_INFRASTRUCTURE": "mean",
    "DTI_HUMAN_RESOURCES": "mean",
    "DTI_CYBERSECURITY": "mean",
    "DTI_DIGITAL_GOV_ACTIVITY": "mean",
    "DTI_DIGITAL_ECON_ACTIVITY": "mean",
    "DTI_DIGITAL_SOC_ACTIVITY": "mean",
    "PDTI_RANK": "rank:PDTI",
    "POP_AVG": "sum",
    "POP_URBAN": "sum",
    "POP_RURAL": "sum",
    "URBAN_SHARE": "share:POP_URBAN/POP_AVG",
    "AREA_KM2": "sum",
    "POP_DENSITY": "hmean:POP_AVG",
}


@pytest.fixture(scope="module")
def pop(data_dir: Path) -> pd.DataFrame:
    p = pd.read_csv(data_dir / "vietnam_subnational" / "vn_province_population_2011_2024.csv")
    return p.pivot_table(index=["area_id", "year"], columns="indicator", values="value")


@pytest.fixture(scope="module")
def sc2022(loaded_db_url: str):  # type: ignore[no-untyped-def]
    eng = open_store(loaded_db_url, create=False)
    try:
        return build_scorecard(eng, load_pack(), year=2022)
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def sc2024(loaded_db_url: str):  # type: ignore[no-untyped-def]
    eng = open_store(loaded_db_url, create=False)
    try:
        return build_scorecard(eng, load_pack(), year=2024)
    finally:
        eng.dispose()


@pytest.mark.parametrize("pack_id", ["vn-nq52", "vn-nq57"])
def test_each_column_has_one_rule_from_the_pack_or_the_spec(pack_id: str) -> None:
    pack = load_pack(pack_id)
    assert pack.scorecard == "vn-provincial-dt"
    doc = load_scorecard_spec()
    codes = {i.code for i in pack.indicators}
    # the spec keeps only what is not a pack indicator; the rules stay those the spec used to state
    assert set(doc["reaggregate"]) == {"URBAN_SHARE", "AREA_KM2"}
    assert not set(doc["reaggregate"]) & codes
    assert scorecard_rules(pack, doc) == RULES_BEFORE


def test_a_rule_in_both_places_or_in_neither_is_an_error() -> None:
    pack = load_pack()
    doc = load_scorecard_spec()
    twice = {**doc, "reaggregate": {**doc["reaggregate"], "PDTI": "mean"}}
    with pytest.raises(InputError, match="PDTI given twice"):
        scorecard_rules(pack, twice)
    no_urban = {**doc, "reaggregate": {"AREA_KM2": "sum"}}
    with pytest.raises(InputError, match="no re-aggregation rule for URBAN_SHARE"):
        scorecard_rules(pack, no_urban)
    # a rule's input must have a rule too: the rank is recomputed from PDTI, which is not a column here
    only_rank = {"scorecard": [{"code": "PDTI_RANK"}], "reaggregate": {}}
    no_pdti = pack.model_copy(update={"indicators": [i for i in pack.indicators if i.code != "PDTI"]})
    with pytest.raises(InputError, match="no re-aggregation rule for PDTI"):
        scorecard_rules(no_pdti, only_rank)
    expected = {"PDTI_RANK": "rank:PDTI", "PDTI": "mean", "POP_URBAN": "sum", "POP_RURAL": "sum"}
    assert scorecard_rules(pack, only_rank) == expected


def test_the_pack_rule_is_the_one_applied(loaded_db_url: str, pop: pd.DataFrame) -> None:
    """Change an indicator's aggregation in the pack and the 34-unit value follows: the pack is the source."""
    pack = load_pack()
    mean_pop = Aggregation(kind=AggregationKind.mean)
    inds = [i.model_copy(update={"aggregation": mean_pop}) if i.code == "POP_AVG" else i for i in pack.indicators]
    eng = open_store(loaded_db_url, create=False)
    try:
        sc = build_scorecard(eng, pack.model_copy(update={"indicators": inds}), year=2022)
        with pytest.raises(NoScorecard, match="'vn-nq52' has no provincial scorecard"):
            build_scorecard(eng, pack.model_copy(update={"scorecard": None}), year=2022)
    finally:
        eng.dispose()
    assert sc.rules["POP_AVG"] == "mean"
    # Bac Ninh (new, VN34_24) = mean of Bac Giang (VN63_24) and Bac Ninh (VN63_27) instead of their sum
    p22 = pop.xs(2022, level="year")
    mean = (p22.loc["VN63_24", "POP_AVG"] + p22.loc["VN63_27", "POP_AVG"]) / 2
    assert sc.view34.set_index("area").loc["VN34_24", "POP_AVG"] == pytest.approx(mean, rel=1e-12)


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


def test_cli_provinces_follows_the_pack(loaded_db_url: str, tmp_path: Path) -> None:
    import shutil

    from dxtrack.catalog.loader import pack_path
    from dxtrack.cli.main import app

    base = ["--db", loaded_db_url]
    tail = ["index", "provinces", "--view", "34", "--format", "json"]
    r52 = CliRunner().invoke(app, [*base, "--pack", "vn-nq52", *tail])
    r57 = CliRunner().invoke(app, [*base, "--pack", "vn-nq57", *tail])
    assert r52.exit_code == 0 and r57.exit_code == 0, r52.output + r57.output
    assert json.loads(r52.output)["rules"]["PDTI_RANK"] == "rank:PDTI"
    assert r52.output == r57.output  # both packs state the same rules for the same stored data
    # a pack that names no scorecard: a user error (`run` prints it as one line), no partial output
    folder = tmp_path / "pack"
    shutil.copytree(pack_path("vn-nq52"), folder)
    yml = folder / "pack.yaml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("scorecard:")), encoding="utf-8")
    r = CliRunner().invoke(app, [*base, "--pack", str(folder), *tail])
    assert r.exit_code != 0 and r.output == ""
    assert isinstance(r.exception, NoScorecard)
    assert "content pack 'vn-nq52' has no provincial scorecard" in str(r.exception)


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


def test_pack_checks_rank_and_harmonic_mean_rules() -> None:
    from dxtrack.catalog.checks import check_references, check_rules

    pack = load_pack()
    broken = {
        "PDTI_RANK": Aggregation(kind=AggregationKind.rank),
        "POP_DENSITY": Aggregation(kind=AggregationKind.harmonic_mean),
        "PDTI": Aggregation(kind=AggregationKind.rank, of="PDTI_SCORE"),
    }
    inds = [i.model_copy(update={"aggregation": broken[i.code]}) if i.code in broken else i for i in pack.indicators]
    bad = pack.model_copy(update={"indicators": inds})
    where = {i.code: n for n, i in enumerate(bad.indicators)}
    rules = check_rules(bad)
    assert (("indicators", where["PDTI_RANK"], "aggregation"), "rank needs of (the score indicator it ranks)") in rules
    assert (("indicators", where["POP_DENSITY"], "aggregation"), "harmonic_mean needs weight_indicator") in rules
    refs = check_references(bad)
    assert [m for loc, m in refs if loc == ("indicators", where["PDTI"], "aggregation", "of")] == [
        "unknown indicator 'PDTI_SCORE'"
    ]
    assert check_rules(pack) == [] and check_references(pack) == []


def test_province_view_of_a_pack_without_scorecard_is_empty(loaded_db_url: str) -> None:
    from dxtrack.services.provinces import province_view

    pack = load_pack()
    eng = open_store(loaded_db_url, create=False)
    try:
        empty = province_view(eng, pack.model_copy(update={"scorecard": None}), "34", None)
        full = province_view(eng, pack, "34", None)
    finally:
        eng.dispose()
    assert empty["scorecard"] is None and empty["rows"] == [] and empty["n_ranked"] == 0
    assert full["scorecard"] == "vn-provincial-dt" and len(full["rows"]) == 34 and full["n_ranked"] == 2
