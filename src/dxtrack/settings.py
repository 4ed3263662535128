"""Instance settings from the environment (DXTRACK_*) with defaults that work from a fresh clone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dxtrack.errors import DxtrackError


def default_db_url() -> str:
    """``DXTRACK_DB`` or an SQLite file ``var/dxtrack.db`` under the current directory."""
    return os.environ.get("DXTRACK_DB") or f"sqlite:///{Path.cwd() / 'var' / 'dxtrack.db'}"


def packaged_data_dir() -> Path:
    """The dated data snapshot shipped inside the package (``dxtrack/resources/data``)."""
    return Path(__file__).resolve().with_name("resources") / "data"


def data_dir(explicit: str | Path | None = None) -> Path:
    """The real data: an explicit folder, else ``DXTRACK_DATA_DIR``, else the snapshot shipped in the package."""
    if explicit:
        path, origin = Path(explicit), "given"
    elif os.environ.get("DXTRACK_DATA_DIR"):
        path, origin = Path(os.environ["DXTRACK_DATA_DIR"]), "DXTRACK_DATA_DIR"
    else:
        path, origin = packaged_data_dir(), "the packaged snapshot"
    if not (path / "sources.csv").is_file():
        raise DxtrackError(f"data folder {path} (from {origin}) has no sources.csv; expected a dxtrack data drop")
    return path.resolve()


def env_flag(name: str) -> bool:
    """A yes/no setting from the environment (1, true, yes, on)."""
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


MAX_FILE_MB = 20
"""Default size limit of an evidence file (``DXTRACK_MAX_FILE_MB``)."""


@dataclass(frozen=True)
class FileSettings:
    """Where evidence files are stored and what is accepted: ``DXTRACK_FILES_DIR`` (default ``var/files`` under the
    current directory), ``DXTRACK_MAX_FILE_MB`` (default 20), ``DXTRACK_AV_COMMAND`` (a virus scanner run with the
    file's path appended, e.g. ``clamdscan --no-summary``: exit 0 clean, 1 infected; unset: files are recorded
    as not scanned)."""

    folder: Path
    max_bytes: int
    av_command: str | None = None

    @classmethod
    def from_env(cls) -> FileSettings:
        raw = os.environ.get("DXTRACK_MAX_FILE_MB", "").strip() or str(MAX_FILE_MB)
        try:
            mb = float(raw)
        except ValueError:
            mb = -1.0
        if not mb > 0:
            raise ValueError(f"DXTRACK_MAX_FILE_MB '{raw}' is not a positive number of megabytes")
        folder = os.environ.get("DXTRACK_FILES_DIR", "").strip()
        return cls(
            folder=Path(folder) if folder else Path.cwd() / "var" / "files",
            max_bytes=int(mb * 1024 * 1024),
            av_command=os.environ.get("DXTRACK_AV_COMMAND", "").strip() or None,
        )


@dataclass(frozen=True)
class Settings:
    db_url: str
    require_login: bool = False  # DXTRACK_REQUIRE_LOGIN: every page and API call needs a signed-in user
    secure_cookies: bool = False  # DXTRACK_SECURE_COOKIES: cookies only over HTTPS (behind a TLS proxy)

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        return cls(
            db_url=db_url or default_db_url(),
            require_login=env_flag("DXTRACK_REQUIRE_LOGIN"),
            secure_cookies=env_flag("DXTRACK_SECURE_COOKIES"),
        )
