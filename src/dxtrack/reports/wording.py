"""The report's sentences about one target: its goal in words, its latest figure, the gap and the outlook.

Pure functions of the pack's target and the assessment result; the section builders put them together.
"""

from __future__ import annotations

from typing import Any

from dxtrack.domain.catalog import ContentPack, Target, TargetKind
from dxtrack.present import (
    Lang,
    group_scope,
    num,
    pct,
    period_text,
    prob,
    rank_scope,
    rank_text,
    unit_in_text,
    value_unit,
)
from dxtrack.present.assessment import goal_prose
from dxtrack.present.lang import pick as present_pick
from dxtrack.reports.i18n import label
from dxtrack.reports.packinfo import peer_group
from dxtrack.services.results import Assessment


def pick(vi: str, en: str, lang: Lang) -> str:
    """The Vietnamese or the English text (sentences with numbers in them read better written out whole)."""
    return present_pick((vi, en), lang)


def name(entity: Any, lang: Lang) -> str:
    """A catalogue entity's name (indicator, body) in the report language."""
    return str(entity.name_vi if lang == "vi" else entity.name_en)


def latest_text(t: Target, pack: ContentPack, r: Assessment, lang: Lang, world: float | None, world_unit: str) -> str:
    """The latest figure: a value with its unit, a growth rate, or a rank in the peer group (and in the
    indicator's own ranking when that differs)."""
    latest = r.latest
    if not latest:
        return label("no_data", lang)
    if t.kind is TargetKind.growth:
        if r.extra.get("official"):  # the published average for the window judges it
            return f"{num(float(latest.value), lang)}%/{'năm' if lang == 'vi' else 'year'}"
        return f"{pct(r.growth_actual, lang)}/{'năm' if lang == 'vi' else 'year'}"
    if t.kind is TargetKind.rank:
        group = peer_group(pack, t.peer_group)
        text = rank_text(float(latest.value), group_scope(group, lang), lang)
        if world is not None and group is not None and group.members:
            text += f" ({rank_text(world, rank_scope(world_unit, lang), lang)})"
        return text
    return value_unit(float(latest.value), t.unit, lang)


def latest_period(t: Target, r: Assessment) -> str | None:
    """The period of the latest figure (a growth target: base period to latest)."""
    latest = r.latest
    if not latest:
        return None
    if t.kind is TargetKind.growth and r.baseline and not r.extra.get("official"):
        return f"{r.baseline.period}-{latest.period}"
    return str(latest.period)


def gap_sentence(t: Target, pack: ContentPack, r: Assessment, lang: Lang, latest: str, cite: str) -> str:
    """Section II: where the target stands, the gap, the growth needed and the probability."""
    period = period_text(latest_period(t, r), lang)
    goal = goal_prose(t, lang, pack.peer_groups)
    parts: list[str] = []
    if lang == "vi":
        parts.append(f"Mới nhất: {latest} ({period}) {cite}; chỉ tiêu: {goal}.")
    else:
        parts.append(f"Latest: {latest} ({period}) {cite}; target: {goal}.")
    latest_v = r.latest.value if r.latest else None
    if t.kind is TargetKind.threshold and latest_v is not None and t.value is not None:
        gap = float(t.value) - float(latest_v)
        unit = t.unit or ""
        if unit.startswith("%"):
            gap_txt = f"{num(abs(gap), lang)} " + pick("điểm phần trăm", "percentage points", lang)
        else:
            gap_txt = value_unit(abs(gap), unit, lang)
        parts.append(pick(f"Còn cách chỉ tiêu {gap_txt}.", f"Gap to target: {gap_txt}.", lang))
        if r.growth_actual is not None and r.growth_required is not None:
            parts.append(
                pick(
                    f"Tốc độ tăng bình quân thực tế {pct(r.growth_actual, lang)}/năm, "
                    f"cần {pct(r.growth_required, lang)}/năm để đạt chỉ tiêu.",
                    f"Actual average growth {pct(r.growth_actual, lang)}/year; "
                    f"{pct(r.growth_required, lang)}/year needed to reach the target.",
                    lang,
                )
            )
        proj = r.projection
        if proj is not None:
            parts.append(
                pick(
                    f"Theo xu hướng hiện tại, năm {proj.year} dự báo đạt {value_unit(proj.value, unit, 'vi')} "
                    f"(khoảng 80%: {num(proj.lo80, 'vi')}–{num(proj.hi80, 'vi')}).",
                    f"On the current trend, {value_unit(proj.value, unit, 'en')} is expected in {proj.year} "
                    f"(80% interval {num(proj.lo80, 'en')}–{num(proj.hi80, 'en')}).",
                    lang,
                )
            )
    if t.kind is TargetKind.growth and r.growth_required is not None and not r.extra.get("official"):
        remaining = (t.window[1] if t.window else t.deadline) or 0
        parts.append(
            pick(
                f"Để đạt bình quân cả giai đoạn, các năm còn lại (đến {remaining}) cần tăng "
                f"{pct(r.growth_required, 'vi')}/năm.",
                f"To meet the average over the whole window, the remaining years (to {remaining}) need "
                f"{pct(r.growth_required, 'en')}/year.",
                lang,
            )
        )
    if t.kind is TargetKind.rank:
        forecast = r.extra.get("projection") or {}
        if forecast.get("median_rank") is not None and forecast.get("rank80"):
            lo, hi = forecast["rank80"][:2]
            median = int(forecast["median_rank"])
            parts.append(
                pick(
                    f"Dự báo năm {t.deadline}: hạng {median} (khoảng 80%: {int(lo)}–{int(hi)}).",
                    f"Forecast for {t.deadline}: rank {median} (80% interval {int(lo)}–{int(hi)}).",
                    lang,
                )
            )
    if r.probability is not None:
        parts.append(
            pick(
                f"Xác suất đạt chỉ tiêu: {prob(r.probability, 'vi')}.",
                f"Probability of meeting the target: {prob(r.probability, 'en')}.",
                lang,
            )
        )
    return " ".join(parts)


def figure_value(fig: Any, lang: Lang) -> str:
    """A figure the documents report, with their qualifier ("khoảng", "trên", "ước đạt")."""
    qual = {
        "about": ("khoảng ", "about "),
        "more_than": ("trên ", "over "),
        "estimate": ("ước đạt ", "an estimated "),
        "at_most": ("trong nhóm ", "within the top "),
    }.get(fig.qualifier.value, ("", ""))
    q = pick(*qual, lang)
    if fig.unit.startswith("rank"):
        return q + (str(int(fig.value)) if q else rank_text(fig.value, rank_scope(fig.unit, lang), lang))
    text = value_unit(fig.value, fig.unit, lang)
    if fig.of_total:
        text = f"{num(fig.value, lang)}/{num(fig.of_total, lang)} {unit_in_text(fig.unit, lang)}".strip()
    return q + text
