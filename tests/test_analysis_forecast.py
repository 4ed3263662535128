"""Forecast engines (hand-computed predictive distributions), backtest on bundled WDI series."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dxtrack.analysis.backtest import evaluate, series_from_long
from dxtrack.analysis.forecast import Scale, choose_scale, forecast, forecast_batch

T90_1 = 3.0776835371752536  # Student t, 1 df, 90 % quantile (tables)


def test_damped_drift_by_hand() -> None:
    # z = 1, 3, 4: d = 1.5, σ² = ((2−1.5)² + (1−1.5)²)/1 = 0.5; h = 2, φ = 0.9: S = 1.71
    # loc = 4 + 1.5·1.71 = 6.565; var = 2·0.5 + 1.71²·0.5/2 = 1.731025 (shocks + drift estimate)
    # + drift changes q·(S_1² + S_2²)·σ² = 0.2·(0.81 + 2.9241)·0.5 = 0.37341 → 2.104435
    f = forecast([2020, 2021, 2022], [1, 3, 4], 2024, requested="linear", calibrate=False)
    assert f is not None and f.model == "damped" and f.df == 1
    assert f.loc == pytest.approx(6.565)
    assert f.spread == pytest.approx(2.104435**0.5)
    lo, hi = f.interval(0.8)  # type: ignore[misc]
    assert (lo, hi) == pytest.approx((6.565 - T90_1 * 2.104435**0.5, 6.565 + T90_1 * 2.104435**0.5))
    g = forecast([2020, 2021, 2022], [1, 3, 4], 2024, requested="linear", drift_q=0.0, calibrate=False)
    assert g is not None and g.spread == pytest.approx(1.731025**0.5)  # the plain damped trend


def test_trend_by_hand() -> None:
    # z = 0,1,2,3,5 at 2010..2014: b = 1.2, SSR = 0.4, s² = 0.4/3; at 2016 x0 = 4:
    # loc = 2.2 + 4.8 = 7.0; var = s²(1 + 1/5 + 16/10) = 0.373333
    f = forecast([2010, 2011, 2012, 2013, 2014], [0, 1, 2, 3, 5], 2016, requested="linear", model="trend")
    assert f is not None and f.model == "trend" and f.df == 3
    assert f.loc == pytest.approx(7.0)
    assert f.spread == pytest.approx((0.4 / 3 * 2.8) ** 0.5)
    assert f.prob(">=", 7.0) == pytest.approx(0.5)


def test_two_points_point_forecast_only() -> None:
    f = forecast([2020, 2022], [10, 12], 2024, requested="linear")
    assert f is not None and f.spread is None and f.interval(0.8) is None and f.prob(">=", 1) is None
    assert f.loc == pytest.approx(12 + 1.0 * (0.9 + 0.81))


def test_scale_choice_and_roundtrip() -> None:
    assert choose_scale([10, 20], (0, 100)).kind == "logit"
    assert choose_scale([10, 20]).kind == "log"
    assert choose_scale([-1, 2]).kind == "identity"
    s = Scale("logit", 0, 100)
    assert float(s.inverse(s.forward(37.0))) == pytest.approx(37.0)


@pytest.mark.parametrize("model", ["auto", "trend"])
def test_batch_engine_matches_statsmodels(model: str) -> None:
    rng = np.random.default_rng(7)
    ys, vs, lo, hi, tg = [], [], [], [], []
    for i in range(120):
        n = int(rng.integers(2, 20))
        y = np.arange(2000, 2000 + n)
        if i % 2:
            v = np.clip(20 + 2.5 * (y - 2000) + rng.normal(0, 2, n), 1, 99)
            lo.append(0.0), hi.append(100.0)
        else:
            v = 50 * np.exp(0.04 * (y - 2000) + rng.normal(0, 0.03, n))
            lo.append(np.nan), hi.append(np.nan)
        ys.append(y), vs.append(v), tg.append(float(v[-1]) * 1.05)
    b = forecast_batch(ys, vs, [2030] * 120, bounds_lo=lo, bounds_hi=hi, target=tg, target_sense=[1] * 120, model=model)  # type: ignore[arg-type]
    for i in range(120):
        f = forecast(ys[i], vs[i], 2030, bounds=None if np.isnan(lo[i]) else (lo[i], hi[i]), model=model)  # type: ignore[arg-type]
        assert f is not None
        assert b.loc[i] == pytest.approx(f.loc, abs=1e-9)
        if f.spread is None:
            assert np.isnan(b.lo80[i])
            continue
        i80, i95 = f.interval(0.8), f.interval(0.95)
        assert (b.lo80[i], b.hi80[i], b.lo95[i], b.hi95[i]) == pytest.approx((*i80, *i95), rel=1e-9)  # type: ignore[misc]
        assert b.prob[i] == pytest.approx(f.prob(">=", tg[i]), abs=1e-9)


def test_backtest_coverage_on_wdi(data_dir: Path) -> None:
    df = pd.read_csv(data_dir / "worldbank_wdi" / "wdi_asean.csv")
    asean = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]
    series = series_from_long(df, {"IT.NET.USER.ZS": (0.0, 100.0), "SL.GDP.PCAP.EM.KD": None}, areas=asean)
    r = evaluate(series)
    assert r.n_series == 20 and r.n == sum(r.counts.values()) > 1000
    mean = r.mean_coverage
    assert 0.7 <= mean["80"] <= 0.9 and 0.85 <= mean["95"] <= 0.99 and mean["95"] > mean["80"]
