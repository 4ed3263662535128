"""Web fixtures: one loaded SQLite database and one real uvicorn server per test session.

The server runs in a subprocess on a free port of 127.0.0.1 (real HTTP, like production); tests talk to it
with httpx, schemathesis and Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "out" / "screenshots"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Debian's Chromium at /usr/bin/chromium (Playwright)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> str:
    """An SQLite database with the areas, the content pack and all bundled data (built once, ~20 s)."""
    from dxtrack.catalog import load_pack
    from dxtrack.services import store

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'dxtrack.db'}"
    engine = store.open_store(url, create=True)
    store.load_areas(engine, data_dir)
    store.load_content_pack(engine, load_pack())
    store.load_bundled_data(engine, data_dir)
    engine.dispose()
    return url


def start_server(db_url: str, data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """``uvicorn dxtrack.web.app:create_app --factory`` on 127.0.0.1:port (returns once it answers)."""
    env = {**os.environ, "DXTRACK_DB": db_url, "DXTRACK_DATA_DIR": str(data_dir), "PYTHONWARNINGS": "ignore"}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "dxtrack.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


@pytest.fixture(scope="session")
def server(web_db: str, data_dir: Path) -> Iterator[str]:
    """Base URL of a running dxtrack server on the loaded database."""
    port = free_port()
    proc = start_server(web_db, data_dir, port)
    base = f"http://127.0.0.1:{port}"
    httpx.get(f"{base}/", timeout=120)  # warm the assessment cache
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if proc.stderr:
            proc.stderr.close()


@pytest.fixture(scope="session")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c
