"""The audit hash chain: appends, content hashes, and (on PostgreSQL) tables that refuse UPDATE and DELETE."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.services import records
from dxtrack.services import store as svc
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.store import audit, runs, schema

runner = CliRunner()


def test_content_hash_is_canonical_json() -> None:
    row = {"b": 2.5, "a": "Hà Nội", "d": dt.date(2025, 7, 1), "n": None}
    expected = '{"a":"Hà Nội","b":2.5,"d":"2025-07-01"}'
    assert audit.canonical(row) == expected
    assert audit.content_hash(row) == hashlib.sha256(expected.encode()).hexdigest()
    # Key order does not matter; an instant is written in UTC whatever its offset.
    plus7 = dt.datetime(2025, 7, 1, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert audit.canonical([{"t": plus7}]) == '[{"t":"2025-07-01T07:00:00+00:00"}]'


def test_append_event_chains_hashes(db_url: str) -> None:
    engine = open_store(db_url)
    with engine.begin() as conn:
        first = audit.append_event(
            conn, actor="system", action="load", entity="x", entity_id="1", before=None, after="a" * 64
        )
        second = audit.append_event(
            conn, actor="lan", action="add", entity="x", entity_id="1", before="a" * 64, after=None, detail={"k": 1}
        )
    assert (first, second) == (1, 2)
    with engine.connect() as conn:
        events = list(audit.events(conn))
    assert events[0]["prev_hash"] == audit.GENESIS
    assert events[1]["prev_hash"] == events[0]["hash"]
    assert events[1]["detail"] == {"k": 1}
    assert events[1]["at"].tzinfo is not None and events[1]["at"].utcoffset() == dt.timedelta(0)
    for event in events:
        assert audit.event_hash(event, event["prev_hash"]) == event["hash"]
    engine.dispose()


@pytest.mark.pg
def test_postgresql_refuses_update_and_delete(new_pg_database) -> None:  # type: ignore[no-untyped-def]
    engine = open_store(new_pg_database())
    with engine.begin() as conn:
        audit.append_event(conn, actor="system", action="load", entity="x", entity_id="1", before=None, after=None)
    for statement in (
        "UPDATE audit_event SET actor = 'mallory'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
    ):
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT actor FROM audit_event")).scalar() == "system"
    engine.dispose()


# --- every write is audited; verify finds what was changed behind dxtrack's back ---------------------------------


@pytest.fixture
def written(db_url: str, data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A database after each kind of write: areas and organisations, a pack, an import, evidence, a note, a run."""
    engine = open_store(db_url)
    svc.load_areas(engine, data_dir)
    svc.load_content_pack(engine, load_pack("vn-nq52"))
    tidy = tmp_path / "de.csv"
    tidy.write_text("indicator,area,period,value\nDE_SHARE_GDP,VNM,2023,30\nDE_SHARE_GDP,VNM,2024,31\n", "utf-8")
    svc.import_file(engine, tidy, source="test release", published_on=dt.date(2025, 6, 30), recorded_by="lan")
    pack = load_pack("vn-nq52")
    target = pack.targets[0].id
    records.add_evidence(
        engine,
        pack,
        target_id=target,
        date=dt.date(2025, 1, 1),
        text="seen",
        assessor="An",
        judgement="target_achieved",
    )
    records.add_note(engine, section="causes", text="một ghi chú", author="Bình", date=dt.date(2025, 1, 2))
    runs.record_run(
        engine, as_of=dt.date(2025, 1, 1), catalogue_hash="c" * 64, data_hash="d" * 64, method_version="t", results=[]
    )
    yield engine
    engine.dispose()


def _events(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return list(audit.events(conn))


def _event_of(engine: Engine, entity: str, entity_id: str | None = None) -> dict[str, object]:
    return next(e for e in _events(engine) if e["entity"] == entity and entity_id in (None, e["entity_id"]))


def _tamper(engine: Engine, *statements: str) -> None:
    """Run SQL directly, as someone with the database's password would (on PostgreSQL: with the triggers off)."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            conn.execute(text(statement))


def test_every_write_appends_an_event_and_verify_passes(written: Engine) -> None:
    events = _events(written)
    kinds = [(e["actor"], e["action"], e["entity"]) for e in events]
    assert ("system", "load", "table") in kinds  # areas, organisations, indicators …
    assert ("lan", "import", "import_batch") in kinds
    assert kinds[-3:] == [
        ("An", "add", "evidence"),
        ("Bình", "add", "analyst_note"),
        ("system", "assess", "assessment_run"),
    ]
    tables = {e["entity_id"] for e in events if e["entity"] == "table"}
    assert {"area", "area_succession", "organisation", "indicator", "content_pack"} <= tables
    report = verify(written)
    assert report.ok, report.problems
    assert report.events == len(events) and report.head == events[-1]["hash"]
    # The import's event covers the batch row and its two observations in id order, as stored.
    batch = _event_of(
        written, "import_batch", str(max(int(e["entity_id"]) for e in events if e["entity"] == "import_batch"))
    )
    with written.connect() as conn:
        rows = audit.record_rows(conn, "import_batch", str(batch["entity_id"]))
    assert rows is not None and [r.get("value") for r in rows[1:]] == [30.0, 31.0]
    assert batch["detail"]["hash_form"] == "obs-csv-1"
    assert batch["after_hash"] == _obs_csv_1(rows)


def _obs_csv_1(rows: list[dict[str, object]]) -> str:
    """The documented form obs-csv-1, written out by hand: the batch row's canonical JSON, the column names, then
    one CSV line per observation (value first, whole values like 30.0 as 30; text quoted; null empty)."""

    def field(name: str, value: object) -> str:
        if value is None:
            return ""
        if name in ("id", "supersedes", "batch_id"):
            return str(value)
        if name == "value":
            assert isinstance(value, float) and value.is_integer()
            return str(int(value))
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        return '"' + str(value).replace('"', '""') + '"'

    lines = [audit.canonical(rows[0]), ",".join(audit.BATCH_COLUMNS)]
    lines += [",".join(field(c, obs[c]) for c in audit.BATCH_COLUMNS) for obs in rows[1:]]
    return hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()


def test_loading_again_appends_no_event_for_unchanged_tables(written: Engine, data_dir: Path) -> None:
    before = len(_events(written))
    svc.load_areas(written, data_dir)
    assert len(_events(written)) == before
    assert verify(written).ok


def _first(engine: Engine) -> dict[str, object]:
    report = verify(engine)
    assert not report.ok
    return report.problems[0].to_dict()


def test_changed_observation_is_named_by_its_batch(written: Engine) -> None:
    batch = _event_of(written, "import_batch")  # the pack's figures
    last = [e for e in _events(written) if e["entity"] == "import_batch"][-1]
    _tamper(written, f"UPDATE observation SET value = 29 WHERE batch_id = {last['entity_id']} AND period = '2023'")
    assert _first(written) == {
        "kind": "record_changed",
        "event": last["id"],
        "entity": "import_batch",
        "entity_id": last["entity_id"],
    }
    assert batch["id"] != last["id"]


def test_reordered_observations_are_detected(written: Engine) -> None:
    last = [e for e in _events(written) if e["entity"] == "import_batch"][-1]
    # Swap the two rows' periods: same set of values, another order.
    _tamper(
        written,
        f"UPDATE observation SET period = CASE period WHEN '2023' THEN '2024' ELSE '2023' END "
        f"WHERE batch_id = {last['entity_id']}",
    )
    assert _first(written)["kind"] == "record_changed"


def test_removed_evidence_is_detected(written: Engine) -> None:
    event = _event_of(written, "evidence")
    _tamper(written, f"DELETE FROM evidence WHERE id = {event['entity_id']}")
    assert _first(written) == {
        "kind": "record_removed",
        "event": event["id"],
        "entity": "evidence",
        "entity_id": event["entity_id"],
    }


def test_changed_event_is_named(written: Engine) -> None:
    _tamper(written, "UPDATE audit_event SET actor = 'mallory' WHERE id = 3")
    assert _first(written) == {
        "kind": "event_changed",
        "event": 3,
        "entity": "table",
        "entity_id": _events(written)[2]["entity_id"],
    }


def test_removed_event_breaks_the_chain(written: Engine) -> None:
    _tamper(written, "DELETE FROM audit_event WHERE id = 4")
    problems = [p.to_dict() for p in verify(written).problems]
    assert problems[0] == {"kind": "event_missing", "event": 4, "entity": None, "entity_id": None}
    assert problems[1]["kind"] == "chain_broken" and problems[1]["event"] == 5


def test_reordered_events_are_detected(written: Engine) -> None:
    # Swap events 2 and 3 (their ids): each is now out of place in the chain.
    _tamper(
        written,
        "UPDATE audit_event SET id = -2 WHERE id = 2",
        "UPDATE audit_event SET id = 2 WHERE id = 3",
        "UPDATE audit_event SET id = 3 WHERE id = -2",
    )
    assert _first(written)["event"] == 2 and _first(written)["kind"] == "event_changed"


def test_removed_last_event_leaves_its_record_unaudited(written: Engine) -> None:
    last = _events(written)[-1]
    _tamper(written, f"DELETE FROM audit_event WHERE id = {last['id']}")
    assert _first(written) == {
        "kind": "record_unaudited",
        "event": None,
        "entity": "assessment_run",
        "entity_id": last["entity_id"],
    }


def test_row_written_outside_dxtrack_is_unaudited(written: Engine) -> None:
    _tamper(
        written,
        "INSERT INTO analyst_note (section, lang, text, author, date, recorded_at) "
        "VALUES ('causes', 'vi', 'x', 'mallory', '2025-01-01', '2025-01-01 00:00:00')",
    )
    first = _first(written)
    assert (first["kind"], first["entity"]) == ("record_unaudited", "analyst_note")


def test_changed_reference_table_is_detected(written: Engine) -> None:
    _tamper(written, "UPDATE organisation SET successor_id = 'MOIT' WHERE id = 'MIC'")
    event = [e for e in _events(written) if e["entity_id"] == "organisation"][-1]
    assert _first(written) == {
        "kind": "record_changed",
        "event": event["id"],
        "entity": "table",
        "entity_id": "organisation",
    }


@pytest.mark.pg
def test_postgresql_refuses_changes_to_every_append_only_table(new_pg_database, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine = open_store(new_pg_database())
    svc.load_areas(engine, data_dir)
    svc.load_content_pack(engine, load_pack("vn-nq52"))
    records.add_note(engine, section="causes", text="x", author="An", date=dt.date(2025, 1, 2))
    runs.record_run(
        engine, as_of=dt.date(2025, 1, 1), catalogue_hash="c" * 64, data_hash="d" * 64, method_version="t", results=[]
    )
    pack = load_pack("vn-nq52")
    records.add_evidence(
        engine,
        pack,
        target_id=pack.targets[0].id,
        date=dt.date(2025, 1, 1),
        text="t",
        assessor="An",
        judgement="target_achieved",
    )
    for table in ("audit_event", "observation", "evidence", "analyst_note", "assessment_run"):
        for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
            with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
    assert verify(engine).ok
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE evidence DISABLE TRIGGER evidence_append_only"))
    assert _first(engine) == {"kind": "guard_missing", "event": None, "entity": "table", "entity_id": "evidence"}
    engine.dispose()


def test_cli_audit_verify(written: Engine) -> None:
    url = written.url.render_as_string(hide_password=False)
    ok = runner.invoke(app, ["--db", url, "audit", "verify", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["ok"] is True
    _tamper(written, "UPDATE audit_event SET actor = 'mallory' WHERE id = 2")
    bad = runner.invoke(app, ["--db", url, "audit", "verify"])
    assert bad.exit_code == 1
    assert bad.output.splitlines()[0].startswith("sự kiện 2 (table ") and "event 2 (table " in bad.output


def test_recorded_at_is_aware_utc_when_read_and_serialised(written: Engine) -> None:
    from dxtrack.services.frames import records as frame_records
    from dxtrack.store.repository import read_observations
    from dxtrack.web.api.v1.common import observation_out

    notes = records.notes(written)
    assert notes[-1]["recorded_at"].utcoffset() == dt.timedelta(0)
    row = frame_records(read_observations(written, indicators=["DE_SHARE_GDP"], areas=["VNM"]))[-1]
    text_ = json.loads(observation_out(row).model_dump_json())["recorded_at"]
    stamp = dt.datetime.fromisoformat(text_)
    assert stamp.utcoffset() == dt.timedelta(0) and text_.endswith(("Z", "+00:00"))
    assert abs(dt.datetime.now(dt.UTC) - stamp) < dt.timedelta(minutes=10)


def test_upgrading_a_database_with_records_adopts_them(db_url: str) -> None:
    from alembic import command

    from dxtrack.store.engine import alembic_config, make_engine

    engine = make_engine(db_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004_ingest")
        conn.execute(
            text(
                "INSERT INTO evidence (target_id, date, text, assessor, judgement, recorded_at) "
                "VALUES ('T1', '2025-01-01', 'before the audit trail', 'An', 'target_achieved', '2025-01-01 00:00:00')"
            )
        )
    engine.dispose()
    engine = open_store(db_url)
    events = _events(engine)
    assert [(e["actor"], e["action"], e["entity"], e["entity_id"]) for e in events] == [
        ("system", "adopt", "evidence", "1")
    ]
    assert verify(engine).ok
    _tamper(engine, "UPDATE evidence SET text = 'changed'")
    assert _first(engine)["kind"] == "record_changed"
    engine.dispose()


def test_an_import_event_of_the_json_form_is_still_verified(db_url: str, tmp_path: Path) -> None:
    """An event written before the form obs-csv-1 (no ``hash_form`` in its detail) is checked in the JSON form."""
    from tests.ingest_catalogue import install

    engine = open_store(db_url)
    install(engine)
    tidy = tmp_path / "x.csv"
    tidy.write_text('indicator,area,period,value,note\nX_SHARE,VNM,2023,30,"a ""quoted"", note"\n', "utf-8")
    svc.import_file(engine, tidy, source="GSO", published_on=dt.date(2024, 1, 1))
    batch = _event_of(engine, "import_batch")
    with engine.begin() as conn:  # as an older dxtrack wrote it: the JSON of the batch row and its observations
        rows = audit.record_rows(conn, "import_batch", str(batch["entity_id"]))
        assert rows is not None and rows[1]["comment"] == 'a "quoted", note'
        assert batch["after_hash"] == _obs_csv_1(rows)  # the quote doubled inside the quoted field
        audit.append_event(conn, actor="system", action="adopt", entity="import_batch",
                           entity_id=str(batch["entity_id"]), before=None, after=audit.content_hash(rows))  # fmt: skip
    assert verify(engine).ok
    _tamper(engine, "UPDATE observation SET comment = 'changed'")
    assert _first(engine)["kind"] == "record_changed"
    engine.dispose()


def _hand_made_batch(engine: Engine) -> None:
    """One batch of five rows written straight into the tables: values whose shortest text is tricky, a quote,
    a comma, a newline, a percent sign, non-ASCII text, nulls, and fields that change between rows."""
    s, obs = schema, schema.observation
    at = dt.datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC)
    common = {
        "indicator": "IND", "area": "A1", "period": "2023", "period_start": dt.date(2023, 1, 1),
        "period_end": dt.date(2023, 12, 31), "disaggregation": "", "unit": "%", "source_id": "src",
        "status": "published", "published_on": dt.date(2025, 6, 30), "recorded_at": at, "recorded_by": "lan",
        "supersedes": None, "batch_id": 1, "comment": None, "producer": 'WIPO "GII"', "edition": None,
        "released_on": dt.date(2025, 9, 16),
    }  # fmt: skip
    rows = [
        {**common, "id": 10, "value": 0.1},
        {**common, "id": 11, "value": 1e20, "unit": None, "recorded_by": None, "comment": 'a, "b"\nc'},
        {**common, "id": 12, "value": 1e-7, "area": "A2", "supersedes": 10, "disaggregation": "sex=f"},
        {**common, "id": 13, "value": 123456789012345680000.0, "producer": None, "edition": "GII 2025"},
        {**common, "id": 14, "value": 5e-324, "period": "2024", "disaggregation": "tỉnh=Hà Nội"},
    ]
    with engine.begin() as conn:
        conn.execute(s.source.insert().values(id="src", publisher="p", title="t"))
        for code in ("A1", "A2"):
            conn.execute(s.area.insert().values(code=code, name_vi=code, name_en=code, level="country"))
        conn.execute(
            s.indicator.insert().values(
                code="IND", name_vi="i", name_en="i", unit="%", direction="up", aggregation={"how": "none"}
            )
        )
        conn.execute(
            s.import_batch.insert().values(
                id=1, kind="import", file="hand.csv", sha256="ab" * 32, rows=5, recorded_at=at, recorded_by="lan"
            )
        )
        conn.execute(obs.insert(), rows)


# obs-csv-1 of the batch above, written out by hand from the form's documentation.
_HAND_MADE_TEXT = (
    '{"file":"hand.csv","id":1,"kind":"import","recorded_at":"2026-01-02T03:04:05.123456+00:00",'
    '"recorded_by":"lan","rows":5,"sha256":"' + "ab" * 32 + '"}\n'
    "value,id,indicator,area,period,period_start,period_end,disaggregation,unit,source_id,status,published_on,"
    "recorded_at,recorded_by,supersedes,batch_id,comment,producer,edition,released_on\n"
    '0.1,10,"IND","A1","2023","2023-01-01","2023-12-31","","%","src","published","2025-06-30",'
    '"2026-01-02 03:04:05.123456","lan",,1,,"WIPO ""GII""",,"2025-09-16"\n'
    '1e+20,11,"IND","A1","2023","2023-01-01","2023-12-31","",,"src","published","2025-06-30",'
    '"2026-01-02 03:04:05.123456",,,1,"a, ""b""\nc","WIPO ""GII""",,"2025-09-16"\n'
    '1e-7,12,"IND","A2","2023","2023-01-01","2023-12-31","sex=f","%","src","published","2025-06-30",'
    '"2026-01-02 03:04:05.123456","lan",10,1,,"WIPO ""GII""",,"2025-09-16"\n'
    '1.2345678901234568e+20,13,"IND","A1","2023","2023-01-01","2023-12-31","","%","src","published",'
    '"2025-06-30","2026-01-02 03:04:05.123456","lan",,1,,,"GII 2025","2025-09-16"\n'
    '5e-324,14,"IND","A1","2024","2023-01-01","2023-12-31","tỉnh=Hà Nội","%","src","published","2025-06-30",'
    '"2026-01-02 03:04:05.123456","lan",,1,,"WIPO ""GII""",,"2025-09-16"\n'
)


@pytest.mark.parametrize("block_rows", [2, 100_000])
def test_batch_hash_is_the_documented_text(db_url: str, monkeypatch: pytest.MonkeyPatch, block_rows: int) -> None:
    """The hash of form obs-csv-1 is SHA-256 of the text its docstring describes, row blocks of any size."""
    engine = open_store(db_url)
    _hand_made_batch(engine)
    monkeypatch.setattr(audit, "_HASH_ROWS", block_rows)
    expected = hashlib.sha256(_HAND_MADE_TEXT.encode()).hexdigest()
    with engine.connect() as conn:
        assert audit.batch_hash(conn, 1) == expected
        assert audit.batch_hash(conn, 2) is None
        monkeypatch.setattr(audit, "_iso_dates", lambda _conn: False)  # PostgreSQL: every date through to_char
        assert audit.batch_hash(conn, 1) == expected
    engine.dispose()
