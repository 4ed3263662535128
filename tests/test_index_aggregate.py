"""Aggregation rules with hand-computed values, COINr's edge cases and property tests."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxtrack.errors import InputError
from dxtrack.index.aggregate import AggSpec, aggregate, aggregate_level, copeland
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, PipelineConfig, run
from dxtrack.index.spec import AggLevel, spec_from_tree
from dxtrack.index.treat import TreatSpec


def one_group(w: list[float]) -> AggLevel:
    k = len(w)
    return AggLevel(2, ("P",), tuple(f"c{i}" for i in range(k)), np.zeros(k, dtype=np.intp), np.array(w))


def test_amean_reweights_over_missing() -> None:
    lv = one_group([1, 1, 2])
    x = np.array([[10.0, 20.0, np.nan], [10.0, 20.0, 40.0], [np.nan, np.nan, np.nan]])
    out = aggregate_level(x, lv, "amean")[:, 0]
    assert out[0] == pytest.approx(15.0)  # (10 + 20) / 2
    assert out[1] == pytest.approx(27.5)  # (10 + 20 + 80) / 4
    assert math.isnan(out[2])  # all missing -> NA


def test_dat_thresh() -> None:
    lv = one_group([1, 1, 1])
    x = np.array([[1.0, np.nan, np.nan], [1.0, 2.0, np.nan]])
    out = aggregate_level(x, lv, "amean", dat_thresh=0.5)[:, 0]
    assert math.isnan(out[0]) and out[1] == pytest.approx(1.5)


def test_gmean_hmean_genmean() -> None:
    x = np.array([[1.0, 4.0]])
    assert aggregate_level(x, one_group([1, 1]), "gmean")[0, 0] == pytest.approx(2.0)
    assert aggregate_level(x, one_group([1, 3]), "gmean")[0, 0] == pytest.approx(4**0.75)
    assert aggregate_level(x, one_group([1, 1]), "hmean")[0, 0] == pytest.approx(1.6)  # 2 / (1 + 1/4)
    assert aggregate_level(x, one_group([1, 1]), "genmean", p=2)[0, 0] == pytest.approx(math.sqrt(8.5))
    # COINr's a_genmean does not drop NAs
    assert math.isnan(aggregate_level(np.array([[1.0, np.nan]]), one_group([1, 1]), "genmean", p=2)[0, 0])


def test_gmean_zero_and_hmean_zero_are_errors() -> None:
    with pytest.raises(InputError, match="positive"):
        aggregate_level(np.array([[0.0, 4.0]]), one_group([1, 1]), "gmean", units=["U1"])
    with pytest.raises(InputError, match="zero"):
        aggregate_level(np.array([[0.0, 4.0]]), one_group([1, 1]), "hmean")
    with pytest.raises(InputError):
        aggregate_level(np.array([[-1.0, 4.0]]), one_group([1, 1]), "gmean")


def test_copeland_hand_case() -> None:
    x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]])
    # A vs B: one win each -> 0.5 -> 0; C beats both
    np.testing.assert_array_equal(copeland(x, np.array([1.0, 1.0])), [-1, -1, 2])


def test_copeland_missing_values_follow_coinr_upper_triangle_rule() -> None:
    # e_12 counts only non-missing comparisons; e_21 = 1 - e_12 (so order matters with NAs)
    x = np.array([[np.nan, 1.0], [0.0, 5.0]])
    np.testing.assert_array_equal(copeland(x, np.array([1.0, 1.0])), [-1, 1])
    np.testing.assert_array_equal(copeland(x[::-1], np.array([1.0, 1.0])), [0, 0])


SPEC = spec_from_tree(
    {
        "index": {
            "code": "I",
            "children": [
                {"code": "P1", "weight": 1, "children": [{"code": "a"}, {"code": "b"}]},
                {"code": "P2", "weight": 3, "children": [{"code": "c", "direction": -1}]},
            ],
        }
    }
)


def test_level_by_level_weights() -> None:
    x = np.array([[10.0, 30.0, 50.0]])
    lv = aggregate(x, SPEC, AggSpec("amean"))
    assert lv[2][0].tolist() == [20.0, 50.0]
    assert lv[3][0, 0] == pytest.approx((20 + 3 * 50) / 4)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(1, 100), min_size=9, max_size=9), st.floats(0.01, 1000))
def test_scaling_all_weights_changes_nothing(vals: list[float], c: float) -> None:
    x = np.array(vals).reshape(3, 3)
    w = {"a": 1.0, "b": 2.0, "c": 1.0, "P1": 1.0, "P2": 3.0}
    for m in ("amean", "gmean", "hmean", "copeland"):
        base = aggregate(x, SPEC, AggSpec(m, weights=w))[3]
        scaled = aggregate(x, SPEC, AggSpec(m, weights={k: v * c for k, v in w.items()}))[3]
        np.testing.assert_allclose(base, scaled, rtol=1e-9)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0, 100), min_size=12, max_size=12),
    st.integers(0, 3),
    st.integers(0, 2),
    st.floats(0.001, 50),
)
def test_raising_one_indicator_never_lowers_own_amean_score(vals: list[float], unit: int, ind: int, up: float) -> None:
    x = np.array(vals).reshape(4, 3)
    cfg = PipelineConfig(treat=TreatSpec(enabled=False), normalise=NormSpec("minmax"), aggregate=AggSpec("amean"))
    data = IndexData([f"u{i}" for i in range(4)], ["a", "b", "c"], x)
    before = run(data, SPEC, cfg).levels[3][unit, 0]
    x2 = x.copy()
    x2[unit, ind] += up if ind != 2 else -up  # c has direction -1: "raising" its score means lowering it
    after = run(IndexData(data.units, data.codes, x2), SPEC, cfg).levels[3][unit, 0]
    if not (math.isnan(before) or math.isnan(after)):
        assert after >= before - 1e-9
