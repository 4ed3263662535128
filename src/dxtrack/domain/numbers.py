"""The one strict grammar for a number written in an input file or form.

ASCII digits, an optional sign, ``.`` as the decimal point, an optional exponent — nothing else: no ``_``
(Python's ``float('1_000')``), no Unicode digits (``float('٥٥')``), no thousands separators, no NaN or infinity.
A non-breaking or ordinary space around the number is allowed (spreadsheets add them).
"""

from __future__ import annotations

import math
import re

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
NUMBER_HELP = "a number written with ASCII digits and '.' as the decimal point, e.g. 12.5"


def parse_number(text: object) -> float:
    """Parse a number in the strict grammar; raise ``ValueError`` saying what is expected."""
    if isinstance(text, bool):
        raise ValueError(f"'{text}' is not a number; expected {NUMBER_HELP}")
    if isinstance(text, int | float):
        value = float(text)
    else:
        raw = str(text).strip(" \t\u00a0")
        if not NUMBER.fullmatch(raw):
            raise ValueError(f"'{text}' is not a number; expected {NUMBER_HELP}")
        value = float(raw)
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value


def is_whole(value: float) -> bool:
    """Whether ``value`` is a whole number (a rank or a count)."""
    return math.isfinite(value) and float(value).is_integer()
