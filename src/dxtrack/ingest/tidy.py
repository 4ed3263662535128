"""Tidy CSV / Excel import: ``indicator,area,period,value`` plus optional
``unit,source,published_on,note,disaggregation`` columns. All-or-nothing: any bad row rejects the file.

Rows are located by their physical line (blank lines counted, the header is line 1 when it comes first) and
columns by the header as written. Values go through the strict grammars (period, number, date) and then the
catalogue check every import path shares (:mod:`dxtrack.ingest.validate`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from dxtrack.domain.numbers import parse_number
from dxtrack.domain.period import parse_period
from dxtrack.ingest.batch import ImportRejected, ObservationBatch, Problem, parse_date, source_id_for
from dxtrack.ingest.columnar import NotColumnar, columnar_rows
from dxtrack.ingest.table import read_cells
from dxtrack.ingest.validate import Catalogue, check_frame

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("unit", "source", "published_on", "note", "disaggregation")


def content_key(path: Path, options: dict[str, object]) -> str:
    """The import's identity: sha256 of the file's bytes and of its options (canonical JSON)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    digest.update(b"\0" + json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def file_checksum(path: Path) -> str:
    """sha256 of the file's bytes (how a stored source names a file: never by its path on the server)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _header(name: str, header: list[str], line: int, source: str | None) -> tuple[dict[str, int], list[Problem]]:
    """Column positions by lower-case name, and the header's problems (named as written)."""
    problems: list[Problem] = []
    written = [h.strip() for h in header]
    if len(written) == 1 and any(sep in written[0] for sep in (";", "\t", "|")):
        sep = next(s for s in (";", "\t", "|") if s in written[0])
        shown = "tab" if sep == "\t" else f"'{sep}'"
        raise ImportRejected(
            [Problem(name, line, None, f"the header is a single column separated by {shown}; separate columns by ','")]
        )
    positions: dict[str, int] = {}
    for i, col in enumerate(written):
        key = col.lower()
        if not col:
            trailing = i == len(written) - 1
            why = "the header ends with an empty column (a trailing comma?)" if trailing else "empty column name"
            problems.append(Problem(name, line, None, f"{why}; column {i + 1}"))
            continue
        if key in positions:
            first = positions[key] + 1
            problems.append(
                Problem(name, line, col, f"column '{col}' appears twice in the header (columns {first} and {i + 1})")
            )
            continue
        positions[key] = i
        if key not in REQUIRED + OPTIONAL:
            problems.append(Problem(name, line, col, f"unknown column; allowed: {', '.join(REQUIRED + OPTIONAL)}"))
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise ImportRejected(
            problems
            + [
                Problem(name, line, c, "required column missing; the header must have indicator,area,period,value")
                for c in missing
            ]
        )
    if "source" not in positions and not source:
        problems.append(Problem(name, line, "source", "no source column and no --source given; every value needs one"))
    return positions, problems


CHUNK_ROWS = 50_000
"""Rows parsed, checked and staged at a time: memory stays bounded whatever the file's size."""


@dataclass
class TidyChunk:
    """Up to CHUNK_ROWS checked rows (indexed by physical line), the sources they cite, and the problems found.

    ``restart``: the chunks before this one are withdrawn (the columnar reader gave way to the row reader, which
    reads the file again from its first row)."""

    frame: pd.DataFrame
    sources: list[dict[str, Any]]
    problems: list[Problem]
    restart: bool = False


_TEXT = pd.DataFrame({"text": ["a"]})["text"].dtype
"""The dtype pandas gives a column of Python strings: Arrow text of the columnar reader is given it directly."""


def _frame(out: dict[str, Any], catalogue: Catalogue, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    frame = pd.DataFrame({k: pd.array(v, dtype=_TEXT) if isinstance(v, pa.Array) else v for k, v in out.items()})
    if frame.empty:
        return frame, []
    frame, problems = check_frame(catalogue, frame, name)
    frame["status"] = "published"
    codes, texts = pd.factorize(frame["source_text"])  # each distinct text once (not cell by cell)
    ids = np.empty(len(texts), dtype=object)
    ids[:] = [source_id_for(str(t)) for t in texts]
    frame["source_id"] = ids[codes]
    frame.index = pd.Index(frame["_row"].astype(int), name="line")
    return frame, problems


def tidy_chunks(
    path: Path,
    *,
    catalogue: Catalogue,
    source: str | None = None,
    published_on: dt.date | None = None,
    sheet: str | None = None,
    allow_future: bool = False,
    today: dt.date | None = None,
    max_problems: int = 50,
    chunk_rows: int | None = None,
    in_file_duplicates: bool = True,
) -> Iterator[TidyChunk]:
    """Parse and check a tidy file chunk by chunk (streaming); problems come with the chunk they are found in.

    After ``max_problems`` problems the rest of the file is not read. The caller writes nothing unless no chunk
    had a problem (all-or-nothing). ``in_file_duplicates=False`` leaves the check for a second value of one key
    and publication date to the caller (the store does it set-wise: memory stays bounded).
    """
    name = str(path)
    chunk_rows = chunk_rows or CHUNK_ROWS
    today = today or dt.date.today()
    table = read_cells(path, name, sheet)
    cols, problems = _header(name, table.header, table.header_line, source)
    width = len(table.header)
    written = {key: table.header[i].strip() for key, i in cols.items()}
    named = f"{path.name} (sha256 {file_checksum(path)[:12]})"
    if published_on and published_on > today and not allow_future:
        problems.append(Problem(name, None, "published_on", _future(published_on, today)))

    def cell(cells: list[str], key: str) -> str:
        i = cols.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def empty() -> dict[str, list[object]]:
        keys = ("_row", "indicator", "area", "period", "period_start", "period_end", "disaggregation", "value")
        return {k: [] for k in (*keys, "unit", "source_text", "published_on", "comment")}

    def source_rows(texts: set[str]) -> list[dict[str, Any]]:
        return [
            {
                "id": source_id_for(text),
                "publisher": text,
                "title": text,
                "url_or_document": text if text.startswith(("http://", "https://")) else named,
                "retrieved_on": today,
                "licence": None,
                "note": f"given with import of {named}",
            }
            for text in sorted(texts)
        ]

    if not in_file_duplicates and not problems and table.header_line == 1:
        try:
            staged = 0
            for out in columnar_rows(
                path,
                cols=cols,
                width=width,
                source=source,
                published_on=published_on,
                allow_future=allow_future,
                today=today,
            ):
                frame, checked = _frame(out, catalogue, name)
                if checked:
                    raise NotColumnar
                staged += len(frame)
                yield TidyChunk(frame, source_rows({str(t) for t in set(out["source_text"])}), [])
            if not staged:
                raise NotColumnar  # the row reader says "no data rows"
            return
        except NotColumnar:
            yield TidyChunk(pd.DataFrame(), [], [], restart=True)
    out = empty()
    total = found = 0
    seen: dict[int, tuple[int, float]] = {}  # hash of (indicator, area, period, disaggregation, publication)
    for line, cells in table.rows:
        if found + len(problems) >= max_problems:
            break
        if len(cells) > width:
            extra = "a trailing comma?" if all(not c.strip() for c in cells[width:]) else "an unquoted comma?"
            problems.append(Problem(name, line, None, f"{len(cells)} fields but the header has {width} ({extra})"))
            continue
        ind, area = cell(cells, "indicator"), cell(cells, "area")
        try:
            period = parse_period(cell(cells, "period"))
        except ValueError as exc:
            problems.append(Problem(name, line, written["period"], str(exc)))
            period = None
        try:
            value: float | None = parse_number(cell(cells, "value"))
        except ValueError as exc:
            problems.append(Problem(name, line, written["value"], str(exc)))
            value = None
        pub = published_on
        if cell(cells, "published_on"):
            try:
                pub = parse_date(cell(cells, "published_on"))
                if pub > today and not allow_future:
                    problems.append(Problem(name, line, written["published_on"], _future(pub, today)))
            except ValueError as exc:
                problems.append(Problem(name, line, written["published_on"], str(exc)))
        src_text = cell(cells, "source") or (source or "")
        if "source" in cols and not src_text:
            problems.append(Problem(name, line, written["source"], "empty source and no --source given"))
        disagg = cell(cells, "disaggregation")
        if period is None or value is None:
            continue
        key = hash((ind, area, period.label, disagg, pub)) if in_file_duplicates else 0
        if in_file_duplicates and key in seen:
            first, first_value = seen[key]
            problems.append(
                Problem(
                    name,
                    line,
                    written["value"],
                    f"second value {value:g} for the same indicator, area, period and publication date as "
                    f"row {first} ({first_value:g})",
                )
            )
            continue
        if in_file_duplicates:
            seen[key] = (line, value)
        total += 1
        for k, v in (
            ("_row", line),
            ("indicator", ind),
            ("area", area),
            ("period", period.label),
            ("period_start", period.start),
            ("period_end", period.end),
            ("disaggregation", disagg),
            ("value", value),
            ("unit", cell(cells, "unit") or None),
            ("source_text", src_text),
            ("published_on", pub or today),
            ("comment", cell(cells, "note") or None),
        ):
            out[k].append(v)
        if len(out["_row"]) >= chunk_rows:
            frame, checked = _frame(out, catalogue, name)
            found += len(checked)
            texts = {str(t) for t in out["source_text"]}
            yield TidyChunk(frame, source_rows(texts), sorted_problems(problems + checked))
            problems, out = [], empty()
    frame, checked = _frame(out, catalogue, name)
    if not total and not problems and not found:
        problems.append(Problem(name, None, None, "no data rows"))
    yield TidyChunk(frame, source_rows({str(t) for t in out["source_text"]}), sorted_problems(problems + checked))


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in line order (those of the whole file first)."""
    return sorted(problems, key=lambda p: p.row or 0)


def read_tidy(
    path: Path,
    *,
    catalogue: Catalogue,
    source: str | None = None,
    published_on: dt.date | None = None,
    sheet: str | None = None,
    allow_future: bool = False,
    today: dt.date | None = None,
    max_problems: int = 50,
) -> ObservationBatch:
    """Validate a tidy file completely and return it as one batch; raise ImportRejected listing problems."""
    frames, sources, problems = [], {}, []
    for chunk in tidy_chunks(
        path,
        catalogue=catalogue,
        source=source,
        published_on=published_on,
        sheet=sheet,
        allow_future=allow_future,
        today=today,
        max_problems=max_problems,
    ):
        frames.append(chunk.frame)
        sources.update({s["id"]: s for s in chunk.sources})
        problems.extend(chunk.problems)
    if problems:
        raise ImportRejected(problems[:max_problems])
    frame = pd.concat(frames).drop(columns=["source_text"])
    options = import_options(source, published_on, sheet, allow_future)
    named = f"{path.name} (sha256 {file_checksum(path)[:12]})"
    return ObservationBatch("tidy", named, content_key(path, options), frame, list(sources.values()))


def import_options(
    source: str | None, published_on: dt.date | None, sheet: str | None, allow_future: bool
) -> dict[str, object]:
    """The options that, with the file's bytes, identify an import."""
    return {"source": source, "published_on": published_on, "sheet": sheet, "allow_future": allow_future}


def _future(day: dt.date, today: dt.date) -> str:
    return f"publication date {day.isoformat()} is after today ({today.isoformat()}); use --allow-future to record it"
