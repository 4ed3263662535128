"""Charts a reader cannot misread: bars from zero, the target line's label inside the plot and over no data."""

from __future__ import annotations

import numpy as np

from dxtrack.domain.catalog import Target
from dxtrack.reports import charts
from dxtrack.services.results import Assessment, SeriesPoint


def _target(**kw: object) -> Target:
    base = {"id": "T.x", "doc": "000", "section": "1", "horizon": "2025", "quote_vi": "x", "gloss_en": "x",
            "indicator": "X", "deadline": 2025}  # fmt: skip
    return Target.model_validate({**base, **kw})


def _detail(target: Target, series: list[tuple[int, float]], **extra: object) -> Assessment:
    return Assessment(
        target=target.id, kind=target.kind.value, indicator="X", area="VNM", status="limited_progress", detail="",
        reason=None, reason_code=None, reason_params=None, baseline=None, latest=None,
        comparator=target.comparator.value, target_value=target.value, unit=target.unit, deadline=target.deadline,
        peer_group=target.peer_group, share_covered=None, growth_actual=None, growth_required=None, score=None,
        progress_value=None, projection=None, probability=None, judged_by=None, judged_on=None, method="m",
        method_version="1", observation_ids=(), extra=dict(extra),
        series=tuple(SeriesPoint(y, v, str(y)) for y, v in series),
    )  # fmt: skip


def _label_clear(fig: object) -> None:
    """The target label (the red annotation) lies inside the axes and covers no data point or bar."""
    ax = fig.axes[0]  # type: ignore[attr-defined]
    fig.canvas.draw()  # type: ignore[attr-defined]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in ax.texts if t.get_text().startswith("Chỉ tiêu")]
    assert len(labels) == 1
    box = labels[0].get_window_extent(renderer)
    inside = ax.get_window_extent(renderer)
    assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
    for line in ax.lines:
        if line.get_gid() == "target":
            continue
        for x, y in ax.transData.transform(np.asarray(line.get_xydata(), dtype=float)):
            assert not box.contains(x, y), (x, y)
    for bar in ax.patches:
        assert not box.overlaps(bar.get_window_extent(renderer))


def test_growth_bars_start_at_zero_and_label_clears_them() -> None:
    # yearly productivity growth (%): 4.71, 4.8, 3.65, 5.88 against > 7 %/yr
    t = _target(kind="growth", comparator=">", value=7, unit="%/year", window=[2021, 2025])
    d = _detail(t, [(2021, 4.71), (2022, 4.8), (2023, 3.65), (2024, 5.88)])
    fig = charts.target_figure(t, d, "% per year", "vi", "tăng bình quân trên 7%/năm", rates=True)
    assert fig is not None
    bottom, top = fig.axes[0].get_ylim()
    assert bottom == 0 and top >= 7  # bars from zero, the target inside the plot
    assert sorted(round(p.get_height(), 2) for p in fig.axes[0].patches) == [3.65, 4.71, 4.8, 5.88]
    _label_clear(fig)


def test_threshold_label_moves_off_data_that_touch_the_line() -> None:
    # data cross the target line on the left: the label must go elsewhere
    t = _target(kind="threshold", comparator=">=", value=10, unit="% of GDP")
    d = _detail(t, [(2015, 10.2), (2016, 10.0), (2017, 9.8), (2018, 6.0), (2019, 5.0), (2020, 4.0)])
    fig = charts.target_figure(t, d, "% of GDP", "vi", "10% GDP vào năm 2025")
    assert fig is not None and fig.axes[0].get_ylim()[0] == 0
    _label_clear(fig)


def test_rank_label_clear_and_no_rank_above_first() -> None:
    t = _target(kind="rank", comparator="rank_within", value=3, unit="rank within ASEAN", peer_group="ASEAN")
    editions = [{"period": y, "rank": r, "n_ranked": 7, "missing": []} for y, r in
                [(2019, 3), (2020, 3), (2021, 4), (2022, 4), (2023, 4), (2024, 4), (2025, 3)]]  # fmt: skip
    d = _detail(t, [], editions=editions)
    fig = charts.target_figure(t, d, "rank within ASEAN", "vi", "thuộc nhóm 3 nước dẫn đầu ASEAN", in_group=True)
    assert fig is not None
    low, high = fig.axes[0].get_ylim()
    assert low > high  # inverted: the worst rank at the bottom
    assert high >= 0.5 and high < 1  # rank 1 at the top, nothing above it
    _label_clear(fig)
