"""`dxtrack user …`, `dxtrack token create` and `evidence add|note add --as USER` on SQLite and PostgreSQL: the CLI
acts as a named, existing, enabled user with the right role, and every change is in the audit trail."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.services import accounts, records
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from dxtrack.store.audit import events
from tests.auth_support import MILESTONE, PASSWORD, A, B, load_orgs

runner = CliRunner()


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("DXTRACK_DB", db_url)
    monkeypatch.delenv("DXTRACK_USER", raising=False)
    engine = open_store(db_url)
    load_orgs(engine)
    return engine


def dx(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin, env=env)
    return result.exit_code, result.output + (str(result.exception) if result.exit_code else "")


def audit_trail(engine: Engine) -> list[tuple[str, str, str, str]]:
    """(actor, action, entity, entity id) of the audit events after the loading of the reference tables."""
    with engine.connect() as conn:
        return [(e["actor"], e["action"], e["entity"], e["entity_id"]) for e in events(conn) if e["entity"] != "table"]


def test_user_commands_and_token(engine: Engine) -> None:
    code, out = dx("user", "add", "lan", "--org", A, "--role", "assessor", "--role", "submitter",
                   "--display-name", "Nguyễn Thị Lan", "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, out
    code, out = dx("user", "list", "--format", "json")
    assert code == 0 and json.loads(out) == [
        {
            "name": "lan",
            "display_name": "Nguyễn Thị Lan",
            "org": A,
            "enabled": True,
            "roles": [{"role": "assessor", "org": A}, {"role": "submitter", "org": A}],
        }
    ]
    assert accounts.authenticate(engine, "lan", PASSWORD, client="cli").name == "lan"
    code, out = dx("token", "create", "lan", "--expires", "30")
    secret = out.strip().splitlines()[-1]
    assert code == 0 and secret.startswith("dxt_") and accounts.token_user(engine, secret).name == "lan"
    code, out = dx("user", "add", "bad", "--org", "NOWHERE", "--role", "viewer")
    assert code == 1 and "organisation 'NOWHERE' is not known" in out
    code, out = dx("user", "disable", "lan")
    assert code == 0 and not accounts.list_users(engine)[0].enabled
    with pytest.raises(Exception, match="token revoked"):
        accounts.token_user(engine, secret)
    assert audit_trail(engine) == [
        ("system", "user.create", "app_user", "lan"),
        ("system", "token.create", "api_token", "1"),
        ("system", "user.disable", "app_user", "lan"),
    ]
    assert verify(engine).ok


def test_evidence_and_notes_are_recorded_as_a_named_assessor(engine: Engine) -> None:
    accounts.create_user(engine, "lan", org_id=A, roles=["assessor"], password=None, display_name="Nguyễn Thị Lan")
    accounts.create_user(engine, "minh", org_id=A, roles=["submitter"], password=None)
    args = ["evidence", "add", MILESTONE, "--text", "Đã ban hành nghị định", "--judgement", "moderate_progress"]
    code, out = dx(*args)
    assert code == 1 and "--as USER" in out
    code, out = dx(*args, "--as", "x")
    assert code == 1 and "user 'x' does not exist" in out
    code, out = dx(*args, "--as", "minh")
    assert code == 1 and "does not hold the role assessor" in out
    code, out = dx(*args, "--as", "lan", "--org", B)
    assert code == 1 and f"for organisation {B}" in out
    code, out = dx(*args, env={"DXTRACK_USER": "lan"})
    assert code == 0, out
    code, out = dx("note", "add", "Nguyên nhân chủ quan", "--as", "lan")
    assert code == 0, out
    stored = records.evidence(engine, MILESTONE)
    assert [r["assessor"] for r in stored] == ["Nguyễn Thị Lan (Thành phố Hà Nội)"]
    assert records.notes(engine)[0]["author"] == "Nguyễn Thị Lan (Thành phố Hà Nội)"
    assert audit_trail(engine)[2:] == [("lan", "add", "evidence", "1"), ("lan", "add", "analyst_note", "1")]
    assert verify(engine).ok
    code, out = dx("user", "disable", "lan", "--as", "minh")  # an account change by a non-admin is refused
    assert code == 1 and "does not hold the role admin" in out
    code, out = dx("user", "disable", "lan")
    code, out = dx(*args, "--as", "lan")
    assert code == 1 and "user 'lan' is disabled" in out
