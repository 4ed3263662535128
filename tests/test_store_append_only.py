"""Observations are append-only: a revision's ``supersedes`` is decided before its insert, never UPDATEd after."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import event

from dxtrack.services import store as svc
from dxtrack.store import repository as repo
from tests.test_store import engine, write  # noqa: F401  (the fixture on SQLite and PostgreSQL)


def _statements(engine) -> list[str]:  # noqa: F811
    seen: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()))

    return seen


def test_revisions_are_linked_without_any_update(engine, tmp_path: Path) -> None:  # noqa: F811
    seen = _statements(engine)
    first = write(tmp_path, "a.csv", "indicator,area,period,value\nX_SHARE,VNM,2022,10\nX_SHARE,THA,2022,20\n")
    # one file holding two later vintages of the same key, plus a late-arriving older vintage
    second = write(
        tmp_path,
        "b.csv",
        "indicator,area,period,value,published_on\n"
        "X_SHARE,VNM,2022,12,2025-03-01\n"
        "X_SHARE,VNM,2022,11,2024-03-01\n"
        "X_SHARE,VNM,2022,9,2022-06-01\n",
    )
    svc.import_file(engine, first, source="first", published_on=dt.date(2023, 1, 1))
    svc.import_file(engine, second, source="second")
    with engine.connect() as conn:
        history = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"], history=True)
    rows = zip(history["value"], history["id"], history["supersedes"], strict=True)
    by_value = {float(v): (int(i), s) for v, i, s in rows}
    # 9 (2022-06-01) is older than every stored vintage: it revises nothing
    assert str(by_value[9.0][1]) in ("nan", "None")
    # 10 (2023-01-01) was the first record; it keeps its original (empty) link
    assert str(by_value[10.0][1]) in ("nan", "None")
    # 11 (2024-03-01) revises 10, 12 (2025-03-01) revises 11 — decided before each insert
    assert int(by_value[11.0][1]) == by_value[10.0][0]
    assert int(by_value[12.0][1]) == by_value[11.0][0]
    changes = re.compile(r"^(UPDATE|DELETE FROM)\s+\"?observation\b", re.IGNORECASE)
    assert any(s.upper().startswith("INSERT INTO OBSERVATION") for s in seen)
    assert [s for s in seen if changes.match(s)] == []
