"""Reference data beside the observations: when editions were released and which body succeeded which."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import asdict
from pathlib import Path

from dxtrack.ingest.reference import InstitutionChange, Release, read_institutions, read_release_calendar
from dxtrack.store import Engine
from dxtrack.store import repository as repo


def load_reference_tables(engine: Engine, data_dir: Path) -> dict[str, int]:
    """Read and validate both files first, then replace both tables in one transaction."""
    releases = [asdict(r) for r in read_release_calendar(data_dir)]
    changes = [asdict(c) for c in read_institutions(data_dir)]
    return repo.replace_reference_tables(engine, releases, changes)


def release_calendar(engine: Engine) -> list[Release]:
    return [Release(**r) for r in repo.release_rows(engine)]


def institution_changes(engine: Engine) -> list[InstitutionChange]:
    return [InstitutionChange(**r) for r in repo.institution_change_rows(engine)]


def successor(engine: Engine, name_vi: str, on: dt.date) -> InstitutionChange | None:
    """The change by which the body named ``name_vi`` (as in a 2019 or 2024 text) had been replaced by ``on``."""
    wanted = _key(name_vi)
    for change in institution_changes(engine):
        if change.effective_on <= on and wanted in {_key(n) for n in change.names_from()}:
            return change
    return None


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()
