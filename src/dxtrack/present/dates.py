"""Dates and periods: ``23/11/2026`` / ``23 Nov 2026``; ``quý I/2025`` / ``Q1 2025``; ``tháng 3/2025`` /
``Mar 2025``; ranges with an en dash (``2020–2023``). Periods are read through :mod:`dxtrack.domain.period`."""

from __future__ import annotations

import datetime as dt
import re

from dxtrack.domain.period import parse_period
from dxtrack.present.lang import Lang, pick
from dxtrack.present.numbers import DASH

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """A date from a date, datetime or ISO text (the first 10 characters); None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_VI_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)


def read_day(text: str) -> dt.date:
    """The day a person typed: ``2025-06-30`` or the Vietnamese form :func:`date_text` shows, ``30/06/2025``
    (``30/6/2025`` too); surrounding spaces are ignored, anything else raises ``ValueError``. The calendar is
    :func:`dxtrack.domain.period.parse_period`'s (a day label), so an impossible day like 2025-02-30 fails."""
    raw = text.strip()
    vi = _VI_DAY.fullmatch(raw)
    if vi:
        raw = f"{vi[3]}-{int(vi[2]):02d}-{int(vi[1]):02d}"
    elif not _ISO_DAY.fullmatch(raw):
        raise ValueError(f"'{text}' is not a day; expected YYYY-MM-DD or dd/mm/yyyy")
    period = parse_period(raw)
    if period.kind != "day":
        raise ValueError(f"'{text}' is not a day; expected YYYY-MM-DD or dd/mm/yyyy")
    return period.start


def date_text(value: dt.date | dt.datetime | str | None, lang: Lang) -> str:
    """``23/11/2026`` (vi) or ``23 Nov 2026`` (en); ``—`` for none."""
    day = as_date(value)
    if day is None:
        return DASH
    if lang == "vi":
        return day.strftime("%d/%m/%Y")
    from babel.dates import format_date  # imported when used: `dxtrack --help` need not load Babel

    return str(format_date(day, "d MMM y", locale="en"))


def place_date(place: str, day: dt.date, lang: Lang) -> str:
    """The place-and-date line of an administrative document."""
    if lang == "vi":
        return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    from babel.dates import format_date

    return f"{place}, {format_date(day, 'd MMMM y', locale='en')}"


def period_text(period: str | int | None, lang: Lang) -> str:
    """A period label: ``2024``; ``2020–2023``; ``6 tháng đầu năm 2025`` / ``H1 2025``; ``quý I/2025`` /
    ``Q1 2025``; ``tháng 3/2025`` / ``Mar 2025``; a day as :func:`date_text`. Text that is not a period is
    shown as given."""
    if period is None or period == "":
        return DASH
    try:
        p = parse_period(str(period))
    except ValueError:
        return str(period)
    if p.kind == "year":
        return str(p.start.year)
    if p.kind == "range":
        return f"{p.start.year}–{p.end.year}"
    if p.kind == "half" and p.half is not None:
        return (f"6 tháng {'đầu' if p.half == 1 else 'cuối'} năm {p.start.year}" if lang == "vi"
                else f"H{p.half} {p.start.year}")  # fmt: skip
    if p.kind == "quarter" and p.quarter is not None:
        q = p.quarter
        return f"quý {_ROMAN[q]}/{p.start.year}" if lang == "vi" else f"Q{q} {p.start.year}"
    if p.kind == "month":
        if lang == "vi":
            return f"tháng {p.start.month}/{p.start.year}"
        from babel.dates import format_date

        return str(format_date(p.start, "MMM y", locale="en"))
    return date_text(p.start, lang)


def year_span(first: int | str, last: int | str, lang: Lang) -> str:
    """Two periods joined by an en dash (``2019–2024``)."""
    return f"{period_text(str(first), lang)}–{period_text(str(last), lang)}"


_TASK_WORDS = {"continuing": ("thường xuyên", "continuing"), "annual": ("hằng năm", "every year")}


def task_deadline(deadline: int | str | None, lang: Lang) -> str:
    """A task's deadline as the pack encodes it (``2025``, ``2025-06``, ``2025-Q2``, ``2025/2026``, ``2025/..``,
    ``continuing``, ``annual``) in words: ``tháng 6/2025``, ``quý II/2025``, ``2025–2026``, ``từ năm 2025``,
    ``thường xuyên``, ``hằng năm`` / ``Jun 2025``, ``Q2 2025``, ``2025–2026``, ``2025 onwards``, ``continuing``,
    ``every year``; ``—`` for none."""
    if deadline is None or deadline == "":
        return DASH
    text = str(deadline)
    if text in _TASK_WORDS:
        return pick(_TASK_WORDS[text], lang)
    if "/" in text:
        first, last = text.split("/", 1)
        if last == "..":
            return f"từ năm {first}" if lang == "vi" else f"{first} onwards"
        return f"{first}–{last}"
    return period_text(text, lang)


def retitle_period(title: str, old: str, new: str) -> str:
    """A repeated call's title: the old period, as its label or in words (vi or en), replaced by the new one
    (``Báo cáo 6 tháng đầu năm 2025`` → ``Báo cáo 6 tháng cuối năm 2025``); the new period in Vietnamese words
    appended when the title names none."""
    langs: tuple[Lang, ...] = ("vi", "en")
    for lang in langs:
        words = period_text(old, lang)
        if words in title and words != old:
            return title.replace(words, period_text(new, lang))
    return title.replace(old, new) if old in title else f"{title} ({period_text(new, 'vi')})"
