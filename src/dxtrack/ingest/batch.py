"""What every importer produces: a tidy frame of observations plus the sources it cites."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dxtrack.errors import DxtrackError, InputError


@dataclass
class Problem:
    """One thing wrong with an input file, located by row (1 = header line) and column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class ImportRejected(InputError):
    """An import stopped before writing anything; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more problem(s); nothing was written)"
            if len(problems) > 1
            else (" (nothing was written)")
        )
        super().__init__(first.message + more, file=first.file, row=first.row, column=first.column)


class AlreadyImported(DxtrackError):
    """The same content (file bytes and import options) was imported before: nothing is written (exit code 0)."""

    def __init__(self, file: str, batch_id: int | None, when: dt.datetime | None) -> None:
        self.file, self.batch_id, self.when = file, batch_id, when
        first = f" (import #{batch_id}" + (f" of {when:%Y-%m-%d %H:%M} UTC)" if when else ")") if batch_id else ""
        super().__init__(f"{file}: already imported{first}; nothing was written")


@dataclass
class ObservationBatch:
    kind: str
    file: str
    sha256: str
    frame: pd.DataFrame
    sources: list[dict[str, Any]] = field(default_factory=list)


def file_sha256(path: Path, extra: str = "") -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(extra.encode())
    return digest.hexdigest()


def source_id_for(text: str, prefix: str = "src") -> str:
    """A short stable id for a free-text source or a URL."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower())[:40].strip("-")
    return f"{prefix}:{slug}:{hashlib.sha1(text.encode()).hexdigest()[:10]}"


# ASCII digits only, nothing after the date except a spreadsheet's midnight time.
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00:00)?")


def parse_date(text: Any) -> dt.date:
    """An ISO date (YYYY-MM-DD) in the strict grammar; raises ValueError with the expectation."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    match = _DATE.fullmatch(str(text).strip(" \t"))
    try:
        if match is None:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"'{text}' is not a date; expected YYYY-MM-DD") from None
