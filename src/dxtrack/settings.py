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
