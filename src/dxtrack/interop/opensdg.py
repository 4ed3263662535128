"""Read an Open SDG data folder and compute open-sdg progress for every indicator.

Layout: ``data/indicator_<id>.csv`` (``Year``, optional disaggregation / ``Units`` / ``Series`` /
``Progress`` columns, ``Value``) and metadata in ``meta/<id>.yml`` (or ``.yaml``, or ``.md`` with
YAML front matter) or ``indicator-config/<id>.yml``. Files may start with a UTF-8 byte order mark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dxtrack.analysis.opensdg import IndicatorProgress, OpenSdgDataError
from dxtrack.errors import InputError
from dxtrack.interop.opensdg_table import indicator_progress

META_FOLDERS = ("meta", "indicator-config")
META_SUFFIXES = (".yml", ".yaml", ".md")


def _sort_key(indicator_id: str) -> tuple[Any, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[-.]", indicator_id))


def read_meta(path: Path) -> dict[str, Any]:
    """YAML metadata (a BOM is accepted; Markdown files use their front matter)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".md":
        m = re.match(r"^---\s*\n(.*?)\n---\s*(\n|$)", text, re.S)
        text = m.group(1) if m else ""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"invalid YAML ({getattr(exc, 'problem', exc)})",
            file=str(path),
            row=None if mark is None else mark.line + 1,
        ) from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InputError("metadata must be a mapping of keys to values", file=str(path))
    return loaded


def read_data(path: Path) -> pd.DataFrame:
    """One indicator's CSV; checks the ``Year`` and ``Value`` columns and that years and values parse."""
    try:
        df = pd.read_csv(path, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"malformed CSV ({str(exc).strip()})", file=str(path)) from exc
    for col in ("Year", "Value"):
        if col not in df.columns:
            raise InputError(f"missing column '{col}' (columns: {', '.join(map(str, df.columns))})", file=str(path))
    years = df["Year"].astype(str).str.slice(0, 4)
    bad = ~years.str.fullmatch(r"\d{4}")
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(f"year {df['Year'].iloc[i]!r} is not a year", file=str(path), row=i + 2, column="Year")
    values = pd.to_numeric(df["Value"], errors="coerce")
    bad = values.isna() & df["Value"].notna()
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(f"value {df['Value'].iloc[i]!r} is not a number", file=str(path), row=i + 2, column="Value")
    df["Value"] = values
    if "Progress" in df.columns:
        prog = pd.to_numeric(df["Progress"], errors="coerce")
        bad = prog.isna() & df["Progress"].notna()
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(
                f"value {df['Progress'].iloc[i]!r} is not a number", file=str(path), row=i + 2, column="Progress"
            )
        df["Progress"] = prog
    return df


def find_files(folder: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """Data and metadata files by indicator id."""
    if not folder.is_dir():
        raise InputError("Open SDG folder not found", file=str(folder))
    data_dir = folder / "data"
    data = {p.stem.removeprefix("indicator_"): p for p in sorted(data_dir.glob("indicator_*.csv"))}
    meta: dict[str, Path] = {}
    for sub in META_FOLDERS:
        for p in sorted((folder / sub).glob("*")):
            if p.suffix in META_SUFFIXES and p.stem not in meta:
                meta[p.stem] = p
    if not data and not meta:
        raise InputError("no data/indicator_*.csv and no meta/*.yml or indicator-config/*.yml files", file=str(folder))
    return data, meta


def progress_for_folder(folder: str | Path) -> list[IndicatorProgress]:
    """Open-sdg progress for every indicator in an Open SDG folder, sorted by indicator id."""
    root = Path(folder)
    data_files, meta_files = find_files(root)
    out: list[IndicatorProgress] = []
    for ind in sorted(set(data_files) | set(meta_files), key=_sort_key):
        meta: Mapping[str, Any] = read_meta(meta_files[ind]) if ind in meta_files else {}
        data = read_data(data_files[ind]) if ind in data_files else None
        try:
            out.append(indicator_progress(ind, data, meta))
        except OpenSdgDataError as exc:
            raise InputError(str(exc), file=str(data_files.get(ind, root))) from exc
        except (ValueError, TypeError, KeyError) as exc:
            where = data_files.get(ind) or meta_files.get(ind) or root
            raise InputError(f"cannot compute progress ({exc})", file=str(where)) from exc
    return out
