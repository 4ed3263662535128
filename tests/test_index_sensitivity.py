"""Uncertainty/sensitivity engine: R's cut(), Saltelli design, SA_estimate by hand, runs on a toy index."""

import numpy as np
import pytest

from dxtrack.errors import InputError
from dxtrack.index import sensitivity as sa
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, PipelineConfig
from dxtrack.index.spec import spec_from_tree
from dxtrack.index.treat import TreatSpec


def test_r_cut_uses_range_of_sample_and_right_closed_intervals() -> None:
    # breaks: -0.001, 0.5, 1.001  ->  (a, b] intervals
    np.testing.assert_array_equal(sa.r_cut(np.array([0.0, 0.5, 0.5001, 1.0]), 2), [0, 0, 1, 1])
    # range 0.2..0.8, 3 intervals: by = (0.8 - 0.2) / 3, inner breaks 0.2 + by = 0.4 and
    # 0.2 + 2 by = 0.6000000000000001: 0.4 and 0.6 both sit in the interval below their break
    np.testing.assert_array_equal(sa.r_cut(np.array([0.2, 0.4, 0.41, 0.6, 0.8]), 3), [0, 0, 1, 1, 2])


def test_r_cut_breaks_are_from_plus_i_by_as_seq_int() -> None:
    # R: cut(c(0, 10), 4) -> breaks seq.int(0, 10, length.out = 5) = 0, 2.5, 5, 7.5, 10, then the
    # outer ones move out by dx/1000 = 0.01 (?cut: "the outer limits are moved away by 0.1% of the range")
    np.testing.assert_array_equal(sa.r_cut_breaks(np.array([0.0, 10.0]), 4), [-0.01, 2.5, 5.0, 7.5, 10.01])
    # inner breaks are from + i * by, not mirrored from the top: by = 0.3 / 3 = 0.09999999999999999
    # (0.3 is 0.29999999999999998890 in binary), 2 * by = 0.19999999999999998 (below 0.2), whereas
    # to - by would give 0.2 exactly
    b = sa.r_cut_breaks(np.array([0.0, 0.3]), 3)
    assert b[1] == 0.09999999999999999
    assert b[2] == 0.19999999999999998
    assert b[0] == -0.0003 and b[3] == 0.3 + 0.0003


def test_r_cut_values_exactly_on_breaks_fall_where_r_puts_them() -> None:
    # cut(c(0, .1, .2, .3), 3, labels = FALSE) is 1 2 3 3 in R: 0.1 and 0.2 lie just above the
    # breaks 0.09999999999999999 and 0.19999999999999998 (a mirrored break 0.2 would give 1 2 2 3)
    np.testing.assert_array_equal(sa.r_cut(np.array([0.0, 0.1, 0.2, 0.3]), 3), [0, 1, 2, 2])
    # cut(c(.1, .4, .7), 2): by = 0.6 / 2 = 0.3 (0.59999999999999997780 / 2), break 0.1 + 0.3 = 0.4
    # exactly, so 0.4 is in the first interval (0.1, 0.4] (to - by would be 0.39999999999999997)
    np.testing.assert_array_equal(sa.r_cut(np.array([0.1, 0.4, 0.7]), 2), [0, 0, 1])
    # a grid of 6 alternatives' worth of points on 5 intervals: breaks -0.001, 0.2, 0.4,
    # 0.6000000000000001, 0.8, 1.001 -> every inner grid point goes to the interval below it
    np.testing.assert_array_equal(sa.r_cut(np.array([0.0, 0.2, 0.4, 0.6, 0.8, 1.0]), 5), [0, 0, 1, 2, 3, 4])


def test_r_cut_constant_sample_widens_by_a_thousandth_of_the_value() -> None:
    # dx = 0: breaks seq.int(5 - 0.005, 5 + 0.005, length.out = 3) = 4.995, 5, 5.005 -> interval 1
    np.testing.assert_array_equal(sa.r_cut_breaks(np.array([5.0, 5.0]), 2), [4.995, 5.0, 5.005])
    np.testing.assert_array_equal(sa.r_cut(np.array([5.0, 5.0]), 2), [0, 0])
    # all zero: dx = 1, breaks -0.001, -0.000333.., 0.000333.., 0.001 -> 0 is in interval 2 of 3
    np.testing.assert_array_equal(sa.r_cut(np.array([0.0, 0.0]), 3), [1, 1])


def test_r_cut_refuses_fewer_than_two_intervals() -> None:
    with pytest.raises(InputError, match="at least 2"):
        sa.r_cut(np.array([0.1, 0.9]), 1)


def test_sa_sample_layout() -> None:
    x = sa.sa_sample(4, 3, np.random.default_rng(0))
    assert x.shape == (20, 3)
    a, b = x[:4], x[4:8]
    for i in range(3):
        ab = x[8 + 4 * i : 12 + 4 * i]
        np.testing.assert_array_equal(ab[:, i], b[:, i])
        np.testing.assert_array_equal(np.delete(ab, i, axis=1), np.delete(a, i, axis=1))


def test_sa_estimate_hand_values() -> None:
    ya, yb = [1.0, 2, 3], [2.0, 2, 5]
    yab1, yab2 = [1.0, 2, 4], [2.0, 3, 3]
    var, df = sa.sa_estimate(np.array(ya + yb + yab1 + yab2), 3, 2)
    assert var == pytest.approx(1.9)  # var(1,2,3,2,2,5)
    assert df["Si"].tolist() == pytest.approx([5 / 3 / 1.9, 4 / 3 / 1.9])
    assert df["STi"].tolist() == pytest.approx([1 / 11.4, 2 / 11.4])
    _, dfb = sa.sa_estimate(np.array(ya + yb + yab1 + yab2), 3, 2, nboot=200, rng=np.random.default_rng(1))
    assert (dfb["STi_q5"] <= dfb["STi_q95"]).all()


SPEC = spec_from_tree(
    {
        "index": {
            "code": "I",
            "children": [
                {"code": "P1", "children": [{"code": "a"}, {"code": "b"}]},
                {"code": "P2", "children": [{"code": "c"}, {"code": "d", "direction": -1}]},
            ],
        }
    }
)


def toy() -> IndexData:
    rng = np.random.default_rng(5)
    x = rng.lognormal(size=(30, 4)) + 1
    return IndexData([f"u{i:02d}" for i in range(30)], ["a", "b", "c", "d"], x)


def test_inert_factor_has_zero_total_index() -> None:
    base = PipelineConfig(treat=TreatSpec())
    f_same = sa.normalise_factor([NormSpec("minmax", {"l_u": (1, 100)}), NormSpec("minmax", {"l_u": (1, 100)})])
    f_agg = sa.aggregate_factor(["amean", "gmean"])
    res = sa.sensitivity(toy(), SPEC, base, [f_same, f_agg], 20, nboot=50, seed=3)
    assert res.scores.shape == (30, 80)
    s = res.sensitivity.set_index("Variable")
    assert s.loc["Normalisation", "STi"] == 0.0 and s.loc["Normalisation", "Si"] == 0.0
    assert s.loc["Aggregation", "STi"] > 0


def test_uncertainty_rank_bands_and_failed_runs() -> None:
    base = PipelineConfig()
    f = sa.normalise_factor([NormSpec("minmax"), NormSpec("minmax", {"l_u": (1, 100)})])
    g = sa.aggregate_factor(["gmean", "amean"])  # gmean on minmax 0-100 fails -> NaN run
    res = sa.uncertainty(toy(), SPEC, base, [f, g], 40, seed=2)
    failed = np.isnan(res.scores).all(axis=0)
    assert failed.any() and not failed.all()
    st = res.rank_stats
    assert ((st["Q5"] <= st["Median"]) & (st["Median"] <= st["Q95"])).all()


def test_run_choices_matches_explicit_configs() -> None:
    base = PipelineConfig()
    f = sa.winmax_factor([1, 5])
    _units, nominal, scores, _ = sa.run_choices(toy(), SPEC, base, [f], [[5], [1]])
    np.testing.assert_allclose(scores[:, 0], nominal)


def test_noisy_weights_within_bounds() -> None:
    sets = sa.noisy_weights(SPEC, {2: 0.25}, 50, np.random.default_rng(0))
    w = np.array([[s["P1"], s["P2"]] for s in sets])
    assert (w >= 0.75).all() and (w <= 1.25).all() and all(s["a"] == 1.0 for s in sets)


def test_untreatable_indicator_leaves_uncertainty_runs_intact() -> None:
    # 'd' becomes constant when winsorised: COINr's Treat() returns it untreated with a warning in
    # every regenerated coin, so no run is lost (dxtrack used to stop here: every run NaN)
    base = toy()
    vals = base.values.copy()
    vals[:, 3] = [0.0] * 29 + [10.0]
    data = IndexData(base.units, base.codes, vals)
    f = sa.winmax_factor([1, 3, 5])
    g = sa.normalise_factor([NormSpec("minmax"), NormSpec("minmax", {"l_u": (1, 100)})])
    res = sa.uncertainty(data, SPEC, PipelineConfig(), [f, g], 10, seed=4)
    assert not np.isnan(res.scores).any()
    msg = "treatment: indicator 'd' returned untreated: winsorisation left all values equal (check undefined)"
    assert res.warnings == {msg: 11}  # the nominal run and the 10 runs
    assert res.to_json()["warnings"] == [{"message": msg, "runs": 11}]
