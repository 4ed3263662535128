"""Shared set-up of the reporting-loop tests: a store with organisations and the vn-nq57 registry, and a cast."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.services import accounts
from dxtrack.services.store import load_areas, load_content_pack, open_store
from dxtrack.settings import data_dir
from dxtrack.store import Engine

PASSWORD = "correct horse battery"
MINISTRY = "MOST"  # monitors Annex I indicators and leads CP.1 in vn-nq57
PROVINCE = "VN34_01"


def prepare(engine: Engine) -> None:
    """Organisations, the vn-nq57 indicator registry, and one user per duty."""
    load_areas(engine, data_dir())
    load_content_pack(engine, load_pack("vn-nq57"))
    people = {
        "coord": ("CENTRAL", ["coordinator"]),
        "coord2": ("CENTRAL", ["coordinator"]),
        "sub-most": (MINISTRY, ["submitter"]),
        "appr-most": (MINISTRY, ["approver"]),
        "both-most": (MINISTRY, ["submitter", "approver"]),
        "sub-mof": ("MOF", ["submitter"]),
        "appr-mof": ("MOF", ["approver"]),
    }
    for name, (org, roles) in people.items():
        accounts.create_user(engine, name, org_id=org, roles=roles, password=PASSWORD)


def cli_store(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A prepared store that the CLI opens too (``DXTRACK_DB``), with no user named by ``DXTRACK_USER``."""
    monkeypatch.setenv("DXTRACK_DB", db_url)
    monkeypatch.delenv("DXTRACK_USER", raising=False)
    engine = open_store(db_url)
    prepare(engine)
    return engine


def dx(*args: str) -> tuple[int, str]:
    """Run ``dxtrack ARGS`` in process: (exit code, output and, on failure, the exception's text)."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output + (str(result.exception) if result.exit_code else "")
