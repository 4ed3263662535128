"""Two writers at once, as separate processes on SQLite and PostgreSQL: the same file imported twice at the same
moment gives one set of rows (the other reports "already imported", exit 0); different files citing the same new
source both succeed; the same file on another day is still "already imported"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from dxtrack.services import store as svc
from dxtrack.store import schema
from tests.ingest_catalogue import install

ROWS = 3000


def _file(path: Path, first_year: int, areas: tuple[str, ...] = ("VNM", "THA")) -> Path:
    lines = ["indicator,area,period,value,disaggregation"]
    for i in range(ROWS):
        area = areas[i % len(areas)]
        lines.append(f"Y_COUNT,{area},{first_year + i % 100},{i},group {i // 100}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(url: str, path: Path, *extra: str) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "dxtrack", "--db", url, "import", str(path), "--source", "New source", *extra]
    env = {**os.environ, "DXTRACK_SQLITE_BUSY_TIMEOUT": "120"}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _finish(run: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = run.communicate(timeout=300)
    return run.returncode, out + err


def _counts(engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        count = lambda t: int(conn.scalar(select(func.count()).select_from(t)))  # noqa: E731
        return count(schema.observation), count(schema.import_key), count(schema.source)


def test_same_file_at_once_gives_one_set_of_rows(db_url: str, tmp_path: Path) -> None:
    engine = svc.open_store(db_url)
    install(engine)
    path = _file(tmp_path / "same.csv", 1970)
    runs = [_start(db_url, path, "--published-on", "2024-01-01") for _ in range(2)]
    outputs = [_finish(p) for p in runs]
    assert [code for code, _ in outputs] == [0, 0], outputs
    assert "Traceback" not in "".join(o for _, o in outputs)
    assert sum("observations written" in o for _, o in outputs) == 1, outputs
    assert sum("already imported" in o for _, o in outputs) == 1, outputs
    assert _counts(engine) == (ROWS, 1, 1)
    engine.dispose()


def test_different_files_with_one_new_source_both_succeed(db_url: str, tmp_path: Path) -> None:
    engine = svc.open_store(db_url)
    install(engine)
    first, second = _file(tmp_path / "a.csv", 1900), _file(tmp_path / "b.csv", 2000)
    runs = [_start(db_url, p, "--published-on", "2024-01-01") for p in (first, second)]
    outputs = [_finish(p) for p in runs]
    assert [code for code, _ in outputs] == [0, 0], outputs
    assert all("observations written" in o for _, o in outputs), outputs
    assert _counts(engine) == (2 * ROWS, 2, 1)
    engine.dispose()


def test_same_content_another_day_is_already_imported(db_url: str, tmp_path: Path) -> None:
    """Without --published-on the rows are dated today; the import's identity does not depend on the day."""
    engine = svc.open_store(db_url)
    install(engine)
    path = tmp_path / "today.csv"
    path.write_text("indicator,area,period,value\nY_COUNT,VNM,2024,5\n", encoding="utf-8")
    assert svc.import_file(engine, path, source="New source") == (1, 0)
    with engine.begin() as conn:  # pretend the first import happened long ago
        conn.execute(schema.import_batch.update().values(recorded_at=svc.repo.utcnow().replace(year=2020)))
    run = _start(db_url, path)
    code, output = _finish(run)
    assert code == 0 and "already imported" in output
    assert _counts(engine)[0] == 1
    engine.dispose()


def test_sqlite_waits_for_a_writer_then_says_busy_in_one_line(tmp_path: Path) -> None:
    """A writer holding SQLite: the import waits (busy timeout) and succeeds once it is released; held for longer
    than the timeout, the import fails with one line, exit 1, no traceback."""
    import sqlite3
    import threading
    import time

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    engine = svc.open_store(url)
    install(engine)
    path = tmp_path / "a.csv"
    path.write_text("indicator,area,period,value\nY_COUNT,VNM,2024,5\n", encoding="utf-8")
    hold = sqlite3.connect(tmp_path / "busy.db", isolation_level=None, check_same_thread=False)
    hold.execute("BEGIN IMMEDIATE")
    env = {**os.environ, "DXTRACK_SQLITE_BUSY_TIMEOUT": "1"}
    args = [sys.executable, "-m", "dxtrack", "--db", url, "import", str(path), "--source", "s"]
    busy = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert busy.returncode == 1
    assert busy.stderr.startswith("error: the database is busy: another writer held it for more than 1 s")
    assert "Traceback" not in busy.stderr and len(busy.stderr.strip().splitlines()) == 1
    threading.Thread(target=lambda: (time.sleep(2), hold.execute("COMMIT"))).start()
    waited = subprocess.run(args, capture_output=True, text=True, timeout=120)  # default timeout: 60 s
    assert waited.returncode == 0 and "1 observations written" in waited.stdout
    hold.close()
    assert _counts(engine)[0] == 1
    engine.dispose()
