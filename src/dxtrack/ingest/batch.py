"""What every importer produces: a tidy frame of observations plus the sources it cites."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dxtrack.errors import InputError


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


def parse_date(text: Any) -> dt.date:
    """An ISO date (YYYY-MM-DD); raises ValueError with the expectation."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = str(text).strip()
    try:
        return dt.date.fromisoformat(raw[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", raw) else dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"'{text}' is not a date; expected YYYY-MM-DD") from None
