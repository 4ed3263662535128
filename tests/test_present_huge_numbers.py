"""Numbers too large for a decimal pattern (a growth required from a stored zero) are still written, never 500."""

from __future__ import annotations

from dxtrack.present.numbers import num, pct


def test_huge_numbers_are_written_in_scientific_notation() -> None:
    assert num(1e300, "en") == "1e+300"
    assert num(-2.5e20, "vi") == "-2,5e+20"
    assert pct(1e298, "en") == "1e+300%"
    assert num(12345.678, "en") == "12,346"  # ordinary numbers unchanged
