"""The period API (domain/period.py): parsing, ordering, the year a period counts for, annualisation.

Expectations are worked out by hand from the calendar and the rule in docs/methods.md §0.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dxtrack.domain.period import (
    Reading,
    annualise,
    is_year,
    latest_index,
    parse_period,
    period_ranks,
    sort_periods,
    try_period,
    year_for,
)

D = dt.date


@pytest.mark.parametrize(
    ("label", "kind", "start", "end", "year", "quarter", "month"),
    [
        ("2024", "year", D(2024, 1, 1), D(2024, 12, 31), 2024, None, None),
        ("2020-2023", "range", D(2020, 1, 1), D(2023, 12, 31), 2023, None, None),
        ("2024-H1", "half", D(2024, 1, 1), D(2024, 6, 30), 2024, None, None),
        ("2025-H2", "half", D(2025, 7, 1), D(2025, 12, 31), 2025, None, None),
        ("2024-Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31), 2024, 1, None),
        ("2024-Q2", "quarter", D(2024, 4, 1), D(2024, 6, 30), 2024, 2, None),
        ("2024-Q4", "quarter", D(2024, 10, 1), D(2024, 12, 31), 2024, 4, None),
        ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), 2024, 1, 2),  # leap year
        ("2023-02", "month", D(2023, 2, 1), D(2023, 2, 28), 2023, 1, 2),
        ("2025-12", "month", D(2025, 12, 1), D(2025, 12, 31), 2025, 4, 12),
        ("2025-04-30", "day", D(2025, 4, 30), D(2025, 4, 30), 2025, 2, 4),
    ],
)
def test_parse_kinds(
    label: str, kind: str, start: dt.date, end: dt.date, year: int, quarter: int | None, month: int | None
) -> None:
    p = parse_period(label)
    assert (p.kind, p.start, p.end, p.year, p.quarter, p.month, p.label) == (
        kind,
        start,
        end,
        year,
        quarter,
        month,
        label,
    )


def test_parse_normalises_spreadsheet_and_average_labels() -> None:
    assert parse_period("2024.0").label == "2024"
    assert parse_period(" 2024 ").label == "2024"
    assert parse_period(2024).kind == "year"
    avg = parse_period("2020-2023 average")
    assert (avg.kind, avg.label, avg.first_year, avg.year) == ("range", "2020-2023", 2020, 2023)
    day = parse_period(dt.date(2025, 3, 8))
    assert (day.kind, day.label, day.days) == ("day", "2025-03-08", 1)


@pytest.mark.parametrize("bad", ["2024-13", "2024-02-30", "2023-2020", "2023-2023", "24", "Q1 2024", ""])
def test_parse_rejects_with_what_is_expected(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a period; expected a year"):
        parse_period(bad)
    assert try_period(bad) is None
    assert year_for(bad) is None


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        ("2025-H3", "a half-year is written 2024-H1 or 2024-H2"),
        ("2025-h1", "a half-year is written 2024-H1 or 2024-H2"),
        ("2025-H", "a half-year is written 2024-H1 or 2024-H2"),
        ("2025-H01", "a half-year is written 2024-H1 or 2024-H2"),
        ("2024-Q5", "a quarter is written 2024-Q1 to 2024-Q4"),
        ("2024-q2", "a quarter is written 2024-Q1 to 2024-Q4"),
    ],
)
def test_a_wrong_half_year_or_quarter_says_how_to_write_it(bad: str, hint: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_period(bad)
    assert str(err.value) == f"'{bad}' is not a period; {hint}"


def test_half_years_order_and_fold_into_their_year() -> None:
    # same last day: the longer period first (2025-H1 covers 2025-Q2); H2 ends the year
    assert sort_periods(["2025-Q2", "2025-H2", "2025-06", "2025-H1", "2025"]) == [
        "2025-H1", "2025-Q2", "2025-06", "2025", "2025-H2"
    ]  # fmt: skip
    assert parse_period("2025-H2").quarter is None and parse_period("2025-09").half == 2
    assert year_for("2025-H1") == 2025
    # mean of the two halves (the coarser kind wins a tie in coverage over the quarters' 181 + 184 days)
    folded = annualise([Reading("2025-H1", 10.0), Reading("2025-H2", 20.0), Reading("2025-Q1", 99.0)], "mean")
    (year,) = folded.values
    assert (year.year, year.value, year.rule, year.partial) == (2025, 15.0, "mean", False)
    latest = annualise([Reading("2025-H1", 10.0)], "latest").values[0]
    assert (latest.period, latest.value, latest.partial) == ("2025-H1", 10.0, True)


def test_year_for() -> None:
    assert [year_for(x) for x in ("2024", "2024-Q4", "2024-12", "2024-12-31", 2024)] == [2024] * 5
    assert year_for("2020-2023") is None  # a multi-year average describes no single year
    assert is_year("2024") and not is_year("2024-Q1") and not is_year("2020-2023") and not is_year("x")


def test_days_and_year_end() -> None:
    assert parse_period("2024").days == 366
    assert parse_period("2025-Q1").days == 31 + 28 + 31
    assert parse_period("2025-Q4").reaches_year_end and parse_period("2025-12").reaches_year_end
    assert not parse_period("2025-11").reaches_year_end


def test_chronological_order() -> None:
    shuffled = ["2024", "2023-12", "2020-2023", "2023", "2023-Q4", "2023-12-31", "2024-Q1", "2023-01"]
    assert sort_periods(shuffled) == [
        "2023-01",
        "2020-2023",  # ends with 2023 but covers more: comes before the single year
        "2023",
        "2023-Q4",
        "2023-12",
        "2023-12-31",
        "2024-Q1",
        "2024",
    ]
    assert parse_period("2025-03") < parse_period("2025-04") < parse_period("2025")
    assert period_ranks(["2025", "2024", "2025.0", "2024-06"]) == [2, 1, 2, 0]
    assert latest_index(["2024", "2025-03", "2020-2023", "2025-02"]) == 1


def test_annual_value_takes_precedence() -> None:
    out = annualise([Reading("2024-Q1", 10.0, 1), Reading("2024", 12.0, 2), Reading("2024-06", 11.0, 3)])
    (a,) = out.values
    assert (a.year, a.value, a.period, a.rule, a.partial) == (2024, 12.0, "2024", "annual", False)
    assert [r.ref for r in a.used] == [2]
    assert [r.ref for r in a.set_aside] == [1, 3]


def test_latest_rule_reads_the_latest_period_and_marks_partial_years() -> None:
    rows = [Reading("2025-04", 20.5, 11), Reading("2025-03", 20.1, 10), Reading("2024", 18.3, 9)]
    out = annualise(rows)
    assert [(a.year, a.value, a.period, a.rule, a.partial) for a in out.values] == [
        (2024, 18.3, "2024", "annual", False),
        (2025, 20.5, "2025-04", "latest", True),
    ]
    assert [r.ref for r in out.values[1].set_aside] == [10]
    full = annualise([Reading("2025-Q3", 1.0), Reading("2025-Q4", 2.0)]).values[0]
    assert (full.value, full.period, full.partial) == (2.0, "2025-Q4", False)


def test_mean_rule_averages_one_kind_of_period() -> None:
    # quarters cover 182 days (Q1 90 + Q2 91), months 30 (May): the quarters are averaged, May set aside
    out = annualise([Reading("2025-Q1", 2.0, 1), Reading("2025-Q2", 4.0, 2), Reading("2025-05", 9.0, 3)], "mean")
    (a,) = out.values
    assert (a.value, a.period, a.rule, a.partial) == (3.0, "2025", "mean", True)
    assert [r.ref for r in a.used] == [1, 2] and [r.ref for r in a.set_aside] == [3]
    months = [Reading(f"2023-{m:02d}", float(m)) for m in range(1, 13)]
    whole = annualise(months, "mean").values[0]
    assert (whole.value, whole.partial) == (6.5, False)  # (1 + … + 12) / 12


def test_ranges_are_skipped_and_duplicates_rejected() -> None:
    out = annualise([Reading("2020-2023", 12.62, 1), Reading("2023", 13.0, 2), Reading("soon", 1.0, 3)])
    assert [a.year for a in out.values] == [2023]
    assert [r.ref for r in out.skipped] == [1, 3]
    with pytest.raises(ValueError, match="two values for period 2024"):
        annualise([Reading("2024", 1.0), Reading("2024.0", 2.0)])
    with pytest.raises(ValueError, match="unknown annualisation rule 'sum'"):
        annualise([], "sum")  # type: ignore[arg-type]
