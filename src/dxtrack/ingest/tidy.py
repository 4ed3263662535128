"""Tidy CSV / Excel import: ``indicator,area,period,value`` plus optional
``unit,source,published_on,note,disaggregation`` columns. All-or-nothing: any bad row rejects the file."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd

from dxtrack.domain.period import parse_period
from dxtrack.ingest.batch import (
    ImportRejected,
    ObservationBatch,
    Problem,
    file_sha256,
    parse_date,
    source_id_for,
)

REQUIRED = ("indicator", "area", "period", "value")
OPTIONAL = ("unit", "source", "published_on", "note", "disaggregation")


def read_table(path: Path, sheet: str | None = None) -> pd.DataFrame:
    """Read a CSV or Excel file as text cells; raise ImportRejected when unreadable."""
    if not path.exists():
        raise ImportRejected([Problem(str(path), None, None, "file not found")])
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            return pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False)
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([Problem(str(path), None, None, "not UTF-8 text; save the CSV as UTF-8")]) from None
    except Exception as exc:
        raise ImportRejected([Problem(str(path), None, None, f"cannot read table: {exc}")]) from None


def read_tidy(
    path: Path,
    *,
    known_indicators: set[str],
    known_areas: set[str],
    source: str | None = None,
    published_on: dt.date | None = None,
    sheet: str | None = None,
    max_problems: int = 50,
) -> ObservationBatch:
    """Validate a tidy file completely and return it as a batch; raise ImportRejected listing problems."""
    name = str(path)
    table = read_table(path, sheet)
    table.columns = [str(c).strip().lower() for c in table.columns]
    problems: list[Problem] = []
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ImportRejected(
            [
                Problem(name, 1, c, "required column missing; the header must have indicator,area,period,value")
                for c in missing
            ]
        )
    unknown_cols = [c for c in table.columns if c not in REQUIRED + OPTIONAL]
    for col in unknown_cols:
        problems.append(Problem(name, 1, col, f"unknown column; allowed: {', '.join(REQUIRED + OPTIONAL)}"))
    if "source" not in table.columns and not source:
        problems.append(Problem(name, 1, "source", "no source column and no --source given; every value needs one"))

    rows = []
    seen: dict[tuple[str, str, str, str, dt.date | None], int] = {}
    for i, rec in enumerate(table.to_dict("records")):
        row_no = i + 2
        ind = str(rec["indicator"]).strip()
        area = str(rec["area"]).strip()
        if ind not in known_indicators:
            problems.append(Problem(name, row_no, "indicator", f"unknown indicator '{ind}'"))
        if area not in known_areas:
            problems.append(Problem(name, row_no, "area", f"unknown area '{area}'"))
        try:
            period = parse_period(rec["period"])
        except ValueError as exc:
            problems.append(Problem(name, row_no, "period", str(exc)))
            period = None
        raw_value = str(rec["value"]).strip().replace("\u00a0", "")
        try:
            value = float(raw_value)
            if not math.isfinite(value):
                raise ValueError
        except ValueError:
            problems.append(
                Problem(name, row_no, "value", f"'{rec['value']}' is not a number (use . as decimal point)")
            )
            value = None
        pub = published_on
        if "published_on" in table.columns and str(rec["published_on"]).strip():
            try:
                pub = parse_date(rec["published_on"])
            except ValueError as exc:
                problems.append(Problem(name, row_no, "published_on", str(exc)))
        src_text = str(rec.get("source", "") or "").strip() or (source or "")
        if "source" in table.columns and not src_text:
            problems.append(Problem(name, row_no, "source", "empty source and no --source given"))
        disagg = str(rec.get("disaggregation", "") or "").strip()
        if period is not None:
            key = (ind, area, period.label, disagg, pub)
            if key in seen:
                problems.append(
                    Problem(name, row_no, "period", f"duplicate of row {seen[key]} (same indicator, area and period)")
                )
            else:
                seen[key] = row_no
        if period is not None and value is not None:
            rows.append(
                {
                    "indicator": ind,
                    "area": area,
                    "period": period.label,
                    "period_start": period.start,
                    "period_end": period.end,
                    "disaggregation": disagg,
                    "value": value,
                    "unit": str(rec.get("unit", "") or "").strip() or None,
                    "source_text": src_text,
                    "status": "published",
                    "published_on": pub or dt.date.today(),
                    "comment": str(rec.get("note", "") or "").strip() or None,
                }
            )
        if len(problems) >= max_problems:
            break
    if table.empty:
        problems.append(Problem(name, None, None, "no data rows"))
    if problems:
        raise ImportRejected(problems)
    frame = pd.DataFrame(rows)
    sources = []
    for text in sorted(set(frame["source_text"])):
        sources.append(
            {
                "id": source_id_for(text),
                "publisher": text,
                "title": text,
                "url_or_document": text if text.startswith(("http://", "https://")) else name,
                "retrieved_on": dt.date.today(),
                "licence": None,
                "note": f"given with import of {path.name}",
            }
        )
    frame["source_id"] = [source_id_for(t) for t in frame["source_text"]]
    frame = frame.drop(columns=["source_text"])
    extra = f"{source}|{published_on}"
    return ObservationBatch("tidy", name, file_sha256(path, extra), frame, sources)
