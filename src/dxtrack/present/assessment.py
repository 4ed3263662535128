"""An assessment in words, the same in the CLI table, on the web pages and in the report: what the target
asks (``≥ 30% GDP vào năm 2030``), the latest figure (``13,17% GDP (2023)``; a rank target names its peer
group: ``hạng 3/10 trong ASEAN (2024)``), the probability (``dưới 1%``) and a note (the reason, by code)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dxtrack.present.dates import date_text, period_text, year_span
from dxtrack.present.lang import Lang, pick
from dxtrack.present.numbers import DASH, num, pct, prob
from dxtrack.present.reasons import reason_text
from dxtrack.present.vocab import (
    group_scope,
    join_and,
    producer_name,
    rank_text,
    status_label,
    target_text,
    value_unit,
)

if TYPE_CHECKING:
    from dxtrack.services.results import Assessment

__all__ = [
    "goal_of",
    "goal_prose",
    "goal_text",
    "latest_text",
    "maintained_text",
    "note_text",
    "official_text",
    "probability_text",
    "scope_of",
    "status_text",
]


def scope_of(peer_group: str | None, groups: Sequence[Any], lang: Lang) -> str:
    """Where a rank target ranks: its peer group from the pack (``trong ASEAN``), else the world."""
    group = next((g for g in groups if g.id == peer_group), None)
    return group_scope(group, lang)


def goal_text(a: Assessment, lang: Lang, groups: Sequence[Any] = ()) -> str:
    """What the target asks, in one phrase."""
    scope = scope_of(a.peer_group, groups, lang) if a.kind == "rank" or a.comparator == "rank_within" else None
    return target_text(
        comparator=a.comparator,
        value=a.target_value,
        unit=a.unit,
        deadline=a.deadline,
        lang=lang,
        window=a.window if a.kind == "growth" else None,
        scope=scope,
    )


def goal_of(target: Any, lang: Lang, groups: Sequence[Any] = ()) -> str:
    """What a catalogue target asks (the same words as :func:`goal_text` of its assessment)."""
    kind = target.kind.value
    comparator = target.comparator.value
    scope = scope_of(target.peer_group, groups, lang) if kind == "rank" or comparator == "rank_within" else None
    window = tuple(target.window) if kind == "growth" and target.window else None
    return target_text(
        comparator=comparator,
        value=target.value,
        unit=target.unit,
        deadline=target.deadline,
        lang=lang,
        window=window,
        scope=scope,
    )


_PROSE_GROWTH = {">": ("trên", "above"), ">=": ("tối thiểu", "at least"), "about": ("khoảng", "about")}
_PROSE_LEVEL = {
    ">": ("trên", "above"),
    ">=": ("", "at least"),
    "<": ("dưới", "below"),
    "<=": ("không quá", "at most"),
    "==": ("", ""),
    "about": ("khoảng", "about"),
}


def goal_prose(target: Any, lang: Lang, groups: Sequence[Any] = ()) -> str:
    """What a catalogue target asks, as running text for the report (:func:`goal_of` is the table form):
    ``khoảng 20% GDP vào năm 2025`` / ``about 20% of GDP by 2025``; ``thuộc nhóm 3 nước dẫn đầu ASEAN``."""
    by = ""
    if target.deadline:
        by = pick((f" vào năm {target.deadline}", f" by {target.deadline}"), lang)
    kind, comparator = target.kind.value, target.comparator.value
    if kind == "milestone" or target.value is None:
        return pick(("định tính (đánh giá theo minh chứng)", "qualitative (judged on evidence)"), lang) + by
    if kind == "rank":
        k = int(target.value)
        scope = scope_of(target.peer_group, groups, lang)
        return pick((f"thuộc nhóm {k} nước dẫn đầu {scope.removeprefix('trong ')}", f"top {k} {scope}"), lang) + by
    if kind == "growth":
        window = f" ({target.window[0]}–{target.window[1]})" if target.window else ""
        word = pick(_PROSE_GROWTH.get(comparator, ("", "")), lang)
        core = f"{num(target.value, lang)}%"
        return pick(
            (f"tăng bình quân {word} {core}/năm{window}", f"average growth {word} {core}/year{window}"), lang
        ).replace("  ", " ")
    word = pick(_PROSE_LEVEL.get(comparator, ("", "")), lang)
    return f"{word} {value_unit(target.value, target.unit, lang)}".strip() + by


def latest_text(a: Assessment, lang: Lang, groups: Sequence[Any] = ()) -> str:
    """The figure the judgement rests on, with its period: a growth target's average growth over its window,
    a rank target's rank within its peer group, otherwise the latest value with its unit."""
    latest, base = a.latest, a.baseline
    if latest is None:
        return DASH
    when = period_text(latest.period, lang)
    if a.extra.get("official") and a.kind == "growth":
        return f"{num(latest.value, lang)}%{pick(('/năm', '/year'), lang)} ({when})"
    if a.kind == "growth" and a.growth_actual is not None:
        since = period_text(base.period, lang) if base else ""
        per_year = pick(("/năm", "/year"), lang)
        return f"{pct(a.growth_actual, lang)}{per_year} ({since}–{when})"
    if a.kind == "rank":
        edition = a.latest_peer_rank
        of = edition.n if edition is not None and str(edition.edition) == str(latest.period) else None
        return f"{rank_text(latest.value, scope_of(a.peer_group, groups, lang), lang, of=of)} ({when})"
    return f"{value_unit(latest.value, a.unit, lang)} ({when})"


def probability_text(a: Assessment, lang: Lang) -> str:
    """The probability of meeting the target; while awaiting official data it is labelled an estimate."""
    if a.probability is None:
        return DASH
    if a.status == "awaiting_official_data":
        return f"{prob(a.probability, lang)} {pick(('(ước tính)', '(estimate)'), lang)}"
    return prob(a.probability, lang)


def official_text(a: Assessment, lang: Lang) -> str:
    """Who produced the judging figure and when it was released: ``Cục Thống kê (Bộ Tài chính), công bố
    05/01/2026``; a rank names its edition (``WIPO, Global Innovation Index 2025, công bố 16/09/2025``); a date
    set by convention says so."""
    official = a.extra.get("official") or {}
    if not official:
        return ""
    parts = [producer_name(official.get("producer"), lang)]
    if official.get("edition"):
        parts.append(str(official["edition"]))
    day = date_text(official.get("released_on"), lang) if official.get("released_on") else ""
    if day and official.get("date_basis") == "release":
        parts.append(pick((f"công bố {day}", f"released {day}"), lang))
    elif day:
        parts.append(
            pick((f"ngày công bố chưa rõ (quy ước {day})", f"release date not stated (convention {day})"), lang)
        )
    return ", ".join(p for p in parts if p)


def maintained_text(a: Assessment, lang: Lang) -> str:
    """For a 'maintain' target: whether the position held in every edition, and when it was lost and regained."""
    held = a.extra.get("maintained")
    if not held or not held.get("editions"):
        return ""
    first, last = held["editions"][0]["edition"], held["editions"][-1]["edition"]
    span = year_span(first, last, lang)
    if held.get("held_every_edition"):
        return pick((f"giữ được ở mọi ấn bản {span}", f"held in every edition {span}"), lang)
    lapses = []
    for lapse in held.get("lapses") or []:
        gone = year_span(lapse["from"], lapse["to"], lang) if lapse["from"] != lapse["to"] else str(lapse["from"])
        back = lapse.get("regained")
        lapses.append(
            pick(
                (
                    f"không giữ được ở các ấn bản {gone}" + (f", giành lại năm {back}" if back else ""),
                    f"not held in the {gone} editions" + (f", regained in {back}" if back else ""),
                ),
                lang,
            )
        )
    return join_and(lapses, lang)


def status_text(a: Assessment, lang: Lang) -> str:
    return status_label(a.status, lang)


def note_text(a: Assessment, lang: Lang) -> str:
    """Why a target could not be judged; for a verdict at the deadline the producer and release of the figure
    (and whether a 'maintain' target held throughout); who judged a milestone, or which peers lack data."""
    if a.extra.get("official"):
        return "; ".join(x for x in (official_text(a, lang), maintained_text(a, lang)) if x)
    if a.reason_code or a.reason:
        return reason_text(a.why, lang)
    if a.judged_by:
        return f"{pick(('đánh giá bởi', 'judged by'), lang)} {a.judged_by}"
    last = a.peer_ranks[-1] if a.peer_ranks else None
    if a.kind == "rank" and last is not None and last.missing:
        peers = ", ".join(last.missing)
        return pick((f"thiếu số liệu {peers} kỳ {last.edition}", f"no data for {peers} in {last.edition}"), lang)
    return ""
