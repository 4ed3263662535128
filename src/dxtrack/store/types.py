"""Column types shared by the tables: instants are stored and read as timezone-aware UTC on every backend."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


def as_utc(value: dt.datetime) -> dt.datetime:
    """``value`` in UTC; a naive value is taken to be UTC already (dxtrack never writes local times)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A ``timestamptz`` column that always hands back an aware UTC datetime.

    SQLite has no time zone type: the value is stored as UTC without offset and given its offset back on reading.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if not isinstance(value, dt.datetime):
            return value
        utc = as_utc(value)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return as_utc(value) if isinstance(value, dt.datetime) else value
