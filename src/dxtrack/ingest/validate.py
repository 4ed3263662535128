"""Values checked against the catalogue: the one check every import path goes through.

CSV and Excel files, the bundled loaders, the content pack's figures and later submissions all hand a tidy
frame (``indicator, area, period_start, period_end, value, unit`` and, when known, ``_row``, the physical line
of each row) to :func:`check_frame`. It returns the frame with each unit conformed to the indicator's (a missing
unit takes the indicator's; a declared conversion rescales the value) and every problem found, each located.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dxtrack.ingest.batch import Problem

VALUE_TYPES = ("real", "non_negative", "count", "rank")
MAX_TEXT = {"disaggregation": 200, "period": 24}


@dataclass(frozen=True)
class IndicatorRule:
    """What the catalogue says a value of one indicator may be."""

    code: str
    unit: str
    bounds: tuple[float, float] | None = None
    value_type: str = "real"
    conversions: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class AreaRule:
    """The dates an area exists (None = open)."""

    code: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


@dataclass(frozen=True)
class Catalogue:
    """The stored catalogue an import is checked against."""

    indicators: Mapping[str, IndicatorRule]
    areas: Mapping[str, AreaRule]

    @classmethod
    def from_rows(cls, indicators: Iterable[Mapping[str, Any]], areas: Iterable[Mapping[str, Any]]) -> Catalogue:
        """From stored ``indicator`` rows (bounds, value type and conversions in ``definition``) and ``area`` rows."""
        rules = {}
        for row in indicators:
            extra = row.get("definition") or {}
            bounds = extra.get("bounds")
            rules[row["code"]] = IndicatorRule(
                code=row["code"],
                unit=row["unit"],
                bounds=(float(bounds[0]), float(bounds[1])) if bounds else None,
                value_type=extra.get("value_type") or "real",
                conversions=dict(extra.get("unit_conversions") or {}),
            )
        places = {r["code"]: AreaRule(r["code"], r.get("valid_from"), r.get("valid_to")) for r in areas}
        return cls(rules, places)


def _fmt(value: float) -> str:
    return f"{value:g}"


def _value_problem(rule: IndicatorRule, value: float) -> str | None:
    kind = rule.value_type
    if kind == "rank" and (value < 1 or not float(value).is_integer()):
        return f"{_fmt(value)} is not a rank; a rank is a whole number from 1 ({rule.code})"
    if kind == "count" and (value < 0 or not float(value).is_integer()):
        return f"{_fmt(value)} is not a count; expected a whole number not below 0 ({rule.code})"
    if kind == "non_negative" and value < 0:
        return f"{_fmt(value)} is below 0; {rule.code} cannot be negative"
    if rule.bounds is not None and not rule.bounds[0] <= value <= rule.bounds[1]:
        low, high = rule.bounds
        return f"{_fmt(value)} is outside {rule.code}'s bounds {_fmt(low)}–{_fmt(high)} ({rule.unit})"
    return None


def _missing_units(given: np.ndarray) -> np.ndarray:
    """Which units are not given (None, NaN or blank)."""
    return np.asarray(
        [u is None or (isinstance(u, float) and np.isnan(u)) or not str(u).strip() for u in given.tolist()], bool
    )


def _flagged_values(rule: IndicatorRule, values: np.ndarray) -> np.ndarray:
    """Where :func:`_value_problem` has something to say (vectorised; the message is then asked for those only)."""
    whole = np.isfinite(values) & (np.floor(values) == values)
    flagged = np.zeros(len(values), bool)
    if rule.value_type == "rank":
        flagged |= (values < 1) | ~whole
    elif rule.value_type == "count":
        flagged |= (values < 0) | ~whole
    elif rule.value_type == "non_negative":
        flagged |= values < 0
    if rule.bounds is not None:
        flagged |= ~((values >= rule.bounds[0]) & (values <= rule.bounds[1]))
    return flagged


def check_frame(catalogue: Catalogue, frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every row against the catalogue; return the conformed frame and the problems (row order).

    Each problem's ``row`` is the frame's ``_row`` (a physical line) when there is one; ``positions`` of the
    problems in the frame are given by :func:`problem_positions`. The checks run column-wise; messages are
    written for the rows found wrong only.
    """
    problems: list[tuple[int, int, Problem]] = []  # (position, column order, problem)
    out = frame.copy()
    if "unit" not in out.columns:
        out["unit"] = None
    lines = out["_row"].to_numpy() if "_row" in out.columns else None
    units = out["unit"].astype(object).to_numpy().copy()
    values = out["value"].astype(float).to_numpy().copy()

    def add(pos: Any, order: int, column: str, message: str) -> None:
        at = int(pos)
        row = None if lines is None else int(lines[at])
        if row is None:  # no line to point at (a bundled loader's frame): name the row by its key
            message = f"{message} [{out['indicator'].iloc[at]} {out['area'].iloc[at]} {out['period'].iloc[at]}]"
        problems.append((at, order, Problem(file, row, column, message)))

    for text_column, limit in MAX_TEXT.items():
        if text_column in out.columns:
            lengths = out[text_column].astype(str).str.len().to_numpy()
            for at in np.flatnonzero(lengths > limit):
                add(at, 5, text_column, f"longer than {limit} characters ({lengths[at]})")
    for column in ("disaggregation", "comment", "unit"):
        if column in out.columns:
            has_nul = out[column].astype(str).str.contains("\x00", regex=False).to_numpy()
            for at in np.flatnonzero(has_nul):
                add(at, 5, column, "contains a NUL character")
    for code, positions in out.groupby("indicator", sort=False).indices.items():
        rule = catalogue.indicators.get(str(code))
        if rule is None:
            for pos in positions:
                add(pos, 0, "indicator", f"unknown indicator '{code}'")
            continue
        positions = np.asarray(positions)
        given = units[positions]
        missing = _missing_units(given)
        units[positions[missing]] = rule.unit
        other = positions[~missing]
        written = np.asarray([str(u).strip() for u in units[other]], dtype=object)
        checked = positions[missing]
        kept = other[written == rule.unit]
        checked = np.concatenate([checked, kept])
        for unit in sorted(set(written[written != rule.unit].tolist())):
            at = other[written == unit]
            factor = rule.conversions.get(unit)
            if factor is None:
                for pos in at:
                    add(pos, 3, "unit", f"unit '{units[pos]}' is not {rule.code}'s unit '{rule.unit}'")
                continue
            values[at] = values[at] * factor
            units[at] = rule.unit
            checked = np.concatenate([checked, at])
        for pos in checked[_flagged_values(rule, values[checked])]:
            message = _value_problem(rule, float(values[pos]))
            if message:
                add(pos, 4, "value", message)
    dated = {c: p for c, p in catalogue.areas.items() if p.valid_from is not None or p.valid_to is not None}
    groups = out.groupby("area", sort=False).indices
    starts: np.ndarray = np.empty(0, dtype=object)
    ends: np.ndarray = np.empty(0, dtype=object)
    if any(str(code) in dated for code in groups):
        starts = np.asarray(pd.to_datetime(out["period_start"]).dt.date.to_numpy())
        ends = np.asarray(pd.to_datetime(out["period_end"]).dt.date.to_numpy())
    periods = out["period"].astype(str).to_numpy()
    for code, positions in groups.items():
        place = catalogue.areas.get(str(code))
        if place is None:
            for pos in positions:
                add(pos, 1, "area", f"unknown area '{code}'")
            continue
        if place.valid_from is None and place.valid_to is None:
            continue
        for pos in positions:
            if (place.valid_from and ends[pos] < place.valid_from) or (place.valid_to and starts[pos] > place.valid_to):
                span = f"{place.valid_from or '…'} to {place.valid_to or '…'}"
                add(pos, 2, "area", f"area '{code}' did not exist in period {periods[pos]} (valid {span})")
    out["unit"] = units
    out["value"] = values
    problems.sort(key=lambda p: (p[0], p[1]))
    out.attrs["problem_positions"] = [pos for pos, _, _ in problems]
    return out, [p for _, _, p in problems]


def problem_positions(checked: pd.DataFrame) -> list[int]:
    """The frame positions of the problems :func:`check_frame` returned with ``checked`` (same order)."""
    return list(checked.attrs.get("problem_positions", []))
