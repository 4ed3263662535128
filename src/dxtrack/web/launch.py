"""Start the web app in a uvicorn subprocess on 127.0.0.1 and wait until it answers (tests, benchmarks)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import httpx


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    db_url: str,
    port: int,
    *,
    data_dir: Path | None = None,
    pack: str | None = None,
    workers: int = 1,
    timeout: float = 60.0,
    env: Mapping[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """``uvicorn dxtrack.web.app:create_app --factory`` on 127.0.0.1:port; returns once ``/healthz`` answers.

    ``pack``: the content pack (bundled id or folder) the app serves; default ``DXTRACK_PACK``, else vn-nq52.
    ``env``: more environment variables for the server (e.g. ``DXTRACK_WEB_*`` limits).
    """
    env = {**os.environ, **(env or {}), "DXTRACK_DB": db_url, "PYTHONWARNINGS": "ignore"}
    if data_dir is not None:
        env["DXTRACK_DATA_DIR"] = str(data_dir)
    if pack is not None:
        env["DXTRACK_PACK"] = pack
    cmd = [sys.executable, "-m", "uvicorn", "dxtrack.web.app:create_app", "--factory", "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    cmd += ["--timeout-graceful-shutdown", "5"]  # requests still waiting for a computation do not hold a stop
    # the server's messages go to a file, not a pipe: a pipe nobody reads would stall a busy server
    log = tempfile.NamedTemporaryFile(prefix="dxtrack-server-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.close()
            raise RuntimeError(f"server exited: {Path(log.name).read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start within {timeout:.0f} s")
