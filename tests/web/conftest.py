"""Web fixtures: one real uvicorn server per content pack and test session, on that pack's loaded database.

Each server runs in a subprocess on a free port of 127.0.0.1 (real HTTP, like production); tests talk to it
with httpx, schemathesis and Playwright. ``server``/``client`` serve the default pack (vn-nq52, the tests that
pin its real numbers); ``pack_server``/``pack_client`` serve each bundled pack in turn (``pack_id``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from dxtrack.web.launch import free_port, start_server

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "out" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Debian's Chromium at /usr/bin/chromium (Playwright)")


@pytest.fixture(scope="session")
def web_db(loaded_db_url: str) -> str:
    """The default pack's loaded database (the one the ``server`` serves)."""
    return loaded_db_url


@pytest.fixture(scope="session")
def servers(
    loaded_dbs: Callable[[str], str], data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], str]]:
    """``get(pack_id)``: the base URL of a running dxtrack server for that pack, started on first use on a private
    copy of the pack's loaded database (CLI tests that store assessment runs in the shared one do not reach it)."""
    running: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}

    def get(pack_id: str) -> str:
        if pack_id not in running:
            port = free_port()
            copy = tmp_path_factory.mktemp(f"web-{pack_id}") / "dxtrack.db"
            shutil.copy(loaded_dbs(pack_id).removeprefix("sqlite:///"), copy)
            proc = start_server(f"sqlite:///{copy}", port, data_dir=data_dir, pack=pack_id)
            base = f"http://127.0.0.1:{port}"
            running[pack_id] = (base, proc)
            httpx.get(f"{base}/", timeout=120)  # warm the assessment cache
        return running[pack_id][0]

    yield get
    for _, proc in running.values():
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if proc.stderr:
            proc.stderr.close()


@pytest.fixture(scope="session")
def server(servers: Callable[[str], str]) -> str:
    """Base URL of a running dxtrack server on the default pack (vn-nq52)."""
    return servers("vn-nq52")


@pytest.fixture(scope="session")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as c:
        yield c


@pytest.fixture(scope="session")
def pack_server(servers: Callable[[str], str], pack_id: str) -> str:
    """Base URL of a running dxtrack server on the pack ``pack_id``."""
    return servers(pack_id)


@pytest.fixture(scope="session")
def pack_client(pack_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=pack_server, timeout=60) as c:
        yield c


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One real Chromium (Debian's, through Playwright) for every browser test of the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
