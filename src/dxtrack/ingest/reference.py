"""Reference tables of the data snapshot that are not observations: the release calendar and institution changes.

Both are read all-or-nothing: a file with any bad row is rejected with every problem named by file, row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dxtrack.ingest.batch import ImportRejected, Problem, parse_date

CALENDAR_FILE = "vietnam_national/release_calendar.csv"
INSTITUTIONS_FILE = "vietnam_national/institutions_2025.csv"


@dataclass(frozen=True)
class Release:
    """When an edition of a published series was actually released."""

    publisher: str
    series: str
    edition: str
    released_on: dt.date
    source_url: str
    note: str | None


@dataclass(frozen=True)
class InstitutionChange:
    """A body renamed, merged or replaced: ``body_from`` carries on as ``body_to`` from ``effective_on``."""

    body_from: str
    body_to: str
    effective_on: dt.date
    legal_basis: str
    source_url: str
    note: str | None

    def names_from(self) -> list[str]:
        """The Vietnamese names of the bodies replaced (several when two merged), without English glosses."""
        return [part.split(" (")[0].strip() for part in self.body_from.split(";")]


def _read(path: Path, required: tuple[str, ...], date_column: str) -> list[tuple[dict[str, str], dt.date]]:
    if not path.is_file():
        raise ImportRejected([Problem(str(path), None, None, "data file not found")])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        absent = [c for c in required if c not in (reader.fieldnames or [])]
        if absent:
            raise ImportRejected([Problem(str(path), 1, c, "column missing") for c in absent])
        rows = list(reader)
    out, problems = [], []
    for line, row in enumerate(rows, start=2):
        empty = [c for c in required if c != "note" and not (row.get(c) or "").strip()]
        problems += [Problem(str(path), line, c, "empty") for c in empty]
        try:
            day = parse_date(row[date_column])
        except ValueError as exc:
            if date_column not in empty:
                problems.append(Problem(str(path), line, date_column, str(exc)))
            continue
        out.append((row, day))
    if problems:
        raise ImportRejected(problems)
    return out


def read_release_calendar(data_dir: Path) -> list[Release]:
    """``release_calendar.csv``: one row per released edition; (series, edition) must be unique."""
    path = data_dir / CALENDAR_FILE
    columns = ("publisher", "series", "edition", "released_on", "source_url", "note")
    out, seen, problems = [], set(), []
    for line, (r, day) in enumerate(_read(path, columns, "released_on"), start=2):
        key = (r["series"], r["edition"])
        if key in seen:
            problems.append(Problem(str(path), line, "edition", f"{r['series']} {r['edition']} listed twice"))
        seen.add(key)
        out.append(Release(r["publisher"], r["series"], r["edition"], day, r["source_url"], r["note"] or None))
    if problems:
        raise ImportRejected(problems)
    return out


def read_institutions(data_dir: Path) -> list[InstitutionChange]:
    """``institutions_2025.csv``: which body carries on a renamed or merged body's duties, and from when."""
    path = data_dir / INSTITUTIONS_FILE
    columns = ("body_from", "body_to", "effective_on", "legal_basis", "source_url", "note")
    return [
        InstitutionChange(r["body_from"], r["body_to"], day, r["legal_basis"], r["source_url"], r["note"] or None)
        for r, day in _read(path, columns, "effective_on")
    ]
