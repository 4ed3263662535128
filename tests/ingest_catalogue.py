"""A small stored catalogue for import tests: indicators with bounds, value types and a unit conversion, and
areas with validity dates. Used by the bad-input corpus and the concurrency tests, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dxtrack.store import repository as repo
from dxtrack.store import schema


def _indicator(code: str, unit: str, bounds: list[float] | None = None, **extra: Any) -> dict[str, Any]:
    definition = {"vi": code, "en": code, "sources": [], "bounds": bounds, **extra}
    return {
        "code": code,
        "name_vi": code,
        "name_en": code,
        "unit": unit,
        "direction": "higher_better",
        "aggregation": {"kind": "mean"},
        "definition": definition,
        "pack_id": "test",
    }


INDICATORS = [
    _indicator("X_SHARE", "%", [0, 100]),
    _indicator("Y_COUNT", "count", value_type="count"),
    _indicator("E_INDEX", "index 0-1", [0, 1]),
    _indicator("R_RANK", "rank (1=best)", value_type="rank"),
    _indicator("P_POP", "persons", value_type="count", unit_conversions={"million persons": 1_000_000}),
    _indicator("G_GROWTH", "annual %"),
]
AREAS = [  # every row with the same keys (one executemany)
    {
        "code": "VNM",
        "name_vi": "Việt Nam",
        "name_en": "Viet Nam",
        "level": "country",
        "valid_from": None,
        "valid_to": None,
    },
    {
        "code": "THA",
        "name_vi": "Thái Lan",
        "name_en": "Thailand",
        "level": "country",
        "valid_from": None,
        "valid_to": None,
    },
    {
        "code": "OLD63",
        "name_vi": "Tỉnh cũ",
        "name_en": "Old province",
        "level": "province",
        "valid_from": None,
        "valid_to": dt.date(2025, 6, 30),
    },
    {
        "code": "NEW34",
        "name_vi": "Tỉnh mới",
        "name_en": "New province",
        "level": "province",
        "valid_from": dt.date(2025, 7, 1),
        "valid_to": None,
    },
]


def install(engine: Any) -> None:
    """Store the test catalogue (indicators and areas) in a migrated database."""
    with engine.begin() as conn:
        repo.upsert(conn, schema.indicator, "code", INDICATORS)
        repo.upsert(conn, schema.area, "code", AREAS)
