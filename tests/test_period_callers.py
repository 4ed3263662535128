"""Modules that order or annualise periods do it through domain/period.py: sub-annual periods behave
chronologically in the status board, the rank method, the index builder and the assessment."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dxtrack.analysis.assess import annual_series, assess_rank, assess_threshold
from dxtrack.analysis.ranks import ranks_by_edition
from dxtrack.errors import InputError
from dxtrack.index.build import tidy_to_data
from dxtrack.index.spec import load_spec
from dxtrack.services.status import latest_per_series

FIX = Path(__file__).parent / "fixtures" / "index"


def _obs(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"indicator": "X", "area": a, "period": p, "value": v, "obs_id": i} for i, (a, p, v) in enumerate(rows, 1)]
    )


def test_status_board_latest_is_chronological() -> None:
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4],
            "indicator": ["X"] * 4,
            "area": ["VNM"] * 4,
            "period": ["2024-Q4", "2020-2024", "2024-11", "2024-09"],  # by text "2024-Q4" would be last
            "published_on": pd.to_datetime(["2025-01-05"] * 4),
        }
    )
    assert latest_per_series(frame)["period"].tolist() == ["2024-Q4"]


def test_annual_series_mean_rule_and_complete_only() -> None:
    obs = _obs([("VNM", "2023", 10.0), ("VNM", "2024-Q1", 11.0), ("VNM", "2024-Q2", 13.0), ("VNM", "2020-2023", 9.0)])
    s = annual_series(obs, rule="mean")
    assert s.years.tolist() == [2023, 2024] and s.values.tolist() == [10.0, 12.0]
    assert s.periods == ("2023", "2024") and s.obs_ids == (1, 2, 3) and s.skipped == ("2020-2023",)
    (folded,) = s.folded()
    assert (folded["year"], folded["rule"], folded["partial"]) == (2024, "mean", True)
    whole = annual_series(obs, rule="mean", complete_only=True)
    assert whole.years.tolist() == [2023] and whole.skipped == ("2020-2023", "2024")
    with pytest.raises(InputError, match="two values for period 2023"):
        annual_series(_obs([("VNM", "2023", 1.0), ("VNM", "2023.0", 2.0)]))


def test_threshold_on_monthly_values_reads_the_latest_month() -> None:
    # 2019 = 10, 2020 = 12, then March and April 2021: the latest reading, 15, stands for 2021
    obs = _obs([("VNM", "2019", 10.0), ("VNM", "2020", 12.0), ("VNM", "2021-03", 14.0), ("VNM", "2021-04", 15.0)])
    r = assess_threshold(obs, target=20.0, comparator=">=", deadline=2025, base_year=2019)
    assert r.latest is not None and (r.latest.period, r.latest.value) == ("2021-04", 15.0)
    assert r.obs_ids == (1, 2, 4)
    assert r.extra["annualised"][0]["set_aside"] == [{"period": "2021-03", "obs_id": 3}]


def test_ranks_per_year_from_quarters() -> None:
    # A and B report quarters of 2024, VNM the year: A's latest quarter (8) beats VNM (7), B's (5) does not
    obs = _obs(
        [
            ("VNM", "2023", 6.0),
            ("VNM", "2024", 7.0),
            ("A", "2023", 5.0),
            ("A", "2024-Q1", 6.0),
            ("A", "2024-Q2", 8.0),
            ("B", "2023", 9.0),
            ("B", "2024-Q2", 5.0),
        ]
    )
    r = assess_rank(obs, focus="VNM", k=1, deadline=2030, members=["VNM", "A", "B"], n_sims=200)
    assert [(e["period"], e["rank"]) for e in r.extra["editions"]] == [(2023, 2), (2024, 2)]
    # by the mean rule A's 2024 is (6 + 8) / 2 = 7, a tie with VNM, and ties share the best rank
    m = assess_rank(obs, focus="VNM", k=1, deadline=2030, members=["VNM", "A", "B"], n_sims=200, annual_rule="mean")
    assert [(e["period"], e["rank"]) for e in m.extra["editions"]] == [(2023, 2), (2024, 1)]
    # ranks_by_edition counts a month for its year
    editions = ranks_by_edition(_obs([("VNM", "2024-06", 7.0), ("A", "2024", 8.0)]), "VNM")
    assert [(e.period, e.rank) for e in editions] == [(2024, 2)]


def test_index_build_takes_the_chronologically_latest_period() -> None:
    spec, _ = load_spec(FIX / "tiny_spec.yaml")
    rows = [("BB", "A", "2024-Q1", 1.0), ("BB", "A", "2024", 2.0), ("BB", "A", "2023-12", 3.0)]
    rows += [(c, "A", "2024-03", 1.0) for c in ("COST", "DIG")]
    df = pd.DataFrame(rows, columns=["indicator", "area", "period", "value"])
    bb = spec.indicators.index("BB")
    assert tidy_to_data(df, spec).values[0, bb] == 2.0  # the year 2024 ends after its first quarter
    assert tidy_to_data(df, spec, "2024-06").values[0, bb] == 1.0  # the year 2024 is not over by June
    with pytest.raises(InputError, match="'2024-13' is not a period"):
        tidy_to_data(df, spec, "2024-13")
