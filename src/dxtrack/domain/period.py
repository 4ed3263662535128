"""Periods an observation can describe, and the one place that parses, orders and annualises them.

A period label is a year (``2024``), a range of years (``2020-2023``, a multi-year average), a half-year
(``2024-H1``, ``2024-H2``: the six-monthly reporting period of Decree 09/2019/NĐ-CP), a quarter (``2024-Q3``),
a month (``2024-07``) or a date (``2024-07-15``). Every other module goes through this one:
:func:`parse_period` to read a label, :data:`Period` ordering (or :func:`sort_periods`/:func:`period_ranks`)
to sort, :func:`year_for` for the year a value counts for, and :func:`annualise` to turn a series with
sub-annual periods into one value per year (the rule is documented in ``docs/methods.md``).
Formatting a period for display is not done here (``dxtrack.present`` does it from ``kind``, ``year``,
``half``, ``quarter``, ``month``, ``start`` and ``end``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

PeriodKind = Literal["year", "range", "half", "quarter", "month", "day"]
AnnualRule = Literal["latest", "mean"]
"""How sub-annual values of a year become that year's value: ``latest`` reading or ``mean`` of the periods."""

SUB_ANNUAL: frozenset[str] = frozenset({"half", "quarter", "month", "day"})

# One strict grammar: ASCII digits only (never Unicode digits such as '２０２２' or '٢٠٢٢'), the whole label
# (no trailing text, no trailing newline: ``fullmatch``).
_PATTERNS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = (
    ("year", re.compile(r"(?P<y>[0-9]{4})")),
    ("range", re.compile(r"(?P<y>[0-9]{4})-(?P<y2>[0-9]{4})")),
    ("half", re.compile(r"(?P<y>[0-9]{4})-H(?P<h>[12])")),
    ("quarter", re.compile(r"(?P<y>[0-9]{4})-Q(?P<q>[1-4])")),
    ("month", re.compile(r"(?P<y>[0-9]{4})-(?P<m>0[1-9]|1[0-2])")),
    ("day", re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})")),
)
_SPREADSHEET_YEAR = re.compile(r"([0-9]{4})\.0")  # spreadsheets turn 2024 into 2024.0
_AVERAGE = re.compile(r"([0-9]{4}-[0-9]{4}) average")
_PART = re.compile(r"[0-9]{4}-(?P<letter>[HhQq])[0-9]*")  # a half-year or quarter written wrongly: a precise hint
_PART_HELP = {"H": "a half-year is written 2024-H1 or 2024-H2", "Q": "a quarter is written 2024-Q1 to 2024-Q4"}

PERIOD_HELP = (
    "a year (2024), a range of years (2020-2023), a half-year (2024-H1), a quarter (2024-Q3), a month (2024-07) "
    "or a date"
)


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period covering ``start``..``end`` (both inclusive).

    Ordering is chronological: by last day, then the longer period first (so ``2020-2023`` < ``2023`` <
    ``2023-Q4`` < ``2023-12`` < ``2023-12-31``); the latest period of a list is its ``max``.
    """

    end: dt.date
    start: dt.date
    kind: PeriodKind
    label: str

    @property
    def year(self) -> int:
        """The calendar year the period ends in (a range's last year)."""
        return self.end.year

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def half(self) -> int | None:
        """1 or 2 for a half-year, quarter, month or date (the half it falls in); None for a year or range."""
        return (self.start.month - 1) // 6 + 1 if self.kind in SUB_ANNUAL else None

    @property
    def quarter(self) -> int | None:
        """1-4 for a quarter, month or date (the quarter it falls in); None for a half-year, year or range."""
        return (self.start.month - 1) // 3 + 1 if self.kind in ("quarter", "month", "day") else None

    @property
    def month(self) -> int | None:
        """1-12 for a month or date; None otherwise."""
        return self.start.month if self.kind in ("month", "day") else None

    @property
    def is_sub_annual(self) -> bool:
        return self.kind in SUB_ANNUAL

    @property
    def counts_for_year(self) -> int | None:
        """The one year a value for this period describes; None for a multi-year range."""
        return None if self.kind == "range" else self.end.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def reaches_year_end(self) -> bool:
        """Whether the period ends on 31 December (a year-to-date reading then covers the whole year)."""
        return (self.end.month, self.end.day) == (12, 31)

    @property
    def decimal_year(self) -> float:
        """Mid-point of the period as a fractional year, for trend models."""
        mid = self.start + (self.end - self.start) / 2
        return mid.year + (mid.timetuple().tm_yday - 1) / 365.25


def _make(kind: PeriodKind, start: dt.date, end: dt.date, label: str) -> Period:
    return Period(end=end, start=start, kind=kind, label=label)


def parse_period(text: object) -> Period:
    """Parse a period label (a ``datetime.date`` is a day); raise ``ValueError`` saying what is expected."""
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return _make("day", text, text, text.isoformat())
    return _parse_label(str(text))


@functools.lru_cache(maxsize=4096)
def _parse_label(text: str) -> Period:
    """:func:`parse_period` of a label (cached: an import repeats the same few labels millions of times)."""
    raw = text.strip(" \t")
    for rewrite in (_SPREADSHEET_YEAR, _AVERAGE):
        whole = rewrite.fullmatch(raw)
        if whole:
            raw = whole[1]
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(raw)
        if not match:
            continue
        y = int(match["y"])
        if kind == "year":
            return _make(kind, dt.date(y, 1, 1), dt.date(y, 12, 31), raw)
        if kind == "range":
            y2 = int(match["y2"])
            if y2 <= y:
                break
            return _make(kind, dt.date(y, 1, 1), dt.date(y2, 12, 31), raw)
        if kind == "half":
            h = int(match["h"])
            return _make(kind, dt.date(y, 6 * h - 5, 1), dt.date(y, 6, 30) if h == 1 else dt.date(y, 12, 31), raw)
        if kind == "quarter":
            q = int(match["q"])
            end = dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
            return _make(kind, dt.date(y, 3 * q - 2, 1), end, raw)
        if kind == "month":
            m = int(match["m"])
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return _make(kind, dt.date(y, m, 1), end, raw)
        try:
            day = dt.date(y, int(match["m"]), int(match["d"]))
        except ValueError:
            break
        return _make(kind, day, day, raw)
    part = _PART.fullmatch(raw)
    if part:
        raise ValueError(f"'{text}' is not a period; {_PART_HELP[part['letter'].upper()]}")
    raise ValueError(f"'{text}' is not a period; expected {PERIOD_HELP}")


def try_period(text: object) -> Period | None:
    """:func:`parse_period`, or None when ``text`` is not a period."""
    try:
        return parse_period(text)
    except ValueError:
        return None


def year_for(text: object) -> int | None:
    """The year a value for this period counts for (``2024-Q3`` → 2024); None for a range or a non-period."""
    p = try_period(text)
    return None if p is None else p.counts_for_year


def is_year(text: object) -> bool:
    """Whether ``text`` is a single calendar year (``2024``)."""
    p = try_period(text)
    return p is not None and p.kind == "year"


def sort_periods(labels: Iterable[str]) -> list[str]:
    """Period labels in chronological order (see :class:`Period`)."""
    return sorted(labels, key=parse_period)


def period_ranks(labels: Sequence[object]) -> list[int]:
    """Each label's rank in chronological order (equal periods share one; 0 first), for sorting tables."""
    parsed = [parse_period(x) for x in labels]
    order = {p: i for i, p in enumerate(sorted(set(parsed)))}
    return [order[p] for p in parsed]


def latest_index(labels: Sequence[object]) -> int:
    """Position of the latest period in ``labels`` (the first of equal ones); ``ValueError`` if empty."""
    parsed = [parse_period(x) for x in labels]
    return max(range(len(parsed)), key=lambda i: (parsed[i], -i))


# ----------------------------------------------------------------------------------------- annualise


@dataclass(frozen=True)
class Reading:
    """One value for one period; ``ref`` identifies where it came from (an observation id)."""

    period: str
    value: float
    ref: Hashable = None


@dataclass(frozen=True)
class AnnualValue:
    """One year's value and how it was obtained.

    ``rule`` is ``annual`` (a value published for the year), ``latest`` (the year's latest sub-annual
    reading) or ``mean`` (the mean of the year's sub-annual values). ``period`` is the label to show: the
    year, or for ``latest`` the period read. ``partial`` means the sub-annual periods do not reach the end
    of the year. ``used`` entered the value; ``set_aside`` are the year's other readings, not used.
    """

    year: int
    value: float
    period: str
    rule: Literal["annual", "latest", "mean"]
    partial: bool
    used: tuple[Reading, ...]
    set_aside: tuple[Reading, ...] = ()

    @property
    def folded(self) -> bool:
        """Whether sub-annual readings were folded into (or set aside for) this year."""
        return self.rule != "annual" or bool(self.set_aside)


@dataclass(frozen=True)
class Annualised:
    """A series as one value per year, oldest first, and the readings that count for no single year."""

    values: tuple[AnnualValue, ...]
    skipped: tuple[Reading, ...] = field(default=())


def _kind_coverage(readings: Sequence[tuple[Period, Reading]], kind: str) -> int:
    return sum(p.days for p, _ in readings if p.kind == kind)


def _fold(year: int, readings: list[tuple[Period, Reading]], rule: AnnualRule) -> AnnualValue:
    annual = [r for p, r in readings if p.kind == "year"]
    if annual:
        return AnnualValue(
            year,
            annual[0].value,
            str(year),
            "annual",
            False,
            (annual[0],),
            tuple(r for p, r in readings if p.kind != "year"),
        )
    if rule == "latest":
        period, last = max(readings, key=lambda pr: pr[0])
        rest = tuple(r for p, r in sorted(readings, key=lambda pr: pr[0]) if r is not last)
        return AnnualValue(year, last.value, period.label, "latest", not period.reaches_year_end, (last,), rest)
    # mean: of the one sub-annual kind covering most of the year (ties: the coarser kind)
    ranking = ("half", "quarter", "month", "day")
    kinds = [k for k in ranking if any(p.kind == k for p, _ in readings)]
    kind = max(kinds, key=lambda k: (_kind_coverage(readings, k), -ranking.index(k)))
    chosen = sorted(((p, r) for p, r in readings if p.kind == kind), key=lambda pr: pr[0])
    days_in_year = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    mean = math.fsum(r.value for _, r in chosen) / len(chosen)
    return AnnualValue(
        year,
        mean,
        str(year),
        "mean",
        _kind_coverage(chosen, kind) < days_in_year,
        tuple(r for _, r in chosen),
        tuple(r for p, r in sorted(readings, key=lambda pr: pr[0]) if p.kind != kind),
    )


def annualise(readings: Iterable[Reading], rule: AnnualRule = "latest") -> Annualised:
    """One value per year from readings of any period kinds.

    A value published for the whole year wins; otherwise the year's sub-annual values are folded by
    ``rule``. Ranges (multi-year averages) and non-periods count for no single year and are returned in
    ``skipped``. Two readings for the same period raise ``ValueError``.
    """
    if rule not in ("latest", "mean"):
        raise ValueError(f"unknown annualisation rule '{rule}'; expected 'latest' or 'mean'")
    by_year: dict[int, list[tuple[Period, Reading]]] = {}
    seen: dict[Period, Reading] = {}
    skipped: list[Reading] = []
    for r in readings:
        p = try_period(r.period)
        if p is None or p.counts_for_year is None:
            skipped.append(r)
            continue
        key = _make(p.kind, p.start, p.end, "")
        if key in seen:
            raise ValueError(f"two values for period {p.label} ({seen[key].period!r} and {r.period!r})")
        seen[key] = r
        by_year.setdefault(p.counts_for_year, []).append((p, r))
    return Annualised(tuple(_fold(y, by_year[y], rule) for y in sorted(by_year)), tuple(skipped))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end (31/08/2025 + 6 → 28/02/2026); a
    month's last day stays a month's last day (30/06/2025 + 6 → 31/12/2025), as a reporting deadline does."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, month0 + 1, last if at_end else min(day.day, last))


def shift_period(period: Period, months: int) -> Period:
    """The period of the same kind ``months`` later (2025-H1 + 6 → 2025-H2, 2025 + 12 → 2026, 2025-01 + 1 →
    2025-02); ``ValueError`` when the shift does not land on a period of that kind (a half-year moved by 3)."""
    start = add_months(period.start, months)
    y = start.year
    labels: dict[str, str] = {
        "year": f"{y}",
        "range": f"{y}-{y + period.end.year - period.start.year}",
        "half": f"{y}-H{(start.month - 1) // 6 + 1}",
        "quarter": f"{y}-Q{(start.month - 1) // 3 + 1}",
        "month": f"{y}-{start.month:02d}",
        "day": start.isoformat(),
    }
    shifted = parse_period(labels[period.kind])
    if shifted.start != start:
        raise ValueError(f"'{period.label}' moved by {months} months is not a {period.kind}")
    return shifted
