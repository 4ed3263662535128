"""Shared fixtures: the real data (packaged snapshot), and databases — SQLite files and a real PostgreSQL server.

PostgreSQL: ``DXTRACK_TEST_PG_URL`` (a server CI starts) or, when PostgreSQL's binaries are installed, a
throwaway server this suite starts itself in a temporary folder. Without either, PostgreSQL tests skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real data: the snapshot shipped in the package, or ``DXTRACK_DATA_DIR`` when set."""
    from dxtrack.settings import data_dir as configured

    return configured()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Base URL of a PostgreSQL server (without database name)."""
    given = os.environ.get("DXTRACK_TEST_PG_URL")
    if given:
        yield given.rsplit("/", 1)[0]
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL: set DXTRACK_TEST_PG_URL or install postgresql")
    root = Path(tempfile.mkdtemp(prefix="dxtrack-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = root / "data"
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-l", str(root / "log"), "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


def _new_pg_database(base: str) -> str:
    import psycopg

    name = f"dxtrack_test_{uuid.uuid4().hex[:12]}"
    conninfo = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dxtrack.db'}"
    return _new_pg_database(request.getfixturevalue("pg_server"))


@pytest.fixture(scope="session")
def new_pg_database(pg_server: str):
    """A factory of fresh PostgreSQL databases on the test server."""
    return lambda: _new_pg_database(pg_server)


@pytest.fixture(scope="session")
def loaded_db_url(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite database with the areas, the bundled content pack and all bundled real data (read-only use)."""
    from dxtrack.catalog import load_pack
    from dxtrack.services import store as svc

    url = f"sqlite:///{tmp_path_factory.mktemp('loaded') / 'dxtrack.db'}"
    engine = svc.open_store(url)
    svc.load_areas(engine, data_dir)
    svc.load_content_pack(engine, load_pack())
    svc.load_bundled_data(engine, data_dir)
    engine.dispose()
    return url
