"""Periods an observation can describe: a year, quarter, month, day, or a multi-year average."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year", re.compile(r"^(?P<y>\d{4})$")),
    ("range", re.compile(r"^(?P<y>\d{4})-(?P<y2>\d{4})$")),
    ("quarter", re.compile(r"^(?P<y>\d{4})-Q(?P<q>[1-4])$")),
    ("month", re.compile(r"^(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])$")),
    ("day", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")),
)

PERIOD_HELP = "a year (2024), a range of years (2020-2023), a quarter (2024-Q3), a month (2024-07) or a date"


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period; ``start``/``end`` are the first and last day it covers."""

    start: dt.date
    end: dt.date
    kind: str
    label: str

    @property
    def year(self) -> int:
        """The year of the period's end (a range counts as its last year)."""
        return self.end.year

    @property
    def decimal_year(self) -> float:
        """Mid-point of the period as a fractional year, for trend models."""
        mid = self.start + (self.end - self.start) / 2
        return mid.year + (mid.timetuple().tm_yday - 1) / 365.25


def parse_period(text: str) -> Period:
    """Parse a period label; raise ``ValueError`` saying what is expected."""
    raw = str(text).strip()
    if raw.endswith(".0") and raw[:-2].isdigit():  # spreadsheets turn 2024 into 2024.0
        raw = raw[:-2]
    raw = re.sub(r"\s+average$", "", raw)
    for kind, pattern in _PATTERNS:
        match = pattern.match(raw)
        if not match:
            continue
        y = int(match["y"])
        if kind == "year":
            return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), kind, raw)
        if kind == "range":
            y2 = int(match["y2"])
            if y2 <= y:
                break
            return Period(dt.date(y, 1, 1), dt.date(y2, 12, 31), kind, raw)
        if kind == "quarter":
            q = int(match["q"])
            start = dt.date(y, 3 * q - 2, 1)
            end = dt.date(y + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
            return Period(start, end, kind, raw)
        if kind == "month":
            m = int(match["m"])
            end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
            return Period(dt.date(y, m, 1), end, kind, raw)
        try:
            day = dt.date(y, int(match["m"]), int(match["d"]))
        except ValueError:
            break
        return Period(day, day, kind, raw)
    raise ValueError(f"'{text}' is not a period; expected {PERIOD_HELP}")
