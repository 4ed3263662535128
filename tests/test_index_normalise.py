"""Each normalisation method on a hand-made column (with a missing value and both directions)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxtrack.index.normalise import NormSpec, normalise

X = np.array([[1.0], [2.0], [4.0], [np.nan], [5.0]])
UP = np.array([1.0])
DOWN = np.array([-1.0])
NAN = math.nan


def n(method: str, d: np.ndarray = UP, **kw: object) -> list[float]:
    targets = kw.pop("targets", None)
    params = kw.pop("params", None)
    out = normalise(X, NormSpec(method, dict(kw)), d, targets=targets, node_params=params)  # type: ignore[arg-type]
    return list(out[:, 0])


def close(a: list[float], b: list[float]) -> None:
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-12, equal_nan=True)


def test_minmax_both_directions() -> None:
    close(n("minmax"), [0, 25, 75, NAN, 100])
    close(n("minmax", DOWN), [100, 75, 25, NAN, 0])
    close(n("minmax", l_u=[1, 5]), [1, 2, 4, NAN, 5])


def test_zscore_uses_sample_sd() -> None:
    sd = math.sqrt(10 / 3)  # mean 3, squared deviations 4+1+1+4 over n-1 = 3
    close(n("zscore"), [-2 / sd, -1 / sd, 1 / sd, NAN, 2 / sd])
    close(n("zscore", m_sd=[10, 2]), [10 - 4 / sd, 10 - 2 / sd, 10 + 2 / sd, NAN, 10 + 4 / sd])


def test_rank_family() -> None:
    close(n("rank"), [1, 2, 3, NAN, 4])
    close(n("borda"), [0, 1, 2, NAN, 3])
    close(n("prank"), [0, 1 / 3, 2 / 3, NAN, 1])
    close(n("rank", DOWN), [4, 3, 2, NAN, 1])


def test_fracmax_dist2max() -> None:
    close(n("fracmax"), [0.2, 0.4, 0.8, NAN, 1])
    close(n("dist2max"), [0, 0.25, 0.75, NAN, 1])


def test_dist2targ_with_imeta_target_times_direction() -> None:
    close(n("dist2targ", targets=np.array([4.0])), [0, 1 / 3, 1, NAN, 4 / 3])
    close(n("dist2targ", targets=np.array([4.0]), cap_max=True), [0, 1 / 3, 1, NAN, 1])
    # direction -1, target 2: x' = -x, targ = -2, min x' = -5 -> (5 - x) / 3
    close(n("dist2targ", DOWN, targets=np.array([2.0])), [4 / 3, 1, 1 / 3, NAN, 0])


def test_goalposts_both_directions() -> None:
    gp = [{"goalpost_lower": 0.0, "goalpost_upper": 4.0, "goalpost_scale": 100.0}]
    close(n("goalposts", params=gp), [25, 50, 100, NAN, 100])
    close(n("goalposts", DOWN, params=gp), [75, 50, 0, NAN, 0])


def test_constant_column_gives_nan_like_coinr() -> None:
    out = normalise(np.full((3, 1), 2.0), NormSpec("minmax"), UP)
    assert np.isnan(out).all()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=30),
    st.floats(-100, 100),
    st.floats(0.5, 200),
)
def test_minmax_output_within_bounds(values: list[float], lo: float, width: float) -> None:
    x = np.array(values)[:, None]
    out = normalise(x, NormSpec("minmax", {"l_u": (lo, lo + width)}), UP)[:, 0]
    if np.ptp(x) == 0:
        assert np.isnan(out).all()
    else:
        assert (out >= lo - 1e-9 * width).all() and (out <= lo + width + 1e-9 * width).all()


def test_unknown_method() -> None:
    from dxtrack.errors import InputError

    with pytest.raises(InputError):
        NormSpec("softmax")
