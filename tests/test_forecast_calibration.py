"""Calibrated forecast intervals and the backtest measures: hand-computed small cases, the packaged
calibration against a recomputation, the `dxtrack backtest` JSON on SQLite."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from scipy import stats
from typer.testing import CliRunner

from dxtrack.analysis import calibration
from dxtrack.analysis.backtest import (
    BacktestSeries,
    brier,
    climatology,
    evaluate,
    interval_score,
    mean_abs_change,
    reliability,
    rolling_rows,
)
from dxtrack.analysis.forecast import drift_change_sum, forecast, forecast_batch
from dxtrack.cli.main import app

REPO = Path(__file__).resolve().parents[1]


def test_drift_change_sum_by_hand() -> None:
    assert drift_change_sum(1, 0.9) == pytest.approx(0.81)
    assert drift_change_sum(2, 0.9) == pytest.approx(0.81 + 1.71**2)
    assert drift_change_sum(3, 1.0) == pytest.approx(1 + 4 + 9)


def test_conformal_quantile_by_hand() -> None:
    scores = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10]  # sorted 1…10, n = 10
    # ⌈11 · 0.8⌉ = 9 → the 9th smallest; ⌈11 · 0.95⌉ = 11 > n → the largest
    assert calibration.conformal_quantile(scores, 0.80) == 9
    assert calibration.conformal_quantile(scores, 0.95) == 10
    # weights: the five scores 1…5 weigh 1 each, 6…10 weigh 3 each (total 20, mean 2):
    # need 0.5·(20 + 2) = 11 → cumulative 1,2,3,4,5,8,11 → the 7th smallest, 7
    w = [1 if s <= 5 else 3 for s in scores]
    assert calibration.conformal_quantile(scores, 0.5, w) == 7


def test_fit_t_matches_both_quantiles_or_keeps_the_80() -> None:
    t5 = stats.t(5)
    k80, k95 = 2 * t5.ppf(0.9), 2 * t5.ppf(0.975)
    scale, df = calibration.fit_t(k80, k95)
    assert (scale, df) == pytest.approx((2.0, 5.0), rel=1e-4)
    scale, df = calibration.fit_t(1.0, 10.0)  # heavier than the floor: ν = 3, 80 % half-width kept
    assert df == calibration.DF_RANGE[0] and scale * stats.t.ppf(0.9, df) == pytest.approx(1.0)


def test_signal_to_noise_classes() -> None:
    cal = calibration.load()
    assert list(cal.snr_edges) == [0.5, 1.0, 2.0, 4.0]
    snr = calibration.signal_to_noise([0.1, 1.0, -3.0, 1.0, 0.0], [1.0, 1.0, 1.0, 0.0, 0.0])
    assert list(snr) == [0.1, 1.0, 3.0, math.inf, 0.0]
    assert list(cal.classes(snr)) == [0, 2, 3, 4, 0]
    scale, df = cal.lookup(snr, [1, 1, 1, 1, 50])  # horizons beyond the table use its last column
    assert scale[4] == cal.scale[0, cal.horizons - 1] and df[0] == cal.df[0, 0]


def test_calibrated_forecast_is_the_raw_one_rescaled() -> None:
    years, values = [2018, 2019, 2020, 2021, 2022], [10.0, 12.0, 13.0, 15.5, 16.0]
    raw = forecast(years, values, 2025, calibrate=False)
    cal = forecast(years, values, 2025)
    assert raw is not None and cal is not None and raw.loc == cal.loc
    z = np.log(values)
    drift = (z[-1] - z[0]) / 4
    sigma = math.sqrt(float(((np.diff(z) - drift) ** 2).sum()) / 3)
    k, df = calibration.load().lookup(abs(drift) / sigma, 3)
    assert cal.spread == pytest.approx(raw.spread * float(k)) and cal.df == pytest.approx(float(df))
    # the probability comes from the same distribution as the interval
    lo, hi = cal.interval(0.8)  # type: ignore[misc]
    assert cal.prob(">=", hi) == pytest.approx(0.1) and cal.prob("<=", lo) == pytest.approx(0.1)
    b = forecast_batch([np.array(years)], [np.array(values)], [2025], target=[hi], target_sense=[1])
    assert (b.lo80[0], b.hi80[0], b.prob[0]) == pytest.approx((lo, hi, 0.1))


def test_rolling_rows_by_hand() -> None:
    s = BacktestSeries("x", np.arange(2000, 2007), np.arange(7.0) + 1)
    rows = rolling_rows([s], [1, 2], min_points=5)
    # origins 2004 (5 points) and 2005: (2004→2005, h1), (2004→2006, h2), (2005→2006, h1)
    assert list(zip(rows.year, rows.horizon, strict=True)) == [(2005, 1), (2006, 2), (2006, 1)]
    assert [len(t) for t in rows.train_years] == [5, 5, 6] and rows.train_years[0][-1] == 2004


def test_interval_score_mase_brier_by_hand() -> None:
    lo, hi = np.array([0.0, 0.0, 0.0]), np.array([2.0, 2.0, 2.0])
    y = np.array([1.0, 3.0, -1.0])
    # inside: width 2; above by 1: 2 + 40·1; below by 1: 2 + 40·1 (α = 0.05 → 2/α = 40)
    assert list(interval_score(lo, hi, y)) == [2.0, 42.0, 42.0]
    assert mean_abs_change([1, 2, 3, 4], [1.0, 3.0, 2.0, 6.0]) == pytest.approx((2 + 1 + 4) / 3)
    assert math.isnan(mean_abs_change([1, 2], [5.0, 5.0]))
    assert brier(np.array([0.9, 0.2, 0.5]), np.array([1.0, 0.0, 1.0])) == pytest.approx((0.01 + 0.04 + 0.25) / 3)
    o = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    g = np.array([0, 0, 0, 1, 1])
    assert list(climatology(o, g)) == pytest.approx([1 / 3, 1 / 3, 1 / 3, 1.0, 1.0])
    rel = reliability(np.array([0.05, 0.08, 0.95]), np.array([0.0, 1.0, 1.0]), bands=10)
    assert rel[0] == {"band": [0.0, 0.1], "n": 2, "predicted": pytest.approx(0.065), "observed": 0.5}
    assert rel[9]["n"] == 1 and rel[5]["n"] == 0 and rel[5]["observed"] is None


def test_evaluate_counts_coverage_msis_mase_on_a_constructed_series() -> None:
    # identity scale (a zero in the data); the last value jumps far outside every interval
    years = np.arange(2000, 2008)
    values = np.array([0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 100.0])
    ev = evaluate([BacktestSeries("x", years, values)], horizons=[1], min_points=5)
    assert ev.n == 3 and ev.counts == {1: 3}
    inside80, scores, errors = [], [], []
    for cut, actual in ((2004, 1.0), (2005, 0.0), (2006, 100.0)):
        keep = years <= cut
        f = forecast(years[keep], values[keep], cut + 1)
        assert f is not None
        lo80, hi80 = f.interval(0.8)  # type: ignore[misc]
        lo95, hi95 = f.interval(0.95)  # type: ignore[misc]
        inside80.append(lo80 <= actual <= hi80)
        scale = float(np.mean(np.abs(np.diff(values[keep]))))  # 1 at every origin
        scores.append(float(interval_score(np.array([lo95]), np.array([hi95]), np.array([actual]))[0]) / scale)
        errors.append(abs(actual - f.mean) / scale)
    assert inside80[2] is False
    assert ev.coverage["80"][1] == pytest.approx(sum(inside80) / 3)
    assert ev.msis[1] == pytest.approx(np.mean(scores)) and ev.mase[1] == pytest.approx(np.mean(errors))
    # naive forecast = last value: |1−0|, |0−1|, |100−0| over scale 1
    assert ev.mase_naive[1] == pytest.approx((1 + 1 + 100) / 3)


def test_packaged_calibration_recomputes_on_a_subset() -> None:
    """The resource's table and held-out evidence are what the script computes (two tuning indicators and
    one held-out indicator here, to stay fast; the script's --check compares the whole file)."""
    sys.path.insert(0, str(REPO / "scripts"))
    import calibrate_forecast as script

    doc = calibration.load().doc
    prov = doc["provenance"]
    assert prov["tuning_indicators"] == list(script.TUNING) and prov["held_out_indicators"] == list(script.HELD_OUT)
    assert not set(script.TUNING) & set(script.HELD_OUT)
    assert doc["model"] == {"phi": script.PHI, "drift_q": script.DRIFT_Q}
    df, bounds, areas, sha = script.setting()
    assert prov["data_sha256"] == sha and prov["areas"] == areas
    # held-out evidence recorded in the file = a recomputation with the packaged table
    one = "NY.GDP.MKTP.KD.ZG"
    from dxtrack.analysis.backtest import series_from_long

    full = series_from_long(df, {c: bounds.get(c) for c in script.HELD_OUT}, areas=areas)
    ev = evaluate(full, min_points=script.MIN_POINTS).to_dict()
    recorded = doc["evidence"]["held_out"]["calibrated"]
    assert ev["counts"] == recorded["counts"]
    for key in ("80", "95"):
        assert ev["coverage"][key] == pytest.approx(recorded["coverage"][key], abs=1e-12)
    # the table itself from a subset: the classes and horizons reproduce the script's construction
    sub = script.build(indicators=script.TUNING[:2], held_out=(one,))
    assert len(sub["table"]) == len(doc["table"]) and len(sub["table"][0]) == script.HORIZONS
    # done-when on the held-out set: mean coverage 75–85 % / 90–97 %, no horizon below 70 % / 85 %
    mean = recorded["mean"]["coverage"]
    assert 0.75 <= mean["80"] <= 0.85 and 0.90 <= mean["95"] <= 0.97
    assert min(recorded["coverage"]["80"].values()) >= 0.70 and min(recorded["coverage"]["95"].values()) >= 0.85
    before = doc["evidence"]["held_out"]["uncalibrated"]
    assert recorded["mean"]["msis"] <= before["mean"]["msis"]


def test_cli_backtest_json_on_sqlite(loaded_db_url: str) -> None:
    runner = CliRunner()
    base = ["--db", loaded_db_url, "backtest", "--indicator", "NY.GDP.MKTP.KD.ZG", "--indicator", "IP.PAT.RESD"]
    out = runner.invoke(app, [*base, "--areas", "ASEAN", "--horizons", "1-5", "--format", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert {"n", "coverage", "msis", "mase", "brier", "counts"} <= set(doc)
    assert set(doc["coverage"]) == {"80", "95"}
    for key in ("80", "95"):
        assert list(doc["coverage"][key]) == ["1", "2", "3", "4", "5"]
    assert list(doc["msis"]) == list(doc["mase"]) == list(doc["counts"]) == ["1", "2", "3", "4", "5"]
    assert doc["n"] == sum(doc["counts"].values()) > 100
    assert 0 <= doc["brier"] <= 1
    table = runner.invoke(app, [*base, "--areas", "VNM,THA", "--horizons", "2", "--lang", "en"])
    assert table.exit_code == 0 and "80% interval coverage" in table.stdout
    bad = runner.invoke(app, [*base[:3], "--indicator", "NO.SUCH", "--format", "json"])
    assert bad.exit_code != 0


@pytest.mark.parametrize("pack_name", ["vn-nq52", "vn-nq57"])
def test_fan_and_probability_are_the_assessment_ones(loaded_dbs: Callable[[str], str], pack_name: str) -> None:
    """The target page's fan ends at the deadline with exactly the projection the board and report show,
    and that projection's distribution gives the probability (one function, analysis.assess.projection_at)."""
    from dxtrack.catalog.loader import load_pack
    from dxtrack.domain.catalog import TargetKind
    from dxtrack.services.assess import target_assessment
    from dxtrack.store.engine import make_engine

    pack = load_pack(pack_name)
    engine = make_engine(loaded_dbs(pack_name))
    checked = 0
    for t in pack.targets:
        if t.kind is not TargetKind.threshold or not t.indicator:
            continue
        a = target_assessment(engine, pack, t.id)
        if not a.forecast or a.projection is None:
            continue
        end = a.forecast[-1]
        p = a.projection
        assert end.year == p.year == t.deadline
        assert (end.value, end.lo80, end.hi80, end.lo95, end.hi95) == pytest.approx(
            (p.value, p.lo80, p.hi80, p.lo95, p.hi95), rel=1e-12
        )
        # a probability that would contradict the status beside it is withheld (None), never out of range
        assert a.probability is None or 0 <= a.probability <= 1
        checked += 1
    assert checked >= 1


def test_cli_backtest_refuses_unknown_areas_and_horizons(loaded_db_url: str) -> None:
    runner = CliRunner()
    base = ["--db", loaded_db_url, "backtest", "--indicator", "IP.PAT.RESD"]
    out = runner.invoke(app, [*base, "--areas", "XXX"])
    assert out.exit_code == 1 and "--areas: XXX" in str(out.exception)
    out = runner.invoke(app, [*base, "--horizons", "0-3"])
    assert out.exit_code == 1 and "--horizons" in str(out.exception)
