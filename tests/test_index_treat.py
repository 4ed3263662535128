"""COINr's default treatment on hand-made vectors (cases from COINr's own test-treat.R and more)."""

import math

import numpy as np
import pytest

from dxtrack.errors import InputError
from dxtrack.index.treat import TreatSpec, treat


def col(values: list[float]) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)[:, None]


def test_single_outlier_is_winsorised_to_next_highest() -> None:
    x = col([*range(1, 11), 100])  # skew 3.26, kurt 10.7 -> fails
    r = treat(x, ["x"])
    np.testing.assert_array_equal(r.data[:, 0], [*range(1, 11), 10])
    assert r.points[0][-1] == "winhi" and r.points[0][0] == ""
    d = r.details[0]
    assert d["Pass0"] is False and d["nwin"] == 1 and d["Pass1"] is True


def test_tied_maxima_are_replaced_together_and_counted_individually() -> None:
    x = col([*range(1, 21), 80, 80])  # skew 2.67, kurt 6.58
    r = treat(x, ["x"])
    np.testing.assert_array_equal(r.data[:, 0], [*range(1, 21), 20, 20])
    assert r.details[0]["nwin"] == 2
    assert r.points[0][-2:] == ["winhi", "winhi"]


def test_negative_skew_winsorises_the_minimum() -> None:
    x = col([-100, *range(1, 11)])
    r = treat(x, ["x"])
    assert r.data[0, 0] == 1.0
    assert r.points[0][0] == "winlo"


def test_log_applied_to_original_when_winsorisation_limit_reached() -> None:
    vals = [*range(1, 21), 100, 200]
    r = treat(col(vals), ["x"], TreatSpec(winmax=1))
    # log_CT on the ORIGINAL values: log(x - min + 0.01 * (max - min)) = log(x - 1 + 1.99)
    expected = [math.log(v - 1 + 1.99) for v in vals]
    np.testing.assert_allclose(r.data[:, 0], expected, rtol=0, atol=1e-12)
    # COINr's Treated_Points glue: f1 label + "+" + f2
    assert r.points[0][-1] == "winhi+log_CT"
    assert r.points[0][0] == "+log_CT"
    assert r.details[0]["f2"] == "log_CT"


def test_force_win_counts_points_like_coinr() -> None:
    vals = [*range(1, 21), 100, 200]
    r = treat(col(vals), ["x"], TreatSpec(winmax=3, force_win=True, f2="none"))
    assert sum(p != "" for p in r.points[0]) == 3  # COINr test-treat.R expects 3
    # 200 -> 100; then both 100s -> 20; now skew < 0 so the minimum 1 -> 2 (nwin = 2 + 1)
    np.testing.assert_array_equal(r.data[:, 0], [2, *range(2, 21), 20, 20])
    assert r.points[0][0] == "winlo" and r.points[0][-2:] == ["winhi", "winhi"]
    assert r.details[0]["nwin"] == 3


def test_passing_and_constant_columns_untouched() -> None:
    x = np.column_stack([np.arange(1.0, 13), np.full(12, 5.0)])
    r = treat(x, ["a", "b"])
    np.testing.assert_array_equal(r.data, x)
    assert r.details[0]["Pass0"] is True
    assert r.details[1]["Pass0"] is None  # NA check: returned untreated


def test_missing_values_are_ignored_and_kept() -> None:
    x = col([*range(1, 11), np.nan, 100])
    r = treat(x, ["x"])
    assert math.isnan(r.data[10, 0]) and r.data[11, 0] == 10.0


def test_too_few_values_is_an_error_naming_the_indicator() -> None:
    with pytest.raises(InputError, match="tiny"):
        treat(col([1, 2, 3, np.nan]), ["tiny"])


def test_disabled_and_per_indicator_none() -> None:
    x = np.column_stack([[*range(1, 11), 100.0], [*range(1, 11), 100.0]])
    assert (treat(x, ["a", "b"], TreatSpec.from_dict("none")).data == x).all()
    r = treat(x, ["a", "b"], TreatSpec.from_dict({"overrides": {"b": "none"}}))
    assert r.data[-1, 0] == 10 and r.data[-1, 1] == 100
