"""The observation store, on SQLite and on a real PostgreSQL server: append-only, bitemporal, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dxtrack.ingest.batch import AlreadyImported, ImportRejected
from dxtrack.services import store as svc
from dxtrack.store import repository as repo
from dxtrack.store import schema


@pytest.fixture
def engine(db_url: str):
    eng = _with_catalogue(svc.open_store(db_url))
    yield eng
    eng.dispose()


def _with_catalogue(eng):  # type: ignore[no-untyped-def]
    """The store with two indicators (X_SHARE in %, Y_COUNT a count) and two countries."""
    with eng.begin() as conn:
        repo.upsert(
            conn,
            schema.indicator,
            "code",
            [
                {
                    "code": "X_SHARE",
                    "name_vi": "Tỷ lệ X",
                    "name_en": "Share X",
                    "unit": "%",
                    "direction": "higher_better",
                    "aggregation": {"kind": "mean"},
                    "definition": None,
                    "pack_id": "test",
                },
                {
                    "code": "Y_COUNT",
                    "name_vi": "Số Y",
                    "name_en": "Count Y",
                    "unit": "count",
                    "direction": "higher_better",
                    "aggregation": {"kind": "sum"},
                    "definition": None,
                    "pack_id": "test",
                },
            ],
        )
        repo.upsert(
            conn,
            schema.area,
            "code",
            [
                {"code": "VNM", "name_vi": "Việt Nam", "name_en": "Viet Nam", "level": "country"},
                {"code": "THA", "name_vi": "Thái Lan", "name_en": "Thailand", "level": "country"},
            ],
        )
    return eng


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def count(engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.observation)))


def test_revision_and_as_of(engine, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "indicator,area,period,value\nX_SHARE,VNM,2022,12.63\nX_SHARE,THA,2022,20\n")
    second = write(tmp_path, "b.csv", "indicator,area,period,value\nX_SHARE,VNM,2022,12.83\n")
    assert svc.import_file(engine, first, source="GSO Q4-2023", published_on=dt.date(2023, 12, 31)) == (2, 0)
    assert svc.import_file(engine, second, source="GSO 6/1/2025", published_on=dt.date(2025, 1, 6)) == (1, 0)
    with engine.connect() as conn:
        between = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"], as_of=dt.date(2024, 6, 30))
        now = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"])
        before = repo.observations(conn, indicators=["X_SHARE"], as_of=dt.date(2023, 1, 1))
        history = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"], history=True)
    assert between["value"].tolist() == [12.63]
    assert between["source_title"].tolist() == ["GSO Q4-2023"]
    assert now["value"].tolist() == [12.83]
    assert before.empty
    assert history["value"].tolist() == [12.63, 12.83]
    # the revision points at the record it supersedes; the old record is untouched
    assert history["supersedes"].iloc[1] == history["id"].iloc[0]
    assert count(engine) == 3


def test_late_arriving_old_vintage_does_not_win(engine, tmp_path: Path) -> None:
    new = write(tmp_path, "new.csv", "indicator,area,period,value\nX_SHARE,VNM,2022,12.83\n")
    old = write(tmp_path, "old.csv", "indicator,area,period,value\nX_SHARE,VNM,2022,12.86\n")
    svc.import_file(engine, new, source="revised", published_on=dt.date(2025, 1, 6))
    svc.import_file(engine, old, source="pilot", published_on=dt.date(2023, 9, 14))
    with engine.connect() as conn:
        assert repo.observations(conn, indicators=["X_SHARE"])["value"].tolist() == [12.83]
        assert repo.observations(conn, indicators=["X_SHARE"], as_of=dt.date(2023, 10, 1))["value"].tolist() == [12.86]


def test_same_file_twice_writes_nothing_new(engine, tmp_path: Path) -> None:
    path = write(
        tmp_path, "a.csv", "indicator,area,period,value,source,published_on\nY_COUNT,VNM,2023,37,Kết luận,2024-06-30\n"
    )
    assert svc.import_file(engine, path) == (1, 0)
    with pytest.raises(AlreadyImported, match=r"a\.csv: already imported"):
        svc.import_file(engine, path)
    assert count(engine) == 1


def test_as_recorded_reproduces_what_dxtrack_showed(engine, tmp_path: Path) -> None:
    svc.import_file(
        engine,
        write(tmp_path, "a.csv", "indicator,area,period,value\nY_COUNT,VNM,2023,1\n"),
        source="s",
        published_on=dt.date(2020, 1, 1),
    )
    with engine.connect() as conn:
        stamp = conn.scalar(select(func.max(schema.observation.c.recorded_at)))
    svc.import_file(
        engine,
        write(tmp_path, "b.csv", "indicator,area,period,value\nY_COUNT,VNM,2023,2\n"),
        source="s",
        published_on=dt.date(2020, 1, 2),
    )
    with engine.connect() as conn:
        assert repo.observations(conn, indicators=["Y_COUNT"], as_recorded=stamp)["value"].tolist() == [1.0]
        assert repo.observations(conn, indicators=["Y_COUNT"])["value"].tolist() == [2.0]


@pytest.mark.parametrize(
    ("body", "row", "column", "words"),
    [
        ("X_SHARE,VNM,2022,abc\n", 3, "value", "not a number"),
        ("NOPE,VNM,2022,1\n", 3, "indicator", "unknown indicator 'NOPE'"),
        ("X_SHARE,ATLANTIS,2022,1\n", 3, "area", "unknown area 'ATLANTIS'"),
        ("X_SHARE,VNM,22,1\n", 3, "period", "not a period"),
        ("X_SHARE,VNM,2021,2\n", 3, "value", "for the same indicator, area, period and publication date as row 2"),
    ],
)
def test_bad_row_rejects_whole_file(engine, tmp_path: Path, body: str, row: int, column: str, words: str) -> None:
    path = write(tmp_path, "bad.csv", "indicator,area,period,value\nX_SHARE,VNM,2021,1\n" + body)
    with pytest.raises(ImportRejected) as info:
        svc.import_file(engine, path, source="s", published_on=dt.date(2024, 1, 1))
    problem = info.value.problems[0]
    assert (problem.file, problem.row, problem.column) == (str(path), row, column)
    assert words in problem.message
    assert count(engine) == 0


def test_missing_column_and_missing_source(engine, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as info:
        svc.import_file(engine, write(tmp_path, "a.csv", "indicator,area,value\nX_SHARE,VNM,1\n"), source="s")
    assert info.value.problems[0].column == "period"
    with pytest.raises(ImportRejected) as info:
        svc.import_file(engine, write(tmp_path, "b.csv", "indicator,area,period,value\nX_SHARE,VNM,2020,1\n"))
    assert "source" in str(info.value)
    assert count(engine) == 0


def test_excel_same_layout(engine, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["indicator", "area", "period", "value", "source", "published_on"])
    sheet.append(["X_SHARE", "VNM", 2023, 12.87, "GSO", "2025-01-06"])
    sheet.append(["X_SHARE", "VNM", "2020-2023", 12.62, "GSO", "2023-12-31"])
    path = tmp_path / "data.xlsx"
    book.save(path)
    assert svc.import_file(engine, path) == (2, 0)
    with engine.connect() as conn:
        got = repo.observations(conn, indicators=["X_SHARE"]).set_index("period")["value"].to_dict()
    assert got == {"2023": 12.87, "2020-2023": 12.62}


def test_series_come_back_in_chronological_period_order(engine, tmp_path: Path) -> None:
    rows = "".join(f"X_SHARE,VNM,{p},{v}\n" for p, v in [("2025-04", 4), ("2024", 3), ("2025-Q1", 2), ("2020-2024", 1)])
    first = write(tmp_path, "mixed.csv", "indicator,area,period,value\n" + rows)
    svc.import_file(engine, first, source="mixed periods", published_on=dt.date(2025, 5, 1))
    revised = write(tmp_path, "rev.csv", "indicator,area,period,value\nX_SHARE,VNM,2024,3.5\n")
    svc.import_file(engine, revised, source="revision", published_on=dt.date(2025, 6, 1))
    with engine.connect() as conn:
        latest = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"])
        history = repo.observations(conn, indicators=["X_SHARE"], areas=["VNM"], history=True)
    # by last day, the longer period first: 2020-2024 and 2024 both end on 31/12/2024
    assert latest["period"].tolist() == ["2020-2024", "2024", "2025-Q1", "2025-04"]
    assert latest["value"].tolist() == [1.0, 3.5, 2.0, 4.0]
    assert list(zip(history["period"], history["value"], strict=True)) == [
        ("2020-2024", 1.0),
        ("2024", 3.0),
        ("2024", 3.5),
        ("2025-Q1", 2.0),
        ("2025-04", 4.0),
    ]


def test_successions_are_stored_once_and_read_both_ways(engine) -> None:
    from dxtrack.store.areas import add_new_successions, area_names, area_with_links, succession_frame

    merged = [
        {"code": "VN63_A", "name_vi": "Tỉnh A", "name_en": "A Province", "level": "province"},
        {"code": "VN63_B", "name_vi": "Tỉnh B", "name_en": "B Province", "level": "province"},
        {"code": "VN34_C", "name_vi": "Tỉnh C", "name_en": "C Province", "level": "province"},
    ]
    day = dt.date(2025, 7, 1)
    links = [{"from_area": f"VN63_{x}", "to_area": "VN34_C", "effective_date": day, "share": 1.0} for x in "AB"]
    with repo.transaction(engine) as conn:
        assert repo.upsert_areas(conn, merged) == 3
        assert add_new_successions(conn, links) == 2
    with repo.transaction(engine) as conn:
        assert add_new_successions(conn, links) == 0  # loading the same file again adds nothing
    c = area_with_links(engine, "VN34_C")
    assert c is not None and c["name_vi"] == "Tỉnh C"
    assert sorted(c["predecessors"]) == ["VN63_A", "VN63_B"] and c["successors"] == []
    a = area_with_links(engine, "VN63_A")
    assert a is not None and a["successors"] == ["VN34_C"] and a["predecessors"] == []
    assert area_with_links(engine, "VN63_Z") is None
    assert sorted(succession_frame(engine)["from_area_id"]) == ["VN63_A", "VN63_B"]
    assert area_names(engine, ["VNM", "VN63_Z"]) == {"VNM": ("Việt Nam", "Viet Nam")}


def test_data_stamp_and_runs(engine, tmp_path: Path) -> None:
    from dxtrack.store.records import evidence_rows, insert_evidence
    from dxtrack.store.runs import latest_runs, record_run, run_by_id

    assert repo.latest_ids(engine) == (None, None)
    csv = write(tmp_path, "a.csv", "indicator,area,period,value\nX_SHARE,VNM,2022,12.63\nX_SHARE,THA,2022,20\n")
    svc.import_file(engine, csv, source="GSO", published_on=dt.date(2023, 12, 31))
    assert repo.latest_ids(engine) == (2, None)
    day = dt.date(2024, 5, 2)
    ev = insert_evidence(
        engine, target_id="T1", date=day, text="Đã ban hành", link=None, assessor="Nguyễn An", judgement="achieved"
    )
    assert ev == 1 and repo.latest_ids(engine) == (2, 1)
    assert [e["text"] for e in evidence_rows(engine, "T1", as_of=day)] == ["Đã ban hành"]
    assert evidence_rows(engine, "T1", as_of=day - dt.timedelta(days=1)) == []
    for digest in ("a" * 64, "b" * 64):
        record_run(engine, as_of=day, catalogue_hash="c" * 64, data_hash=digest, method_version="1", results=[])
    assert [r["data_hash"] for r in latest_runs(engine, limit=1)] == ["b" * 64]
    first = run_by_id(engine, 1)
    assert first is not None and first["data_hash"] == "a" * 64 and first["results"] == []
    assert run_by_id(engine, 3) is None


def test_a_document_is_published_by_its_own_issuer() -> None:
    """Figures quoted from a pack document are sourced to the body that issued it, not to a fixed publisher."""
    from dxtrack.catalog import load_pack

    nq57 = load_pack("vn-nq57")
    assert svc.document_source(nq57, "000")["publisher"] == "Bộ Chính trị"  # Resolution 57-NQ/TW
    assert svc.document_source(nq57, "001")["publisher"] == "Chính phủ"  # Resolution 03/NQ-CP
    assert svc.document_source(load_pack("vn-nq52"), "001")["publisher"] == "Bộ Chính trị"  # the Conclusion


def test_postgresql_statistics_follow_a_large_import(new_pg_database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An import growing ``observation`` by more than a tenth leaves the planner fresh statistics (else it reads a
    large new batch through the batch index, whole, for each block of the batch's audit hash); a small one does
    not pay for an ANALYZE."""
    eng = _with_catalogue(svc.open_store(new_pg_database()))

    def reltuples() -> float:
        with eng.connect() as conn:
            return float(conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'observation'").scalar())

    assert reltuples() < 0  # never analysed
    lines = [f"Y_COUNT,VNM,{1900 + i % 100},{i},d{i // 100}" for i in range(3000)]
    big = write(tmp_path, "big.csv", "indicator,area,period,value,disaggregation\n" + "\n".join(lines) + "\n")
    assert svc.import_file(eng, big, source="big", published_on=dt.date(2025, 1, 6)) == (3000, 0)
    assert reltuples() == 3000
    small = write(tmp_path, "small.csv", "indicator,area,period,value\n" + "".join(
        f"Y_COUNT,THA,{1900 + i},{i}\n" for i in range(200)))  # fmt: skip
    assert svc.import_file(eng, small, source="small", published_on=dt.date(2025, 1, 6)) == (200, 0)
    assert reltuples() == 3000  # 200 rows are under a tenth: no ANALYZE
    eng.dispose()


@pytest.mark.parametrize("pairs", ["one series", "two series"])
def test_a_batch_is_stored_in_key_order(engine, tmp_path: Path, pairs: str) -> None:
    """Within a batch ids follow the key (indicator, area, period, disaggregation), whatever the file's order —
    also when one (indicator, area) holds every row and the sort leaves those two columns out."""
    lines = [("X_SHARE", "VNM", "2021", "b", 1), ("X_SHARE", "VNM", "2020", "b", 2), ("X_SHARE", "VNM", "2021", "a", 3),
             ("X_SHARE", "VNM", "2020", "", 4)]  # fmt: skip
    if pairs == "two series":
        lines += [("X_SHARE", "THA", "2019", "", 5), ("Y_COUNT", "VNM", "2000", "", 6)]
    body = "".join(f"{i},{a},{p},{v},{d}\n" for i, a, p, d, v in lines)
    path = write(tmp_path, "scrambled.csv", "indicator,area,period,value,disaggregation\n" + body)
    svc.import_file(engine, path, source="s", published_on=dt.date(2024, 1, 1))
    obs = schema.observation.c
    with engine.connect() as conn:
        values = conn.scalars(select(obs.value).order_by(obs.id)).all()
    # THA < VNM and X_SHARE < Y_COUNT; within X_SHARE/VNM: 2020 "" < 2020 b < 2021 a < 2021 b
    assert values == ([5.0, 4.0, 2.0, 3.0, 1.0, 6.0] if pairs == "two series" else [4.0, 2.0, 3.0, 1.0])
