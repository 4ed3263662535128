"""COINr ASEM example end to end, checked against independent computations of COINr's rules."""

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

from dxtrack.index.coinr import coinr_config, example_coin_config
from dxtrack.index.pipeline import run
from dxtrack.interop.coinr import load_coin, run_pipeline
from dxtrack.settings import data_dir

DATA = data_dir()  # the packaged snapshot, or DXTRACK_DATA_DIR
ASEM = DATA / "peers" / "coinr_asem"


@pytest.fixture(scope="module")
def raw() -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_csv(ASEM / "ASEM_iData.csv"), pd.read_csv(ASEM / "ASEM_iMeta.csv")


@pytest.fixture(scope="module")
def default_result():  # type: ignore[no-untyped-def]
    spec, data = load_coin(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv")
    return run(data, spec, coinr_config())


def test_structure(default_result) -> None:  # type: ignore[no-untyped-def]
    r = default_result
    assert len(r.units) == 51 and len(r.spec.indicators) == 49
    assert list(r.scores().columns) == [
        "Physical",
        "ConEcFin",
        "Political",
        "Instit",
        "P2P",
        "Environ",
        "Social",
        "SusEcFin",
        "Conn",
        "Sust",
        "Index",
    ]
    assert np.isnan(r.datasets["raw"]).sum() == 63  # README: 63 missing values


def test_skew_kurt_decisions_match_scipy_type2(raw, default_result) -> None:  # type: ignore[no-untyped-def]
    idata, _ = raw
    for d in default_result.treated.details:
        x = idata[d["iCode"]].dropna().to_numpy(float)
        sk = stats.skew(x, bias=False)  # adjusted Fisher-Pearson = e1071 type 2
        kt = stats.kurtosis(x, bias=False)
        assert d["Skew0"] == pytest.approx(sk, rel=1e-10)
        assert d["Kurt0"] == pytest.approx(kt, rel=1e-10)
        assert d["Pass0"] == bool(abs(sk) < 2 or kt < 3.5)


def test_one_point_winsorisation_of_gas(raw, default_result) -> None:  # type: ignore[no-untyped-def]
    idata, _ = raw
    gas = idata.set_index("uCode")["Gas"].sort_index()
    treated = default_result.dataset("treated")["Gas"]
    top, second = gas.nlargest(2)
    assert treated[gas.idxmax()] == second and top > second
    untouched = gas.drop(gas.idxmax())
    np.testing.assert_array_equal(treated[untouched.index].to_numpy(), untouched.to_numpy())


def test_minmax_and_amean_recomputed_independently(raw, default_result) -> None:  # type: ignore[no-untyped-def]
    _, imeta = raw
    r = default_result
    t = r.dataset("treated")
    meta = imeta[imeta["Type"] == "Indicator"].set_index("iCode")
    xd = t * meta["Direction"]
    norm = (xd - xd.min()) / (xd.max() - xd.min()) * 100
    pd.testing.assert_frame_equal(norm, r.dataset("normalised"), check_exact=False, rtol=1e-12, atol=1e-10)
    scores = r.scores()
    for pillar, kids in meta.groupby("Parent").groups.items():
        expect = norm[list(kids)].mean(axis=1, skipna=True)  # equal weights, NAs dropped
        np.testing.assert_allclose(scores[pillar], expect, rtol=0, atol=1e-9)
    np.testing.assert_allclose(scores["Index"], (scores["Conn"] + scores["Sust"]) / 2, atol=1e-9)
    ranks = r.ranks()["Index"]
    expect_rank = (-scores["Index"]).rank(method="min")
    np.testing.assert_array_equal(ranks, expect_rank)


def test_cli_json_and_variants() -> None:
    from dxtrack.cli.main import app

    res = CliRunner().invoke(
        app,
        [
            "index",
            "coinr",
            "--idata",
            str(ASEM / "ASEM_iData.csv"),
            "--imeta",
            str(ASEM / "ASEM_iMeta.csv"),
            "--details",
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    u = doc["units"][0]
    assert u["uCode"] == "AUS" and set(u) >= {"scores", "ranks", "treated", "normalised"}
    assert sorted(v for x in doc["units"] for k, v in x["ranks"].items() if k == "Index") == list(range(1, 52))
    cop = run_pipeline(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv", normalise="rank", aggregate="copeland")
    assert all(float(v).is_integer() for x in cop["units"] for v in x["scores"].values())
    bad = CliRunner().invoke(
        app,
        [
            "index",
            "coinr",
            "--idata",
            str(ASEM / "ASEM_iData.csv"),
            "--imeta",
            str(ASEM / "ASEM_iMeta.csv"),
            "--aggregate",
            "gmean",
        ],
    )
    assert bad.exit_code != 0  # minmax gives zeros: COINr's a_gmean stops too


def test_example_coin_pipeline_runs_all_steps() -> None:
    spec, data = load_coin(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv")
    r = run(data, spec, example_coin_config())
    assert not np.isnan(r.datasets["imputed"]).any()
    flights = data.values[:, list(data.codes).index("Flights")] / np.array(data.unit_meta["Population"], float)
    np.testing.assert_allclose(r.datasets["denominated"][:, list(data.codes).index("Flights")], flights)
    assert len(r.units) == 51
