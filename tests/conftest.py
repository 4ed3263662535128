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
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import dxtrack.present.errors  # noqa: F401  (installs the error catalogue's wording for errors raised by services)

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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "nq52: pins Resolution 52's real-data numbers, so it runs on the vn-nq52 pack only"
    )


def _bundled_packs() -> list[str]:
    from dxtrack.catalog.loader import available_packs

    return available_packs()


@pytest.fixture(scope="session")
def loaded_dbs(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], str]:
    """``get(pack_id)``: an SQLite database with the areas, that bundled content pack and all bundled real data.

    Each pack's database is built once per session, on first use (about 10 s each), and shared read-only.
    """
    built: dict[str, str] = {}

    def get(pack_id: str) -> str:
        if pack_id not in built:
            from dxtrack.catalog import load_pack
            from dxtrack.services import store as svc

            url = f"sqlite:///{tmp_path_factory.mktemp(f'loaded-{pack_id}') / 'dxtrack.db'}"
            engine = svc.open_store(url)
            svc.load_areas(engine, data_dir)
            svc.load_content_pack(engine, load_pack(pack_id))
            svc.load_bundled_data(engine, data_dir)
            engine.dispose()
            built[pack_id] = url
        return built[pack_id]

    return get


@pytest.fixture(scope="session")
def loaded_db_url(loaded_dbs: Callable[[str], str]) -> str:
    """The default pack's (vn-nq52) loaded database (read-only use)."""
    return loaded_dbs("vn-nq52")


@pytest.fixture(scope="session", params=_bundled_packs())
def pack_id(request: pytest.FixtureRequest) -> str:
    """Each bundled content pack in turn (``vn-nq52``, ``vn-nq57``): the behavioural tests run on every strategy,
    the way ``db_url`` runs the store's tests on every database."""
    return str(request.param)


@pytest.fixture(scope="session")
def pack_db_url(loaded_dbs: Callable[[str], str], pack_id: str) -> str:
    """The loaded database of the pack ``pack_id`` (read-only use)."""
    return loaded_dbs(pack_id)
