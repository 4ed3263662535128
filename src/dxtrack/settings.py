"""Instance settings from the environment (DXTRACK_*) with defaults that work from a fresh clone."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dxtrack.errors import DxtrackError

REPO_ROOT = Path(__file__).resolve().parents[2]


def default_db_url() -> str:
    """``DXTRACK_DB`` or an SQLite file ``var/dxtrack.db`` under the current directory."""
    return os.environ.get("DXTRACK_DB") or f"sqlite:///{Path.cwd() / 'var' / 'dxtrack.db'}"


def data_dir(explicit: str | Path | None = None) -> Path:
    """The bundled real data: explicit path, ``DXTRACK_DATA_DIR``, or ``../shared/data`` beside the repo."""
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    elif os.environ.get("DXTRACK_DATA_DIR"):
        candidates.append(Path(os.environ["DXTRACK_DATA_DIR"]))
    else:
        candidates += [Path.cwd().parent / "shared" / "data", REPO_ROOT.parent / "shared" / "data"]
    for path in candidates:
        if (path / "SOURCES.md").exists() or (path / "sources.csv").exists():
            return path.resolve()
    tried = ", ".join(str(p) for p in candidates)
    raise DxtrackError(f"data folder not found (tried {tried}); set DXTRACK_DATA_DIR to the shared data folder")


@dataclass(frozen=True)
class Settings:
    db_url: str

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        return cls(db_url=db_url or default_db_url())
