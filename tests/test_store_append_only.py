"""Observations are append-only: a revision's ``supersedes`` is decided before its insert, never UPDATEd after."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
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


def test_a_file_streams_in_chunks_all_or_nothing(engine, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    """Chunks of 2 rows: revisions across chunks link up; a bad row in a late chunk rejects the whole file."""
    import dxtrack.ingest.tidy as tidy
    from dxtrack.ingest.batch import ImportRejected

    monkeypatch.setattr(tidy, "CHUNK_ROWS", 2)
    good = write(
        tmp_path,
        "good.csv",
        "indicator,area,period,value,published_on\n"
        "X_SHARE,VNM,2020,1,2021-01-01\nX_SHARE,VNM,2021,2,2022-01-01\n"
        "X_SHARE,THA,2020,3,2021-01-01\nX_SHARE,VNM,2020,4,2023-01-01\n"
        "X_SHARE,VNM,2020,5,2024-01-01\n",
    )
    assert svc.import_file(engine, good, source="s") == (5, 0)
    with engine.connect() as conn:
        history = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"], history=True)
    chain = history[history["period"] == "2020"].sort_values("published_on")
    ids, links = chain["id"].astype(int).tolist(), chain["supersedes"].tolist()
    assert str(links[0]) in ("nan", "None") and [int(x) for x in links[1:]] == ids[:-1]
    body = "".join(f"X_SHARE,THA,{y},1\n" for y in (2031, 2032, 2033, 2034)) + "\nX_SHARE,THA,2035,x\n"
    bad = write(tmp_path, "bad.csv", "indicator,area,period,value\n" + body)
    with pytest.raises(ImportRejected) as info:
        svc.import_file(engine, bad, source="s", published_on=dt.date(2024, 1, 1))
    assert (info.value.problems[0].row, info.value.problems[0].column) == (7, "value")
    with engine.connect() as conn:
        assert len(repo.observations(conn, indicators=["X_SHARE"], history=True)) == 5


def test_texts_staged_once_per_chunk_are_stored_exactly(engine, tmp_path: Path) -> None:  # noqa: F811
    """A column holding one text throughout a chunk is staged once (as a literal on SQLite): quotes, a question
    mark, a percent sign and Vietnamese letters come back exactly, beside a column that varies row by row."""
    note = "Bộ TT&TT's \"sơ kết\" ? 100% ; --"
    good = write(
        tmp_path,
        "quoted.csv",
        "indicator,area,period,value,note,source\n"
        f'X_SHARE,VNM,2020,1,"{note.replace(chr(34), chr(34) * 2)}",O\'Brien; DROP\n'
        f'X_SHARE,THA,2020,2,"{note.replace(chr(34), chr(34) * 2)}",O\'Brien; DROP\n'
        f'X_SHARE,VNM,2021,3,"{note.replace(chr(34), chr(34) * 2)}",O\'Brien; DROP\n',
    )
    assert svc.import_file(engine, good, published_on=dt.date(2024, 1, 1)) == (3, 0)
    with engine.connect() as conn:
        stored = repo.observations(conn, indicators=["X_SHARE"], history=True).sort_values("value")
    assert stored["comment"].tolist() == [note, note, note]
    assert stored["area"].tolist() == ["VNM", "THA", "VNM"]
    assert stored["period"].tolist() == ["2020", "2020", "2021"]
    with engine.connect() as conn:
        publishers = {p for (p,) in conn.exec_driver_sql("SELECT publisher FROM source")}
    assert "O'Brien; DROP" in publishers


def test_a_file_failing_mid_stream_leaves_the_connection_usable(engine, tmp_path: Path, monkeypatch) -> None:  # noqa: F811
    """Chunks of 100 rows (on PostgreSQL one COPY stays open across them): a byte that is not UTF-8 on line 1002,
    read after chunks were staged, ends the stream with an error naming the line; nothing is stored, and the next
    imports on the same store work."""
    import dxtrack.ingest.tidy as tidy
    from dxtrack.ingest.batch import ImportRejected

    monkeypatch.setattr(tidy, "CHUNK_ROWS", 100)
    head = "indicator,area,period,value,disaggregation\n" + "".join(f"X_SHARE,THA,2031,1,d{i}\n" for i in range(1000))
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(head.encode() + "X_SHARE,THA,2035,1,Lào Cai\n".encode("latin-1"))
    with pytest.raises(ImportRejected) as info:
        svc.import_file(engine, bad, source="s", published_on=dt.date(2024, 1, 1))
    assert info.value.problems[0].row == 1002
    with engine.connect() as conn:
        assert len(repo.observations(conn, indicators=["X_SHARE"], history=True)) == 0
    for first in (2040, 2043, 2046):  # the pool's connections, one after the other
        rows = "".join(f"X_SHARE,THA,{year},1\n" for year in range(first, first + 3))
        good = write(tmp_path, f"good{first}.csv", "indicator,area,period,value\n" + rows)
        assert svc.import_file(engine, good, source="s", published_on=dt.date(2024, 1, 1)) == (3, 0)
    with engine.connect() as conn:
        assert len(repo.observations(conn, indicators=["X_SHARE"], history=True)) == 9
