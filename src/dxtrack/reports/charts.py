"""Static charts for the report (matplotlib, Agg, PNG): one per quantified target.

Threshold targets: observed series, target line, required path (dashed) and forecast median with 80%/95%
fan. Growth targets: yearly growth bars (axis from zero) with the target rate. Rank targets: rank by edition
(1 at the top) with the k line; a rank computed without some members' data is drawn hollow. The target line's
label sits inside the plot where it covers no data (tried at each corner of the line, else the plot gets
headroom). Labels in the report language, ticks with the locale's decimal mark. The font is DejaVu Sans,
shipped with matplotlib, which covers every Vietnamese letter. Source and release date go under each chart
(its caption).
"""

from __future__ import annotations

import io
from itertools import pairwise
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dxtrack.domain.catalog import Target, TargetKind
from dxtrack.domain.period import year_for
from dxtrack.present import Lang, num
from dxtrack.present import unit_in_text as unit_text
from dxtrack.reports.i18n import label
from dxtrack.services.results import Assessment

FONT = "DejaVu Sans"
BLUE, RED, GREY, FAN = "#1f4e79", "#b22222", "#7f7f7f", "#6f9fd8"
SIZE = (7.0, 3.4)  # inches: fits A4 portrait text width (16 cm) with room
DPI = 150
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0}


def _target_line(ax: Any, value: float, text: str) -> None:
    """The target as a dash-dot line, labelled inside the plot where the label covers no data."""
    line = ax.axhline(value, color=RED, lw=1.2, ls="-.")
    line.set_gid("target")
    _place_label(ax, value, text)


# where the label may go: (x in axes fraction, horizontal alignment, above the line?)
_SPOTS = ((0.01, "left", True), (0.99, "right", True), (0.01, "left", False), (0.99, "right", False),
          (0.5, "center", True), (0.5, "center", False))  # fmt: skip


def _data_boxes(ax: Any, renderer: Any) -> tuple[list[Any], list[Any]]:
    """The data on the plot in display coordinates: points along every line (dense), and the boxes of bars,
    fans and markers."""
    import numpy as np

    points = []
    for line in ax.lines:
        if line.get_gid() == "target":
            continue
        xy = ax.transData.transform(np.asarray(line.get_xydata(), dtype=float))
        for a, b in pairwise(xy):
            points += [a + (b - a) * t for t in np.linspace(0, 1, 25)]
        points += list(xy)
    boxes = [p.get_window_extent(renderer) for p in ax.patches]
    boxes += [c.get_window_extent(renderer) for c in ax.collections]
    return points, boxes


def _place_label(ax: Any, value: float, text: str) -> None:
    fig = ax.figure
    _layout(fig, ax)  # the final layout first: the label is checked where it will be drawn
    for _attempt in range(3):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        points, boxes = _data_boxes(ax, renderer)
        inverted = ax.yaxis_inverted()
        for x, ha, above in _SPOTS:
            up = above != inverted  # "above" on the page
            ann = ax.annotate(
                text,
                xy=(x, value),
                xycoords=("axes fraction", "data"),
                xytext=(0, 3 if up else -3),
                textcoords="offset points",
                color=RED,
                fontsize=7.5,
                ha=ha,
                va="bottom" if up else "top",
                bbox=LABEL_BOX,
                annotation_clip=True,
            )
            box = ann.get_window_extent(renderer).expanded(1.04, 1.15)
            inside = ax.get_window_extent(renderer)
            fits = inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
            clear = not any(box.contains(px, py) for px, py in points) and not any(box.overlaps(b) for b in boxes)
            if fits and clear:
                return
            ann.remove()
        lo, hi = ax.get_ylim()  # no free spot: give the plot room (below the worst rank; above the top) and retry
        span = abs(hi - lo) * 0.25
        if inverted:
            ax.set_ylim(lo + span, hi)
        else:
            ax.set_ylim(lo, hi + span)
    ax.annotate(text, xy=(0.01, 0.98), xycoords="axes fraction", color=RED, fontsize=7.5, va="top", bbox=LABEL_BOX)


def _figure() -> tuple[Figure, Any]:
    fig = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    return fig, ax


def _layout(fig: Figure, ax: Any) -> None:
    """The legend under the plot (so it covers neither the data nor the target's label), then the layout."""
    handles, _ = ax.get_legend_handles_labels()
    if handles and ax.get_legend() is None:
        ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(4, len(handles)))
    fig.tight_layout()


def _png(fig: Figure, ax: Any) -> bytes:
    _layout(fig, ax)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def _fmt(lang: Lang, decimals: int | None = None) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: num(v, lang, decimals))


def _years_axis(ax: Any) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(v)}"))


def _apply_font(fig: Figure) -> None:
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        text.set_fontfamily(FONT)


def threshold_chart(target: Target, detail: Assessment, unit: str, lang: Lang, goal: str) -> Figure | None:
    """Series, target line, required path and forecast fan of a threshold target."""
    series = list(detail.series)
    if not series:
        return None
    start = max(series[0].year, (target.deadline or series[-1].year) - 15)
    start = min(start, series[-1].year - 3)  # at least four years across, so the year ticks stay whole
    shown = [p for p in series if p.year >= start] or series
    fig, ax = _figure()
    ax.plot(
        [p.year for p in shown],
        [p.value for p in shown],
        color=BLUE,
        marker="o",
        ms=3.5,
        lw=1.8,
        label=label("observed", lang),
    )
    path = [p for p in detail.trajectory_path or () if p.year >= start]
    if path:
        ax.plot(
            [p.year for p in path],
            [p.value for p in path],
            color=GREY,
            ls="--",
            lw=1.2,
            label=label("trajectory", lang),
        )
    fc = list(detail.forecast)
    if fc:
        last = shown[-1]
        years = [last.year] + [p.year for p in fc]
        lo95 = [last.value] + [p.lo95 if p.lo95 is not None else p.value for p in fc]
        hi95 = [last.value] + [p.hi95 if p.hi95 is not None else p.value for p in fc]
        lo80 = [last.value] + [p.lo80 if p.lo80 is not None else p.value for p in fc]
        hi80 = [last.value] + [p.hi80 if p.hi80 is not None else p.value for p in fc]
        ax.fill_between(years, lo95, hi95, color=FAN, alpha=0.22, lw=0, label=label("fan95", lang))
        ax.fill_between(years, lo80, hi80, color=FAN, alpha=0.40, lw=0, label=label("fan80", lang))
        ax.plot(years, [last.value] + [p.value for p in fc], color=BLUE, ls=":", lw=1.6, label=label("forecast", lang))
    last_year = max([p.year for p in shown] + [p.year for p in fc] + [target.deadline or 0])
    ax.set_xlim(start - 0.5, last_year + 0.5)
    _years_axis(ax)
    if target.value is not None:
        top = max([target.value, *[p.value for p in shown], *[p.hi95 or 0 for p in fc]])
        ax.set_ylim(bottom=min(0.0, min(p.value for p in shown)), top=top * 1.12 if top > 0 else None)
    ax.yaxis.set_major_formatter(_fmt(lang))
    ax.set_xlabel(label("year", lang), fontsize=8)
    ax.set_ylabel(unit_text(unit, lang), fontsize=8)
    _apply_font(fig)
    if target.value is not None:
        _target_line(ax, target.value, f"{label('target_line', lang)}: {goal}")
    return fig


def growth_chart(target: Target, detail: Assessment, lang: Lang, goal: str, *, rates: bool = False) -> Figure | None:
    """Year-on-year growth bars in the target window with the target rate line (``rates``: the series is
    itself a growth rate in %, not a level)."""
    yearly = detail.extra.get("yearly_growth") or {}
    if rates:
        growth = {str(p.year): p.value / 100 for p in detail.series}
        window = target.window or (0, 9999)
        yearly = {y: g for y, g in growth.items() if window[0] <= int(y) <= window[1]} or yearly
    else:
        growth = {
            str(b.year): b.value / a.value - 1 for a, b in pairwise(detail.series) if a.value and b.year == a.year + 1
        }
    if not yearly and not growth:
        return None
    if yearly:
        first = min(int(y) for y in yearly)
        context = {y: g for y, g in growth.items() if first - 5 <= int(y) < first and y not in yearly}
    else:  # nothing in the window yet: the last ten years for context
        context = {y: g for y, g in growth.items() if int(y) > max(int(k) for k in growth) - 10}
        first = (target.window[0] if target.window else max(int(k) for k in context)) + 1
    fig, ax = _figure()
    if context:
        ax.bar([int(y) for y in context], [g * 100 for g in context.values()], color="#c9d6e3", width=0.7)
    ax.bar(
        [int(y) for y in yearly],
        [g * 100 for g in yearly.values()],
        color=BLUE,
        width=0.7,
        label=label("growth_bars", lang),
    )
    for y, g in yearly.items():
        ax.annotate(
            f"{num(g * 100, lang, 1)}",
            xy=(int(y), g * 100),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            fontsize=7,
        )
    values = [target.value or 0, *[g * 100 for g in yearly.values()], *[g * 100 for g in context.values()]]
    top, low = max(values), min(values)
    ax.set_ylim(bottom=min(0.0, low * 1.2), top=top * 1.2 if top > 0 else 1.0)  # bars start at zero
    last = max([int(y) for y in yearly] + [int(y) for y in context] + ([target.window[1]] if target.window else []))
    ax.set_xlim(min([int(y) for y in context] + [first]) - 0.6, last + 0.6)
    _years_axis(ax)
    ax.yaxis.set_major_formatter(_fmt(lang, 1))
    ax.set_xlabel(label("year", lang), fontsize=8)
    ax.set_ylabel(unit_text("%/year", lang), fontsize=8)
    _apply_font(fig)
    if target.value is not None:
        _target_line(ax, target.value, f"{label('target_line', lang)}: {goal}")
    return fig


def rank_chart(target: Target, detail: Assessment, lang: Lang, goal: str, *, in_group: bool) -> Figure | None:
    """Rank by edition (1 at the top) with the k line; peer ranks when the target is within a group (a peer
    group with a member list, rather than every economy ranked)."""
    editions = [e for e in detail.peer_ranks if e.rank is not None]
    if editions:  # an edition where few members are ranked says little about the rank in the group
        most = max(int(e.n or 0) for e in editions)
        editions = [e for e in editions if e.n is None or int(e.n) >= max(2, most // 2 + 1)]
    partial: list[tuple[int, float]] = []
    if in_group and editions:
        points = [(year, float(e.rank or 0)) for e in editions if (year := year_for(e.edition)) is not None]
        partial = [
            (year, float(e.rank or 0)) for e in editions if e.missing and (year := year_for(e.edition)) is not None
        ]
    else:
        points = [(p.year, p.value) for p in detail.series]
    if not points:
        return None
    fig, ax = _figure()
    ax.plot(
        [p[0] for p in points],
        [p[1] for p in points],
        color=BLUE,
        marker="o",
        ms=3.5,
        lw=1.8,
        label=label("observed", lang),
    )
    if partial:  # computed without some members' data: hollow, and said so in the legend
        ax.plot(
            [p[0] for p in partial],
            [p[1] for p in partial],
            ls="none",
            marker="o",
            ms=5,
            mfc="white",
            mec=BLUE,
            label=label("partial_rank", lang),
        )
    decided = detail.status in ("target_achieved", "target_not_achieved")
    proj = {} if decided else (detail.extra.get("projection") or {})  # a verdict has no forecast beside it
    median = proj.get("median_rank")
    if median is not None and target.deadline and target.deadline > points[-1][0]:
        lo, hi = (proj.get("rank80") or [median, median])[:2]
        ax.errorbar(
            [target.deadline],
            [median],
            yerr=[[median - lo], [hi - median]],
            fmt="s",
            color=BLUE,
            mfc="white",
            ms=4.5,
            capsize=3,
            lw=1,
            label=label("forecast_rank", lang),
        )
    k = target.value
    worst = max([p[1] for p in points] + [k or 0] + ([proj["rank80"][1]] if proj.get("rank80") else []))
    ax.set_ylim(worst + max(1.0, worst * 0.08), 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{int(v)}"))
    last = max([p[0] for p in points] + [target.deadline or 0])
    ax.set_xlim(points[0][0] - 0.5, last + 0.5)
    _years_axis(ax)
    ax.set_xlabel(label("year", lang), fontsize=8)
    scope = unit_text(target.unit, lang) if in_group else label("rank_axis", lang)
    ax.set_ylabel(scope if in_group and lang == "vi" else label("rank_axis", lang), fontsize=8)
    _apply_font(fig)
    if k is not None:
        _target_line(ax, k, f"{label('target_line', lang)}: {goal}")
    return fig


def target_figure(
    target: Target,
    detail: Assessment,
    unit: str,
    lang: Lang,
    goal: str,
    *,
    in_group: bool = False,
    rates: bool = False,
) -> Figure | None:
    """The chart suited to the target's kind (``goal`` labels the target line; ``in_group``: a rank target
    within a peer group with members; ``rates``: the series is a growth rate), or None if nothing to draw."""
    if target.kind is TargetKind.threshold:
        return threshold_chart(target, detail, unit, lang, goal)
    if target.kind is TargetKind.growth:
        return growth_chart(target, detail, lang, goal, rates=rates)
    if target.kind is TargetKind.rank:
        return rank_chart(target, detail, lang, goal, in_group=in_group)
    return None


def target_chart(
    target: Target,
    detail: Assessment,
    unit: str,
    lang: Lang,
    goal: str,
    *,
    in_group: bool = False,
    rates: bool = False,
) -> bytes | None:
    """:func:`target_figure` as PNG bytes."""
    fig = target_figure(target, detail, unit, lang, goal, in_group=in_group, rates=rates)
    return None if fig is None else _png(fig, fig.axes[0])
