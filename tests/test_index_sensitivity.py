"""Uncertainty/sensitivity engine: R's cut(), Saltelli design, SA_estimate by hand, runs on a toy index."""

import numpy as np
import pytest

from dxtrack.index import sensitivity as sa
from dxtrack.index.normalise import NormSpec
from dxtrack.index.pipeline import IndexData, PipelineConfig
from dxtrack.index.spec import spec_from_tree
from dxtrack.index.treat import TreatSpec


def test_r_cut_uses_range_of_sample_and_right_closed_intervals() -> None:
    # breaks: -0.001, 0.5, 1.001  ->  (a, b] intervals
    np.testing.assert_array_equal(sa.r_cut(np.array([0.0, 0.5, 0.5001, 1.0]), 2), [0, 0, 1, 1])
    # range 0.2..0.8, 3 intervals: breaks 0.1994, 0.4, 0.6, 0.8006
    np.testing.assert_array_equal(sa.r_cut(np.array([0.2, 0.4, 0.41, 0.6, 0.8]), 3), [0, 0, 1, 1, 2])


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
