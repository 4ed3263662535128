"""Numbers, percentages and probabilities in Vietnamese and English (through Babel).

Vietnamese writes a decimal comma and dot thousands (``1.234,5``), English the reverse (``1,234.5``).

How many decimals, when the caller does not say (:func:`decimals_for`): two below 100 — the precision the
sources publish shares, scores and indices with (``13,17% GDP``, ``0,79``); one from 100 to 9 999, where the
second decimal is below the sources' own rounding (``1.234,5``); none from 10 000 up (counts and money in
millions, where a decimal is noise). Trailing zeros are dropped (``30`` not ``30,00``) so that a figure never
claims more precision than the source gave.
"""

from __future__ import annotations

import math

from dxtrack.present.lang import Lang, pick

DASH = "—"


def decimals_for(value: float) -> int:
    """Default decimals for a value of this size (see the module docstring for why)."""
    size = abs(value)
    if size >= 10000:
        return 0
    if size >= 100:
        return 1
    return 2


HUGE = 1e15
"""From this magnitude on, a number is written in scientific notation (``1.23e+20``)."""


def missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def num(value: float | int | None, lang: Lang, decimals: int | None = None) -> str:
    """``1.234,5`` (vi) or ``1,234.5`` (en); ``—`` for no value; at most ``decimals`` places, zeros dropped."""
    if value is None or missing(value):
        return DASH
    if abs(float(value)) >= HUGE:  # beyond what a decimal pattern can show (e.g. growth required from a zero)
        text = f"{float(value):.3g}"
        return text.replace(".", ",") if lang == "vi" else text
    from babel.numbers import format_decimal  # here, not at the top: `dxtrack --help` need not load Babel

    places = decimals_for(float(value)) if decimals is None else decimals
    pattern = "#,##0" + ("." + "#" * places if places else "")
    text = format_decimal(round(float(value), places), format=pattern, locale=lang)
    return "0" if text == "-0" else str(text)


def pct(share: float | None, lang: Lang, decimals: int = 2) -> str:
    """A fraction (0.1317) as a percentage (``13,17%``)."""
    if share is None or missing(share):
        return DASH
    return f"{num(share * 100, lang, decimals)}%"


def percent_value(value: float | None, lang: Lang, decimals: int = 2) -> str:
    """A value already in percent (13.17) with its sign (``13,17%``)."""
    if value is None or missing(value):
        return DASH
    return f"{num(value, lang, decimals)}%"


def prob(p: float | None, lang: Lang) -> str:
    """An attainment probability in whole percent, never a false certainty: below 1% reads ``dưới 1%`` /
    ``under 1%`` and above 99% ``trên 99%`` / ``over 99%`` (a forecast never rules an outcome in or out)."""
    if p is None or missing(p):
        return DASH
    if p < 0.01:
        return pick(("dưới 1%", "under 1%"), lang)
    if p > 0.99:
        return pick(("trên 99%", "over 99%"), lang)
    return f"{num(p * 100, lang, 0)}%"


def ordinal_en(n: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``23rd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
