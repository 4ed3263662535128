"""COINr interop from in-memory tables and panel data: compiled-coin caching, Time selection, purse."""

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from dxtrack.errors import InputError
from dxtrack.index.coinr import coinr_config
from dxtrack.index.pipeline import PipelineConfig, run
from dxtrack.index.screen import screen
from dxtrack.interop.coinr import (
    CoinCache,
    Purse,
    compile_coin,
    load_coin,
    read_table,
    run_coin,
    run_pipeline,
)
from dxtrack.settings import data_dir

DATA = data_dir()  # the packaged snapshot, or DXTRACK_DATA_DIR
ASEM = DATA / "peers" / "coinr_asem"


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_table(ASEM / "ASEM_iData.csv"), read_table(ASEM / "ASEM_iMeta.csv")


def test_frames_paths_and_cache_agree(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    di, dm = frames
    cache = CoinCache()
    a = run_pipeline(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv", cache=cache)
    b = run_pipeline(di, dm)
    c = run_pipeline(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv", cache=cache)  # cached compiled coin
    assert len(cache.coins) == 1 and a == b == c
    assert compile_coin(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv", cache=cache) is next(
        iter(cache.coins.values())
    )
    # without a cache nothing outlives the call: a new coin each time
    assert compile_coin(ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv") is not compile_coin(
        ASEM / "ASEM_iData.csv", ASEM / "ASEM_iMeta.csv"
    )
    # the same scores as the engine on the old-style conversion (units sorted, columns by iMeta)
    spec, data = load_coin(di, dm)
    assert data.units == sorted(di["uCode"].tolist())
    ref = di.set_index("uCode").loc[data.units, list(spec.indicators)].to_numpy(dtype=float)
    np.testing.assert_array_equal(data.values, ref)
    assert not data.values.flags.writeable  # the cached matrix cannot be changed by a step
    r = run(data, spec, coinr_config())
    assert a["units"][0]["scores"]["Index"] == pytest.approx(r.scores().loc[data.units[0], "Index"], abs=1e-12)
    # unit metadata: groups as text, denominators as numbers
    assert data.unit_meta["EurAsia_group"][0] in ("Asia", "Europe")
    assert isinstance(data.unit_meta["Population"][0], float)


def test_changed_frame_is_not_served_from_cache(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    di, dm = frames
    cache = CoinCache()
    base = run_pipeline(di, dm, treat="none", cache=cache)
    dm2 = dm.copy()
    dm2.loc[dm2["iCode"] == "LPI", "Weight"] = 5.0  # same object shape, new content
    changed = run_pipeline(di, dm2, treat="none", cache=cache)
    assert len(cache.specs) == 2
    assert base["units"][0]["scores"]["Physical"] != changed["units"][0]["scores"]["Physical"]
    di2 = di.copy()
    di2.loc[0, "LPI"] = 1.0
    assert run_pipeline(di2, dm, treat="none", cache=cache) != base


def test_changed_file_is_reread(tmp_path: Path) -> None:
    fi, fm = tmp_path / "d.csv", tmp_path / "m.csv"
    shutil.copy(ASEM / "ASEM_iData.csv", fi)
    shutil.copy(ASEM / "ASEM_iMeta.csv", fm)
    cache = CoinCache()
    a = run_pipeline(fi, fm, treat="none", cache=cache)
    d = pd.read_csv(fi)
    d.loc[d["uCode"] == "AUT", "LPI"] = 1.0
    d.to_csv(fi, index=False)
    os.utime(fi, ns=(1, 1))  # a different mtime even on coarse clocks
    b = run_pipeline(fi, fm, treat="none", cache=cache)
    assert a != b


def test_imeta_checks(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    di, dm = frames
    bad = dm.copy()
    bad.loc[bad["iCode"] == "LPI", "iCode"] = "1LPI"
    with pytest.raises(InputError, match="begin with a number"):
        compile_coin(di.rename(columns={"LPI": "1LPI"}), bad)
    txt = di.copy()
    txt["LPI"] = txt["LPI"].astype(str)
    txt.loc[3, "LPI"] = "n/a"
    with pytest.raises(InputError, match="not a number"):
        compile_coin(txt, dm)


def test_panel_split_by_time() -> None:
    coin = compile_coin(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv")
    assert isinstance(coin, Purse)
    assert coin.times == [2018.0, 2019.0, 2020.0, 2021.0, 2022.0]  # COINr's print.purse snapshot: 5 coins
    p = pd.read_csv(ASEM / "ASEM_iData_p.csv")
    for t, c in coin.coins.items():
        rows = p[p["Time"] == t].sort_values("uCode")
        assert c.data.units == rows["uCode"].tolist() and len(c.data.units) == 51
        np.testing.assert_array_equal(c.data.values, rows[list(c.spec.indicators)].to_numpy(dtype=float))
    latest = run_pipeline(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv")
    assert latest["Time"] == 2022
    one = run_pipeline(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv", time=2019)
    assert one["Time"] == 2019
    rows19 = p[p["Time"] == 2019].drop(columns="Time")
    alone = run_pipeline(rows19, read_table(ASEM / "ASEM_iMeta.csv"))
    assert one["units"] == alone["units"]  # a purse coin = a coin built from that year's rows
    every = run_pipeline(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv", time="all")
    assert list(every["times"]) == ["2018", "2019", "2020", "2021", "2022"]
    assert every["times"]["2019"]["units"] == one["units"]
    with pytest.raises(InputError, match="not found"):
        run_pipeline(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv", time=2030)


def test_panel_duplicate_unit_time(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    di, dm = frames
    dup = pd.concat([di, di.iloc[:1]], ignore_index=True)
    with pytest.raises(InputError, match="duplicate"):
        compile_coin(dup, dm)


def test_purse_screen_2018_keeps_46_units() -> None:
    """COINr's tests/testthat/_snaps/methods_added.md (print.purse): build_example_purse() screens the
    2018 coin with Screen(dset = "Raw", dat_thresh = 0.9, unit_screen = "byNA") to 46 of 51 units."""
    spec, data = load_coin(ASEM / "ASEM_iData_p.csv", ASEM / "ASEM_iMeta.csv", time=2018)
    res = screen(data.for_spec(spec), data.units, "byNA", 0.9, None, {})
    assert int(res.keep.sum()) == 46
    r = run(data, spec, PipelineConfig(screen="byNA", screen_dat_thresh=0.9))
    assert len(r.units) == 46


def test_flights_fails_the_skew_kurt_check(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """COINr's tests/testthat/test-stats.R: on ASEM, Flights has |skew| > 2 and kurt > 3.5 ("OUT")."""
    res = run_coin(*frames, coinr_config())
    assert res.treated is not None
    d = next(x for x in res.treated.details if x["iCode"] == "Flights")
    assert abs(d["Skew0"]) > 2 and d["Kurt0"] > 3.5 and d["Pass0"] is False


def test_cli_time_option() -> None:
    from dxtrack.cli.main import app

    args = ["index", "coinr", "--idata", str(ASEM / "ASEM_iData_p.csv"), "--imeta", str(ASEM / "ASEM_iMeta.csv")]
    res = CliRunner().invoke(app, [*args, "--time", "2020", "--treat", "none"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["Time"] == 2020
    res = CliRunner().invoke(app, [*args, "--time", "all", "--treat", "none"])
    assert res.exit_code == 0 and len(json.loads(res.output)["times"]) == 5
