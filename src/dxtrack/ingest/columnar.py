"""Reading a regular CSV file column by column (pyarrow), for volume: no per-row Python.

Only a file the row reader (:mod:`dxtrack.ingest.table`) would read the same way and find nothing wrong with goes
this way: one record per physical line (no quote, no blank line, no lone carriage return, no NUL byte), the
header on line 1, no cell with surrounding white space, every period, number and date in the strict grammars.
Anything else raises :class:`NotColumnar` and the caller reads the file row by row, which names the line and
column of each problem. So the fast path never changes a verdict or a message, only the time taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from dxtrack.domain.numbers import NUMBER
from dxtrack.domain.period import parse_period
from dxtrack.ingest.batch import parse_date

BLOCK_BYTES = 1 << 22
"""Bytes parsed at a time (about 100,000 rows of a tidy file): memory stays bounded."""

# Python's str.strip() removes exactly these characters (str.isspace); a cell starting or ending with one is left
# to the row reader, which strips it.
_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
_PADDED = f"^{_SPACE}|{_SPACE}$"


class NotColumnar(Exception):
    """The file needs the row reader (it is irregular or has a problem to locate)."""


def _regular_bytes(path: Path) -> None:
    """Raise NotColumnar unless every physical line is one non-blank record (no quote, NUL or lone CR)."""
    previous = b"\n"  # a blank first line counts as blank
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if b'"' in block or b"\x00" in block or block.count(b"\r") != block.count(b"\r\n"):
                raise NotColumnar
            joined = previous + block
            if b"\n\n" in joined or b"\n\r\n" in joined:
                raise NotColumnar
            previous = block[-1:]


def _mapped(column: pa.Array, parse: object) -> tuple[pa.Array, list[object]]:
    """(index of each cell among the distinct values, the parsed distinct values); a value parse refuses raises."""
    distinct = pc.unique(column)
    try:
        parsed = [parse(v) for v in distinct.to_pylist()]  # type: ignore[operator]
    except ValueError:
        raise NotColumnar from None
    return pc.index_in(column, value_set=distinct), parsed


def _taken(distinct: list[object], at: np.ndarray) -> list[object]:
    """The distinct values put back in each cell's place."""
    table = np.empty(len(distinct), dtype=object)
    table[:] = distinct
    return list(table[at].tolist())


def _text(cell: dict[str, pa.Array], key: str, n: int, empty: object) -> list[object] | pa.Array:
    """A text column's cells (``empty`` for a missing column; an empty cell is None when ``empty`` is None); a
    column kept as written stays an Arrow array."""
    if key not in cell:
        return [empty] * n
    if empty == "":
        return cell[key]
    values: list[object] = cell[key].to_pylist()
    return [v or empty for v in values]


def _values(column: pa.Array) -> np.ndarray:
    if not pc.all(pc.match_substring_regex(column, f"^(?:{NUMBER.pattern})$")).as_py():
        raise NotColumnar
    try:
        values = pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        raise NotColumnar from None
    if not np.isfinite(values).all():
        raise NotColumnar
    return np.asarray(values, dtype=np.float64)


def columnar_rows(
    path: Path,
    *,
    cols: dict[str, int],
    width: int,
    source: str | None,
    published_on: dt.date | None,
    allow_future: bool,
    today: dt.date,
) -> Iterator[dict[str, Any]]:
    """The data rows as columns (the keys of the row reader's chunks, ``_row`` the physical line), a block at a
    time: lists, or arrays where the cells are kept as read (Arrow text, NumPy lines and numbers), which pandas
    takes without a Python object per cell; raise NotColumnar as soon as something needs the row reader (before
    or between blocks)."""
    if path.suffix.lower() != ".csv":
        raise NotColumnar
    _regular_bytes(path)
    names = [f"c{i}" for i in range(width)]
    try:
        reader = pa_csv.open_csv(
            path,
            read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names, block_size=BLOCK_BYTES),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, OSError):
        raise NotColumnar from None
    line = 2
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except pa.ArrowInvalid:
            raise NotColumnar from None
        n = batch.num_rows
        if not n:
            continue
        cell = {key: batch.column(i) for key, i in cols.items()}
        for column in cell.values():
            if pc.any(pc.match_substring_regex(column, _PADDED)).as_py():
                raise NotColumnar
        at, periods = _mapped(cell["period"], parse_period)
        take = np.asarray(at.to_numpy(zero_copy_only=False))
        pub: list[object] = [published_on or today] * n
        if "published_on" in cell:
            given = cell["published_on"]
            if pc.any(pc.not_equal(given, "")).as_py():
                days_at, days = _mapped(given, lambda t: parse_date(t) if t else None)
                if any(d is not None and d > today for d in days) and not allow_future:  # type: ignore[operator]
                    raise NotColumnar
                chosen = _taken(days, np.asarray(days_at.to_numpy(zero_copy_only=False)))
                pub = [d if d is not None else (published_on or today) for d in chosen]
        if "source" in cell:
            texts = cell["source"]
            if pc.any(pc.equal(texts, "")).as_py():
                if not source:
                    raise NotColumnar
                texts = pc.if_else(pc.equal(texts, ""), source, texts)
            source_text = texts.to_pylist()
        else:
            source_text = [source or ""] * n
        labels = _taken([p.label for p in periods], take)  # type: ignore[attr-defined]
        starts = _taken([p.start for p in periods], take)  # type: ignore[attr-defined]
        ends = _taken([p.end for p in periods], take)  # type: ignore[attr-defined]
        yield {
            "_row": np.arange(line, line + n, dtype=np.int64),
            "indicator": cell["indicator"],
            "area": cell["area"],
            "period": labels,
            "period_start": starts,
            "period_end": ends,
            "disaggregation": _text(cell, "disaggregation", n, ""),
            "value": _values(cell["value"]),
            "unit": _text(cell, "unit", n, None),
            "source_text": source_text,
            "published_on": pub,
            "comment": _text(cell, "note", n, None),
        }
        line += n
