"""Per-target assessment façade: statuses, insufficient-data reasons, pass-through of obs ids."""

from __future__ import annotations

import pandas as pd
import pytest

from dxtrack.analysis.assess import annual_series, assess_growth, assess_milestone, assess_rank, assess_threshold
from dxtrack.errors import InputError


def obs(points: list[tuple[str, float]], area: str = "VNM") -> pd.DataFrame:
    return pd.DataFrame(
        [("X", area, p, v, f"o{i}") for i, (p, v) in enumerate(points)],
        columns=["indicator", "area", "period", "value", "obs_id"],
    )


def test_threshold_worked_check_with_projection() -> None:
    r = assess_threshold(obs([("2015", 50), ("2018", 54), ("2022", 60)]), target=80, comparator=">=", deadline=2030)
    assert r.status == "moderate_progress" and r.score == pytest.approx(1.636061, abs=1e-6)
    assert r.baseline is not None and r.baseline.value == 50 and r.latest is not None and r.latest.value == 60
    assert r.share_covered == pytest.approx(10 / 30)
    assert r.required_growth == pytest.approx((80 / 60) ** (1 / 8) - 1)
    assert r.actual_growth == pytest.approx((60 / 50) ** (1 / 7) - 1)
    assert r.projection is not None and r.projection.lo80 is not None and r.projection.lo80 < r.projection.value
    assert r.probability is not None and 0 < r.probability < 1
    assert r.obs_ids == ("o0", "o1", "o2")
    assert r.to_dict()["extra"]["trajectory"]["gaps"][0]["path"] == pytest.approx(50.0)


def test_insufficient_data_reasons() -> None:
    assert assess_threshold(obs([]), target=1, deadline=2030).missing == "no observations"
    one = assess_threshold(obs([("2023", 5)]), target=10, deadline=2030, base_year=2019)
    assert one.status == "insufficient_data" and "needs at least two points" in (one.missing or "")
    old = assess_threshold(obs([("2010", 1), ("2012", 2)]), target=10, deadline=2030, base_year=2019)
    assert old.missing == "no observation in or after 2019"


def test_baseline_from_document_and_undesa() -> None:
    r = assess_threshold(obs([("2022", 60)]), target=80, deadline=2030, baseline=("2015", 50.0), method="undesa")
    assert r.method == "undesa" and r.score == 2.0 and r.baseline is not None and r.baseline.period == "2015"


def test_duplicate_period_is_an_input_error() -> None:
    with pytest.raises(InputError, match="2020"):
        annual_series(obs([("2020", 1), ("2020", 2)]))


def test_growth_target() -> None:
    pts = [("2020", 100.0), ("2021", 105.0), ("2022", 110.25), ("2023", 115.7625)]
    r = assess_growth(obs(pts), window=(2021, 2025), target_rate=7)
    assert r.actual_growth == pytest.approx(0.05)
    assert r.required_growth == pytest.approx((100 * 1.07**5 / 115.7625) ** 0.5 - 1)
    # open-sdg target method on levels: CAGR_o = 5 %, CAGR_r = 7 % → P = 0.714 → moderate_progress
    assert r.progress_value == pytest.approx(0.05 / 0.07)
    assert r.status == "moderate_progress"


def test_rank_target_from_scores() -> None:
    rows = []
    for y, (a, b, v) in zip(
        range(2018, 2023), [(60, 30, 40), (60, 31, 41), (61, 33, 42), (61, 34, 44), (62, 35, 45)], strict=True
    ):
        rows += [("S", "A", str(y), a, None), ("S", "B", str(y), b, None), ("S", "VNM", str(y), v, f"v{y}")]
    df = pd.DataFrame(rows, columns=["indicator", "area", "period", "value", "obs_id"])
    r = assess_rank(df, focus="VNM", k=2, deadline=2025, members=["A", "B", "VNM", "C"], bounds=(0, 100), n_sims=2000)
    assert r.latest is not None and r.latest.value == 2.0
    assert r.status == "target_achieved"
    assert r.extra["editions"][0]["missing"] == ["C"]
    assert r.probability is not None and r.probability > 0.5


def test_milestone_passthrough() -> None:
    r = assess_milestone([{"date": "2024-05-01", "text": "x", "assessor": "Lead", "judgement": "achieved"}])
    assert (r.status, r.judged_by) == ("achieved", "Lead")
