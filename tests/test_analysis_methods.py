"""UN DESA method, trajectory, growth, ranks and milestones — hand-computed expectations."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dxtrack.analysis.growth import growth_over_window, yearly_growth
from dxtrack.analysis.milestone import judge_milestone
from dxtrack.analysis.ranks import rank_probability, ranks_by_edition
from dxtrack.analysis.trajectory import gaps, path_values, required_annual_growth
from dxtrack.analysis.undesa import undesa_progress


def test_undesa_worked_check() -> None:
    # METHODS.md: 50 (2015) → 60 (2022), target 80 by 2030: v_e = 73.90, r = 0.7967 → score 2
    r = undesa_progress([2015, 2022], [50, 60], target=80, target_year=2030)
    assert r.expected_value == pytest.approx(73.8999, abs=1e-3)
    assert r.ratio == pytest.approx(0.79666, abs=1e-4)
    assert (r.score, r.status) == (2, "moderate_progress")


def test_undesa_no_target_classes() -> None:
    # CAGR 50 → 55 over 7 years = 1.371 % → 2; decrease of the same size with increase desired → 1
    assert undesa_progress([2015, 2022], [50, 55], direction="positive").score == 2
    assert undesa_progress([2015, 2022], [55, 50], direction="positive").status == "deterioration"
    assert undesa_progress([2015, 2020], [100, 80], direction="negative").score == 3  # −4.36 %/yr


def test_undesa_exceptions() -> None:
    assert undesa_progress([2015, 2020], [90, 99.5], target=100, percent=True).status == "target_achieved"
    assert undesa_progress([2020], [5], direction="positive").reason == "needs at least two points"
    assert undesa_progress([2015, 2016], [1, 2], direction="positive", growth_rate_series=True).score is None
    assert undesa_progress([2015, 2020], [1, 0], target=1, binary=True, direction="positive").score == 1
    # base year 2015 missing: nearest later year 2017 is used
    assert undesa_progress([2017, 2020], [10, 11], direction="positive").base_year == 2017


def test_trajectory_linear_and_compound() -> None:
    assert path_values([2020, 2025, 2030], 2020, 10, 2030, 30).tolist() == [10, 20, 30]
    assert path_values([2025], 2020, 10, 2030, 40, "compound").tolist() == pytest.approx([20.0])
    rows = gaps([2022], [12], 2020, 10, 2030, 30)
    assert (rows[0].path, rows[0].gap, rows[0].share_covered) == pytest.approx((14.0, -2.0, 0.1))
    down = gaps([2022], [18], 2020, 20, 2030, 10)  # lower is better, path 18 → on the path
    assert down[0].gap_favourable == pytest.approx(0.0)
    assert required_annual_growth(100, 2023, 121, 2025) == pytest.approx(0.1)


def test_growth_window() -> None:
    # 5 %/yr from 100 (2020) to 115.7625 (2023); target 7 %/yr over 2021–2025
    g = growth_over_window([2020, 2021, 2022, 2023], [100, 105, 110.25, 115.7625], (2021, 2025), 0.07)
    assert g.average_growth == pytest.approx(0.05)
    assert g.target_level == pytest.approx(140.2551731, abs=1e-6)  # 100·1.07^5
    assert g.required_growth == pytest.approx((140.2551731 / 115.7625) ** 0.5 - 1, abs=1e-9)
    assert g.yearly == pytest.approx({2021: 0.05, 2022: 0.05, 2023: 0.05})
    assert g.probability is not None and 0 <= g.probability <= 1
    assert yearly_growth([2019, 2021], [1, 2]) == {}
    assert growth_over_window([2018, 2019], [1, 2], (2021, 2025), 0.07).missing == "no observation in 2020–2025"
    assert growth_over_window([2020], [1], (2021, 2025), 0.07).missing == "no observation after 2020"


def peers() -> pd.DataFrame:
    rows = [
        ("A", 2020, 50),
        ("B", 2020, 40),
        ("C", 2020, 40),
        ("VNM", 2020, 40),
        ("A", 2022, 50),
        ("B", 2022, 45),
        ("VNM", 2022, 48),
    ]
    return pd.DataFrame(rows, columns=["area", "period", "value"])


def test_ranks_by_edition_ties_and_missing() -> None:
    er = ranks_by_edition(peers(), "VNM", ["A", "B", "C", "VNM", "D"])
    assert [(e.period, e.rank, e.n_ranked) for e in er] == [(2020, 2, 4), (2022, 2, 3)]
    assert er[0].missing == ("D",) and er[1].missing == ("C", "D")
    world = ranks_by_edition(peers().assign(value=[1, 5, 5, 3, 1, 4, 2]), "VNM", higher_is_better=False)
    assert world[0].rank == 2 and world[1].rank == 2


def test_rank_probability_certain_cases() -> None:
    df = pd.DataFrame(
        [(a, y, v) for a, v in (("A", 10), ("B", 20)) for y in range(2010, 2016)]
        + [("VNM", y, 500 + y - 2010) for y in range(2010, 2016)],
        columns=["area", "period", "value"],
    )
    df["value"] = df["value"] + [0.01 * ((i * 7) % 5) for i in range(len(df))]
    rp = rank_probability(df, "VNM", 1, 2020, n_sims=2000)
    assert rp.probability == 1.0 and rp.left_out == ()
    rp2 = rank_probability(df, "VNM", 1, 2020, ["A", "B", "VNM", "ZZZ"], n_sims=500)
    assert rp2.left_out == ("ZZZ",)


def test_milestone_latest_judgement_wins() -> None:
    ev = [
        {"date": "2024-01-05", "text": "draft law", "assessor": "MoST", "judgement": "on_track"},
        {"date": dt.date(2025, 3, 1), "text": "not passed", "assessor": "NA Office", "judgement": "delayed"},
        {"date": "2023-06-01", "text": "plan", "assessor": "MoST", "judgement": "started"},
    ]
    r = judge_milestone(ev, deadline=2025)
    assert (r.status, r.judged_by, r.judged_on) == ("delayed", "NA Office", "2025-03-01")
    none = judge_milestone([])
    assert none.status == "insufficient_data" and none.missing == "no evidence recorded"
