"""Reference data beside the observations: when editions were released and which body succeeded which."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import Engine

from dxtrack.ingest.reference import InstitutionChange, Release, read_institutions, read_release_calendar
from dxtrack.store import repository as repo
from dxtrack.store import schema


def load_reference_tables(engine: Engine, data_dir: Path) -> dict[str, int]:
    """Read and validate both files first, then replace both tables in one transaction."""
    releases = [asdict(r) for r in read_release_calendar(data_dir)]
    changes = [asdict(c) for c in read_institutions(data_dir)]
    with engine.begin() as conn:
        return {
            "releases": repo.replace_rows(conn, schema.release, releases),
            "institution_changes": repo.replace_rows(conn, schema.institution_change, changes),
        }


def release_calendar(engine: Engine) -> list[Release]:
    with engine.connect() as conn:
        rows = repo.reference_rows(conn, schema.release, ["released_on", "series"])
    return [Release(**r) for r in rows]


def institution_changes(engine: Engine) -> list[InstitutionChange]:
    with engine.connect() as conn:
        rows = repo.reference_rows(conn, schema.institution_change, ["effective_on", "id"])
    return [InstitutionChange(**r) for r in rows]


def successor(engine: Engine, name_vi: str, on: dt.date) -> InstitutionChange | None:
    """The change by which the body named ``name_vi`` (as in a 2019 or 2024 text) had been replaced by ``on``."""
    wanted = _key(name_vi)
    for change in institution_changes(engine):
        if change.effective_on <= on and wanted in {_key(n) for n in change.names_from()}:
            return change
    return None


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()
