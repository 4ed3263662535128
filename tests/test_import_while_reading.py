"""An import of 100,000 rows while a real HTTP server answers ``/api/v1/status`` and ``dxtrack assess`` runs, on
SQLite and PostgreSQL: no reader fails, and every reader sees either none or all of the batch."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from dxtrack.services import store as svc
from dxtrack.store import repository as repo
from dxtrack.store import schema
from dxtrack.web.launch import free_port, start_server

ROWS = 100_000
VOLUME = "ZZ_VOLUME"


def _volume_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("indicator,area,period,value,disaggregation\n")
        for i in range(ROWS):
            handle.write(f"{VOLUME},VNM,{1900 + i % 100},{i % 997},d{i // 100}\n")
    return path


def _add_volume_indicator(engine: object) -> None:
    row = {
        "code": VOLUME,
        "name_vi": "Chỉ số khối lượng",
        "name_en": "Volume",
        "unit": "count",
        "direction": "higher_better",
        "aggregation": {"kind": "sum"},
        "definition": {"vi": "", "en": "", "sources": [], "bounds": None, "value_type": "real"},
        "pack_id": "test",
    }
    with repo.transaction(engine) as conn:  # type: ignore[arg-type]
        repo.upsert(conn, schema.indicator, "code", [row])


def _dxtrack(url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DXTRACK_SQLITE_BUSY_TIMEOUT": "300", "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "dxtrack", "--db", url, *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_import_while_serve_and_assess_read(db_url: str, tmp_path: Path, data_dir: Path) -> None:
    engine = svc.open_store(db_url)
    svc.load_areas(engine, data_dir)
    svc.load_content_pack(engine)
    _add_volume_indicator(engine)
    path = _volume_file(tmp_path / "volume.csv")
    port = free_port()
    server = start_server(db_url, port, data_dir=data_dir)
    seen_counts: list[int] = []
    statuses: list[int] = []
    errors: list[str] = []
    done = threading.Event()

    def count_batch() -> None:  # a reader on its own connection, polling all through the import
        obs = schema.observation
        while not done.is_set():
            with engine.connect() as conn:
                seen_counts.append(int(conn.scalar(select(func.count()).where(obs.c.indicator == VOLUME)) or 0))
            time.sleep(0.05)

    def ask_status() -> None:  # the web server, over real HTTP
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            while not done.is_set():
                answer = client.get("/api/v1/status")
                statuses.append(answer.status_code)
                try:
                    answer.json()
                except ValueError as exc:
                    errors.append(f"status is not JSON: {exc}")

    readers = [threading.Thread(target=count_batch), threading.Thread(target=ask_status)]
    try:
        for reader in readers:
            reader.start()
        importing = _dxtrack(db_url, "import", str(path), "--source", "Volume", "--published-on", "2024-01-01")
        assessing = []
        while importing.poll() is None:  # an assessment after another while the import runs
            run = _dxtrack(db_url, "assess", "--format", "json")
            run.wait(timeout=600)
            assessing.append(run)
        out, err = importing.communicate(timeout=600)
        assessing.append(_dxtrack(db_url, "assess", "--format", "json"))  # and one after it
        for run in assessing:
            a_out, a_err = run.communicate(timeout=600)
            assert run.returncode == 0 and "Traceback" not in a_out + a_err, a_err[-2000:]
    finally:
        done.set()
        for reader in readers:
            reader.join(timeout=120)
        server.terminate()
        server.wait(timeout=30)
    assert importing.returncode == 0 and "Traceback" not in out + err, err[-2000:]
    assert f": {ROWS} observations written, 0 already known" in " ".join(out.split()), out
    assert not errors, errors[:3]
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    # Readers saw the batch whole or not at all, and saw it whole once it was committed.
    assert seen_counts and set(seen_counts) <= {0, ROWS}, sorted(set(seen_counts))[:5]
    assert seen_counts[-1] == ROWS
    assert len(assessing) >= 2
    engine.dispose()
