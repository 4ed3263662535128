"""Property tests of the open-sdg progress method (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dxtrack.analysis import opensdg as o
from dxtrack.interop import opensdg_table as t

ORDER = {
    "deterioration": 0,
    "limited_progress": 1,
    "moderate_progress": 2,
    "substantial_progress": 3,
    "target_achieved": 4,
}
FAST = settings(max_examples=200, deadline=None)

pos = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2016, max_value=2029)


@st.composite
def series(draw: st.DrawFn) -> tuple[list[int], list[float], dict[str, object]]:
    n_extra = draw(st.integers(min_value=0, max_value=4))
    ys = sorted(draw(st.sets(years, min_size=1 + n_extra, max_size=1 + n_extra)))
    yrs = [2015, *ys]
    vals = [draw(pos) for _ in yrs]
    opts: dict[str, object] = {"direction": draw(st.sampled_from(["positive", "negative"]))}
    if draw(st.booleans()):
        opts["target"] = draw(pos)
    elif draw(st.booleans()):
        opts["limit"] = draw(pos)
    return yrs, vals, opts


@FAST
@given(series(), st.floats(min_value=1.0001, max_value=3.0))
def test_better_latest_value_never_worse(s: tuple[list[int], list[float], dict[str, object]], f: float) -> None:
    yrs, vals, opts = s
    better = list(vals)
    better[-1] = vals[-1] * f if opts["direction"] == "positive" else vals[-1] / f
    a = o.series_progress(yrs, vals, opts)
    b = o.series_progress(yrs, better, opts)
    assert ORDER[b.status] >= ORDER[a.status]
    assert a.score is not None and b.score is not None and b.score >= a.score - 1e-12


@FAST
@given(series())
def test_mirroring_values_and_direction_mirrors_result(s: tuple[list[int], list[float], dict[str, object]]) -> None:
    yrs, vals, opts = s
    flipped = dict(opts, direction="negative" if opts["direction"] == "positive" else "positive")
    for key in ("target", "limit"):
        if key in opts:
            flipped[key] = -float(opts[key])  # type: ignore[arg-type]
    a = o.series_progress(yrs, vals, opts)
    b = o.series_progress(yrs, [-v for v in vals], flipped)
    assert (a.status, a.score, a.progress_value) == (b.status, b.score, b.progress_value)


@FAST
@given(series(), st.integers(min_value=-20, max_value=20))
def test_scaling_changes_nothing(s: tuple[list[int], list[float], dict[str, object]], power: int) -> None:
    yrs, vals, opts = s
    k = 2.0**power  # exact in binary floating point
    scaled = dict(opts)
    for key in ("target", "limit"):
        if key in opts:
            scaled[key] = float(opts[key]) * k  # type: ignore[arg-type]
    a = o.series_progress(yrs, vals, opts)
    b = o.series_progress(yrs, [v * k for v in vals], scaled)
    assert (a.status, a.score, a.progress_value) == (b.status, b.score, b.progress_value)


@FAST
@given(series(), st.randoms(use_true_random=False))
def test_row_order_does_not_matter(s: tuple[list[int], list[float], dict[str, object]], rnd: object) -> None:
    yrs, vals, opts = s
    idx = list(range(len(yrs)))
    rnd.shuffle(idx)  # type: ignore[attr-defined]
    a = o.series_progress(yrs, vals, opts)
    b = o.series_progress([yrs[i] for i in idx], [vals[i] for i in idx], opts)
    assert (a.status, a.score) == (b.status, b.score)
    # and at indicator level, with a disaggregation mixed in
    df = pd.DataFrame({"Year": yrs * 2, "SEX": [None] * len(yrs) + ["F"] * len(yrs), "Value": vals + vals[::-1]})
    meta = {"auto_progress_calculation": True, "progress_calculation_options": [opts]}
    perm = np.asarray(idx + [i + len(yrs) for i in idx])[::-1]
    r1 = t.indicator_progress("x", df, meta)
    r2 = t.indicator_progress("x", df.iloc[perm].reset_index(drop=True), meta)
    assert (r1.status, r1.score) == (r2.status, r2.score)
