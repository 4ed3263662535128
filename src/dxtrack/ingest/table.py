"""Reading a CSV or Excel file as cells located by their physical line (blank lines counted).

Rows stream from the file (CSV: one line at a time), so a large file is never held in memory whole. Problems of
the file itself (not UTF-8, a NUL byte, a wrong delimiter) raise :class:`ImportRejected` naming the line.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dxtrack.ingest.batch import ImportRejected, Problem

EXCEL = {".xlsx", ".xlsm"}


@dataclass
class Table:
    """A header as written, the physical line it is on, and the data rows as (line, cells)."""

    header: list[str]
    header_line: int
    rows: Iterator[tuple[int, list[str]]]


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _excel(path: Path, name: str, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        ws = book[sheet] if sheet else book.worksheets[0]
    except KeyError:
        raise ImportRejected([Problem(name, None, None, f"no sheet named '{sheet}'")]) from None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected([Problem(name, None, None, f"cannot read the workbook: {exc}")]) from None
    lines = ((i, [_excel_cell(v) for v in row]) for i, row in enumerate(ws.iter_rows(values_only=True), start=1))
    for line, cells in lines:
        if any(c.strip() for c in cells):
            while cells and not cells[-1].strip():
                cells.pop()
            return Table(cells, line, ((i, c) for i, c in lines if any(x.strip() for x in c)))
    raise ImportRejected([Problem(name, None, None, "the sheet is empty; expected a header line")])


def _bad_utf8(path: Path) -> tuple[int, str]:
    """The physical line and the byte (hex) of the first invalid UTF-8 sequence."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                at = max(exc.start - len(exc.object) + len(chunk), 0)
                return line + chunk.count(b"\n", 0, at), chunk[at : at + 1].hex()
            line += chunk.count(b"\n")
    return line, ""


def _csv_rows(path: Path, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank record with the physical line it starts on."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        line = 0
        while True:
            start = line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                at, bad = _bad_utf8(path)
                raise ImportRejected(
                    [Problem(name, at, None, f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8")]
                ) from None
            except csv.Error as exc:
                problem = Problem(name, reader.line_num, None, f"not a readable CSV line: {exc}")
                raise ImportRejected([problem]) from None
            line = reader.line_num
            if any("\x00" in c for c in cells):
                raise ImportRejected(
                    [Problem(name, start, None, "contains a NUL byte (a binary or UTF-16 file?); save it as UTF-8 CSV")]
                )
            if any(c.strip() for c in cells):
                yield start, cells


def read_cells(path: Path, name: str, sheet: str | None = None) -> Table:
    """The header and the streaming rows of a CSV (UTF-8, comma-separated) or Excel file."""
    if not path.is_file():
        raise ImportRejected([Problem(name, None, None, "file not found")])
    if path.suffix.lower() in EXCEL:
        return _excel(path, name, sheet)
    rows = _csv_rows(path, name)
    for line, cells in rows:
        return Table(cells, line, rows)
    raise ImportRejected([Problem(name, None, None, "the file is empty; expected a header line")])
