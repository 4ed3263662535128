"""open-sdg / Statistics Canada progress method: METHODS.md §2.1 worked checks and edge cases.

Every expected number below was computed by hand from the published formulas (METHODS.md §2.1),
not by the code under test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dxtrack.analysis import opensdg as o
from dxtrack.interop import opensdg_table as t


def cfg(**kw: object) -> o.ProgressConfig:
    return o.ProgressConfig.from_mapping(kw)


def test_worked_check_no_target() -> None:
    r = o.series_progress([2015, 2022], [50, 55], cfg(direction="positive"))
    assert r.method == 1
    assert r.progress_value == pytest.approx(0.013708856, abs=1e-9)
    assert r.status == "moderate_progress"
    assert r.score == pytest.approx(2.177214, abs=1e-6)


def test_worked_check_target_increase() -> None:
    r = o.series_progress([2015, 2022], [50, 60], cfg(direction="positive", target=80))
    assert r.progress_value == pytest.approx(0.829042, abs=1e-6)
    assert r.status == "moderate_progress"
    assert r.score == pytest.approx(1.636061, abs=1e-6)


def test_worked_check_target_decrease() -> None:
    r = o.series_progress([2015, 2022], [20, 17], cfg(direction="negative", target=10))
    assert r.progress_value == pytest.approx(0.508201, abs=1e-6)
    assert r.status == "limited_progress"
    assert r.score == pytest.approx(-0.382478, abs=1e-6)


def test_worked_check_limit() -> None:
    r = o.series_progress([2015, 2022], [95, 97], cfg(direction="positive", limit=100))
    assert r.coefficient == pytest.approx(0.2036705, abs=1e-7)
    assert r.thresholds["high"] == pytest.approx(0.003055057, abs=1e-9)
    assert r.thresholds["med"] == pytest.approx(0.001018352, abs=1e-9)
    assert r.progress_value == pytest.approx(0.0029807317, abs=1e-9)
    assert r.status == "moderate_progress"
    assert r.score == pytest.approx(2.408767, abs=1e-6)


def test_default_direction_is_negative() -> None:
    # PR318 fixture headline: 100 → 120 with defaults: P = −(120/100 − 1) = −0.2, score −5.
    r = o.series_progress([2020, 2021], [100, 120], None)
    assert r.direction == "negative"
    assert r.base_year == 2020  # base year 2015 not in data → next later year
    assert r.progress_value == pytest.approx(-0.2)
    assert r.status == "deterioration"
    assert r.score == -5.0


@pytest.mark.parametrize(
    ("b", "limit", "expected"),
    [(0.0, 100.0, 1.0), (100.0, 100.0, 0.0), (200.0, 100.0, 1.0), (250.0, 100.0, 1.0), (50.0, 100.0, 1 - 0.5**4.44)],
)
def test_limit_coefficient(b: float, limit: float, expected: float) -> None:
    assert o.limit_coefficient(b, limit) == pytest.approx(expected)
    # symmetric branch above the limit: b = 150 → 1 − (50/100)^4.44
    assert o.limit_coefficient(150, 100) == pytest.approx(1 - 0.5**4.44)


def test_base_at_limit_scores_five() -> None:
    r = o.series_progress([2015, 2020], [100, 100], cfg(direction="positive", limit=100))
    assert r.coefficient == 0.0
    assert r.status == "substantial_progress"  # thresholds all 0, P = 0 ≥ 0
    assert r.score == 5.0


def test_score_breakpoints_method1() -> None:
    th = {"high": 0.015, "med": 0.005, "low": 0.0}
    assert o.progress_score(-0.02, 1, th) == pytest.approx(-5.0)
    assert o.progress_score(-0.5, 1, th) == -5.0
    assert o.progress_score(0.0, 1, th) == pytest.approx(-2.5)
    assert o.progress_score(0.005, 1, th) == pytest.approx(0.0)
    assert o.progress_score(0.015, 1, th) == pytest.approx(2.5)
    assert o.progress_score(0.02, 1, th) == pytest.approx(5.0)
    assert o.progress_score(0.5, 1, th) == 5.0


def test_score_breakpoints_method2() -> None:
    th = {"high": 0.95, "med": 0.6, "low": 0.0}
    assert o.progress_score(-0.6, 2, th) == pytest.approx(-5.0, abs=1e-3)
    assert o.progress_score(0.6, 2, th) == pytest.approx(0.0, abs=1e-3)
    assert o.progress_score(0.95, 2, th) == pytest.approx(2.5, abs=1e-3)
    assert o.progress_score(1.3, 2, th) == pytest.approx(5.0, abs=1e-3)
    assert o.progress_score(None, 2, th) is None
    assert o.progress_score(None, 2, th, achieved=True) == 5.0


def test_user_thresholds_override_and_move_branch_points() -> None:
    # high 0.02: P = 1.3709 % < high → moderate; score still uses 250P − 1.25.
    r = o.series_progress([2015, 2022], [50, 55], cfg(direction="positive", progress_thresholds={"high": 0.02}))
    assert r.thresholds == {"high": 0.02, "med": 0.005, "low": 0.0}
    assert r.status == "moderate_progress"
    assert r.score == pytest.approx(250 * 0.013708856 - 1.25, abs=1e-6)


def test_target_achieved_scores_five() -> None:
    r = o.series_progress([2015, 2021], [40, 52], cfg(direction="positive", target=50))
    assert r.target_achieved and r.status == "target_achieved" and r.score == 5.0


def test_single_point_meeting_target_is_achieved() -> None:
    r = o.series_progress([2020], [5], cfg(direction="negative", target=10))
    assert r.status == "target_achieved" and r.score == 5.0 and r.progress_value is None


def test_zero_base_becomes_0_001() -> None:
    r = o.series_progress([2015, 2016], [0, 0.002], cfg(direction="positive"))
    assert r.base_value == 0.001
    assert r.progress_value == pytest.approx(1.0)  # 0.002/0.001 − 1
    assert any("0.001" in w for w in r.warnings)


def test_zero_target_becomes_0_001() -> None:
    r = o.series_progress([2015, 2020], [1, 0.0005], cfg(direction="negative", target=0))
    assert r.target == 0.001 and r.target_achieved


def test_opposite_signs_not_available() -> None:
    r = o.series_progress([2015, 2020], [5, -1], cfg(direction="positive"))
    assert r.status == "not_available" and r.score is None and "opposite signs" in (r.reason or "")


def test_negative_values_flip_sign() -> None:
    # base −20, current −10, higher is better: sign −1, growth 0.5^(1/5) − 1 = −0.1294494
    r = o.series_progress([2015, 2020], [-20, -10], cfg(direction="positive"))
    assert r.sign == -1
    assert r.progress_value == pytest.approx(0.12944944, abs=1e-8)
    assert r.status == "substantial_progress" and r.score == 5.0


def test_all_before_base_year_not_available() -> None:
    r = o.series_progress([2015, 2018], [1, 2], cfg(base_year=2020))
    assert r.status == "not_available" and "base year 2020" in (r.reason or "")


def test_one_point_needs_two() -> None:
    r = o.series_progress([2015], [1], cfg())
    assert r.status == "not_available" and "two points" in (r.reason or "")


def test_no_data() -> None:
    assert o.series_progress([], [], cfg()).reason == "no data"


def test_duplicate_years_raise() -> None:
    with pytest.raises(o.OpenSdgDataError, match="2016"):
        o.series_progress([2015, 2016, 2016], [1, 2, 3], cfg())


def test_target_of_opposite_sign_quirks() -> None:
    # Base year found in data: Python complex power, |(−0.5)^(1/15) − 1| computed by hand:
    # (−0.5)^(1/15) = 0.5^(1/15)·(cos(π/15) + i sin(π/15)) = 0.954842·(0.978148 + 0.207912i)
    r = o.series_progress([2015, 2020], [10, 8], cfg(direction="negative", target=-5))
    re_, im_ = 0.954842 * 0.978148 - 1, 0.954842 * 0.207912
    cagr_o = 0.8**0.2 - 1
    assert r.progress_value == pytest.approx(-cagr_o / (re_**2 + im_**2) ** 0.5, rel=1e-4)
    # Base year moved to a later year: NumPy semantics → NaN → not available.
    r2 = o.series_progress([2016, 2020], [10, 8], cfg(direction="negative", target=-5))
    assert r2.status == "not_available" and r2.score is None


def test_status_from_score_bounds() -> None:
    assert o.status_from_score(5.0) == "substantial_progress"
    assert o.status_from_score(2.5) == "substantial_progress"
    assert o.status_from_score(0.0) == "moderate_progress"
    assert o.status_from_score(-2.5) == "limited_progress"
    assert o.status_from_score(-5.0) == "deterioration"
    assert o.status_from_score(11.0) is None
    assert o.status_from_score(1.0, all_achieved=True) == "target_achieved"


def test_indicator_mean_and_achieved_only_if_all() -> None:
    data = pd.DataFrame(
        {"Year": [2015, 2021, 2015, 2021], "SEX": [None, None, "F", "F"], "Value": [40.0, 52.0, 40.0, 44.0]}
    )
    meta = {
        "auto_progress_calculation": True,
        "progress_calculation_options": [
            {"direction": "positive", "target": 50},
            {"direction": "positive", "target": 50, "disaggregation": [{"field": "SEX", "value": "F"}]},
        ],
    }
    r = t.indicator_progress("x", data, meta)
    assert r.series[0].status == "target_achieved"
    # F: CAGR_o = 1.1^(1/6) − 1 = 0.0160119, CAGR_r = 1.25^(1/15) − 1 = 0.0149874, P = 1.068353
    assert r.series[1].progress_value == pytest.approx(1.068353, abs=1e-5)
    f_score = 7.1429 * 1.068353 - 4.2857
    assert r.score == pytest.approx((5 + f_score) / 2, abs=1e-4)
    assert r.status == "substantial_progress"  # not achieved: only one of two series met the target


def test_indicator_auto_off_manual_status() -> None:
    r = t.indicator_progress("x", None, {"auto_progress_calculation": False, "progress_status": "deterioration"})
    assert (r.status, r.score, r.series) == ("deterioration", None, ())
    r = t.indicator_progress("x", None, {})
    assert (r.status, r.score) == (None, None)


def test_filter_many_subseries_raises() -> None:
    data = pd.DataFrame({"Year": [2015, 2015], "Units": ["a", "b"], "Value": [1.0, 2.0]})
    with pytest.raises(o.OpenSdgDataError, match="Units"):
        t.filter_series(data, o.ProgressConfig())


def test_filter_no_headline_raises() -> None:
    data = pd.DataFrame({"Year": [2015, 2016], "SEX": ["F", "F"], "Value": [1.0, 2.0]})
    with pytest.raises(o.OpenSdgDataError, match="headline"):
        t.filter_series(data, o.ProgressConfig())


def test_filter_missing_value_warns_and_keeps_rows() -> None:
    data = pd.DataFrame({"Year": [2015, 2016], "SEX": ["F", "F"], "Value": [1.0, 2.0]})
    rows, warns = t.filter_series(data, o.ProgressConfig(disaggregation=(("SEX", "X"),)))
    assert len(rows) == 2 and any("not found" in w for w in warns)


def test_progress_column_and_year_ranges() -> None:
    data = pd.DataFrame({"Year": ["2015-16", "2019-20"], "Value": [10.0, 20.0], "Progress": [100.0, 98.0]})
    rows, _ = t.filter_series(data, o.ProgressConfig())
    assert rows["Year"].tolist() == [2015, 2019] and rows["Value"].tolist() == [100.0, 98.0]


def test_batch_engine_matches_series_progress() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    ys, vs, ds, tg, lim = [], [], [], [], []
    for i in range(600):
        n = int(rng.integers(1, 12))
        start = int(rng.integers(2008, 2020))
        y = np.sort(rng.choice(np.arange(start, start + 15), size=n, replace=False))
        sgn = -1 if i % 7 == 0 else 1
        v = sgn * rng.uniform(1, 100, n)
        if i % 11 == 0:
            v[0] = 0.0
        ys.append(y), vs.append(v), ds.append(1 if i % 2 else -1)
        kind = i % 4
        tg.append(float(rng.uniform(-50, 150)) if kind == 0 else float(rng.uniform(1, 150)) if kind == 1 else np.nan)
        lim.append(float(rng.uniform(1, 120)) if kind == 2 else np.nan)
    b = o.progress_batch(ys, vs, ds, target=tg, limit=lim)
    names = b.status_names()
    for i in range(600):
        opts: dict[str, object] = {"direction": "positive" if ds[i] == 1 else "negative"}
        if not np.isnan(tg[i]):
            opts["target"] = tg[i]
        if not np.isnan(lim[i]):
            opts["limit"] = lim[i]
        r = o.series_progress(ys[i], vs[i], opts)
        assert names[i] == r.status, i
        if r.score is None:
            assert np.isnan(b.score[i]), i
        else:
            assert b.score[i] == pytest.approx(r.score, rel=1e-9, abs=1e-12), i
