"""Hand-computed checks of COINr's skew/kurt estimators, R-style ranks and quantiles."""

import math

import numpy as np
import pytest

from dxtrack.index.stats import kurt, quantile_type7, rank_min, skew, skew_kurt


def test_skew_kurt_type2_hand_values() -> None:
    # x = 1,2,3,4,10: mean 4, sum d^2 = 50, sum d^3 = 180, sum d^4 = 1394, n = 5
    x = np.array([1.0, 2, 3, 4, 10])
    assert float(skew(x)) == pytest.approx(1.2 * math.sqrt(2), rel=1e-12)  # 0.24 * sqrt(50)
    assert float(kurt(x)) == pytest.approx(3.152, rel=1e-12)  # ((6)(2.788 - 3) + 6) * 4 / 6


def test_skew_kurt_ignore_nan_and_need_enough_points() -> None:
    x = np.array([[1.0, 1.0], [2, 2], [3, np.nan], [4, np.nan], [10, np.nan]])
    sk, kt = skew_kurt(x)
    assert sk[0] == pytest.approx(1.2 * math.sqrt(2))
    assert math.isnan(sk[1]) and math.isnan(kt[1])  # 2 values: COINr stops; we return NaN
    const = np.array([3.0, 3, 3, 3])
    assert math.isnan(float(skew(const)))  # 0/0 as in R


def test_rank_min_ties_and_nan() -> None:
    x = np.array([3.0, 1, 3, np.nan, 2])
    np.testing.assert_array_equal(rank_min(x), [3, 1, 3, np.nan, 2])
    np.testing.assert_array_equal(rank_min(x, descending=True), [1, 4, 1, np.nan, 3])


def test_quantile_type7() -> None:
    x = np.array([[1.0], [2], [3], [4], [np.nan]])
    assert quantile_type7(x, 0.05)[0] == pytest.approx(1.15)  # 1 + 0.15 * (2 - 1)
    assert quantile_type7(x, 0.5)[0] == pytest.approx(2.5)
