"""Areas (countries, provinces) and the successions between them (the 2025 merger of 63 provinces into 34)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from dxtrack.store import schema


def area_rows(engine: Engine, level: str | None = None) -> list[dict[str, Any]]:
    """Every area (or those of one ``level``) as dicts, ordered by level then code."""
    a = schema.area
    query = select(a).order_by(a.c.level, a.c.code)
    if level:
        query = query.where(a.c.level == level)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def area_with_links(engine: Engine, code: str) -> dict[str, Any] | None:
    """One area with ``successors`` and ``predecessors`` (codes it was merged into / from), or None."""
    a, s = schema.area, schema.area_succession
    with engine.connect() as conn:
        row = conn.execute(select(a).where(a.c.code == code)).first()
        if row is None:
            return None
        out = dict(row._mapping)
        out["successors"] = [r.to_area for r in conn.execute(select(s.c.to_area).where(s.c.from_area == code))]
        out["predecessors"] = [r.from_area for r in conn.execute(select(s.c.from_area).where(s.c.to_area == code))]
    return out


def area_names(engine: Engine, codes: Sequence[str]) -> dict[str, tuple[str, str]]:
    """``{code: (name_vi, name_en)}`` of the stored areas among ``codes``."""
    a = schema.area
    wanted = set(codes)
    with engine.connect() as conn:
        rows = conn.execute(select(a.c.code, a.c.name_vi, a.c.name_en)).all()
    return {r.code: (r.name_vi, r.name_en) for r in rows if r.code in wanted}


def area_frame(engine: Engine) -> pd.DataFrame:
    """``code, name_vi, name_en, level`` of every stored area (unordered)."""
    a = schema.area
    with engine.connect() as conn:
        rows = conn.execute(select(a.c.code, a.c.name_vi, a.c.name_en, a.c.level)).all()
    return pd.DataFrame(rows, columns=["code", "name_vi", "name_en", "level"])


def succession_frame(engine: Engine) -> pd.DataFrame:
    """Every stored succession as ``from_area_id, to_area_id, share, effective_date``."""
    s = schema.area_succession
    with engine.connect() as conn:
        rows = conn.execute(select(s.c.from_area, s.c.to_area, s.c.share, s.c.effective_date)).all()
    return pd.DataFrame(rows, columns=["from_area_id", "to_area_id", "share", "effective_date"])


def add_new_successions(conn: Connection, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the successions whose (from, to) pair is not stored yet; returns how many were new."""
    s = schema.area_succession
    have = {(a, b) for a, b in conn.execute(select(s.c.from_area, s.c.to_area)).all()}
    fresh = [r for r in rows if (r["from_area"], r["to_area"]) not in have]
    if fresh:
        conn.execute(insert(s), fresh)
    return len(fresh)
