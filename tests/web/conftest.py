"""Web fixtures: one loaded SQLite database and one real uvicorn server per test session.

The server runs in a subprocess on a free port of 127.0.0.1 (real HTTP, like production); tests talk to it
with httpx, schemathesis and Playwright.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dxtrack.web.launch import free_port, start_server

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "out" / "screenshots"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Debian's Chromium at /usr/bin/chromium (Playwright)")


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


@pytest.fixture(scope="session")
def server(web_db: str, data_dir: Path) -> Iterator[str]:
    """Base URL of a running dxtrack server on the loaded database."""
    port = free_port()
    proc = start_server(web_db, port, data_dir=data_dir)
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
