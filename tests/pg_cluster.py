"""A PostgreSQL server of the test's own, which the test may crash: ``initdb`` in a temporary folder, start,
``kill -9`` of the postmaster and every backend (a crash, not a shutdown), and restart with crash recovery on the
same port, so URLs stay valid.

``fsync=off`` as for the suite's server: a killed server process leaves its writes in the operating system's
cache, so crash recovery sees exactly what a real crash of the server (not of the machine) leaves."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    """One throwaway server; ``url`` is its base URL (add ``/dbname``)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="dxtrack-pgkill-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.prefix, str(self.bindir / tool), *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=120 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-w", "-l", str(self.root / "log"), "start")

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])

    def kill9(self) -> None:
        """SIGKILL the postmaster and all its children at once, and wait until they are gone."""
        pid = self.postmaster_pid()
        family = [pid, *self._children(pid)]
        for p in family:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{p}").exists() and not self._zombie(p) for p in family):
            if time.monotonic() > deadline:
                raise RuntimeError("postgres processes survived SIGKILL")
            time.sleep(0.02)

    @staticmethod
    def _children(pid: int) -> list[int]:
        out = []
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(stat.split("/")[2]))
        return out

    @staticmethod
    def _zombie(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
        except OSError:
            return True

    def restart(self) -> None:
        """Start again after a crash: the server recovers from its write-ahead log. The dead postmaster's lock
        file goes first (a killed process may linger as a zombie when nothing reaps it, and its PID would look
        alive to the new postmaster); so do the socket's."""
        (self.data / "postmaster.pid").unlink(missing_ok=True)
        for lock in self.root.glob(".s.PGSQL.*"):  # the socket and its lock file name the dead PID too
            lock.unlink(missing_ok=True)
        self.start()

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of ``template``, a database nobody is connected to, when given; copied as files
        after a checkpoint, so crash recovery does not replay the copy from the write-ahead log)."""
        import psycopg

        conninfo = self.url.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
        with psycopg.connect(conninfo, autocommit=True) as conn:
            copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return f"{self.url}/{name}"
