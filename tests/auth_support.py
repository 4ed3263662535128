"""Shared set-up of the account tests: organisations in a fresh store, one user per role, their API tokens."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dxtrack.domain.accounts import ROLES
from dxtrack.services import accounts
from dxtrack.services.store import load_areas, open_store
from dxtrack.settings import data_dir
from dxtrack.store import Engine
from dxtrack.web.launch import free_port, start_server

A = "VN34_01"  # two provinces of the 34 (Hà Nội, Đà Nẵng)
B = "VN34_48"
PASSWORD = "correct horse battery"
MILESTONE = "R52.2030.digital_government"  # a vn-nq52 target judged by evidence


def load_orgs(engine: Engine) -> None:
    """The areas and organisations of the data snapshot (central unit, ministries, provinces)."""
    load_areas(engine, data_dir())


@dataclass(frozen=True)
class Cast:
    """One user per role over province A (``tokens[role]``), plus an assessor of province B."""

    tokens: dict[str, str]
    assessor_b: str


def cast(engine: Engine) -> Cast:
    tokens = {}
    for role in ROLES:
        accounts.create_user(engine, f"u-{role}", org_id=A, roles=[role], password=PASSWORD, display_name=f"U {role}")
        tokens[role] = accounts.create_token(engine, f"u-{role}", days=5).secret
    accounts.create_user(engine, "assessor-b", org_id=B, roles=["assessor"], password=PASSWORD)
    return Cast(tokens, accounts.create_token(engine, "assessor-b", days=5).secret)


@contextmanager
def auth_server(loaded_db_url: str, folder: Path, data: Path, **env: str) -> Iterator[tuple[str, Cast]]:
    """A real uvicorn server on a copy of the loaded vn-nq52 database with :func:`cast`'s users; (base URL, cast).

    ``env``: extra settings for the server (e.g. ``DXTRACK_REQUIRE_LOGIN="1"``).
    """
    copy = folder / "dxtrack.db"
    shutil.copy(loaded_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    engine = open_store(url)
    people = cast(engine)
    engine.dispose()
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        port = free_port()
        proc = start_server(url, port, data_dir=data, pack="vn-nq52")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        yield f"http://127.0.0.1:{port}", people
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
