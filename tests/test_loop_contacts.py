"""E-mail contacts of reporting units: added by a coordinator (audited, once), refused for others and bad input."""

from __future__ import annotations

import pytest

from dxtrack.services import contacts
from dxtrack.services.audit import verify
from dxtrack.store import Engine
from dxtrack.store.audit import events
from tests.loop_support import MINISTRY, cli_store, dx


@pytest.fixture
def engine(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Engine:
    return cli_store(db_url, monkeypatch)


def test_contact_add(engine: Engine) -> None:
    add = ("org", "contact", "add", MINISTRY, "--email", "vanthu@most.gov.vn", "--name", "Văn thư")
    assert dx(*add, "--as", "coord") == (0, f"vanthu@most.gov.vn added to {MINISTRY}\n")
    assert dx(*add, "--as", "coord") == (0, f"vanthu@most.gov.vn is already a contact of {MINISTRY}\n")
    code, out = dx(*add, "--as", "sub-most")
    assert code == 1 and "does not hold the role coordinator or admin" in out
    code, out = dx("org", "contact", "add", MINISTRY, "--email", "vanthu at most", "--as", "coord")
    assert code == 1 and out.endswith("--email 'vanthu at most' is not an e-mail address (expected name@agency.gov.vn)")
    assert [(c["org_id"], c["email"], c["name"], c["added_by"]) for c in contacts.contacts(engine, MINISTRY)] == [
        (MINISTRY, "vanthu@most.gov.vn", "Văn thư", "coord")
    ]
    assert contacts.addresses(engine) == {MINISTRY: ["vanthu@most.gov.vn"]}
    with engine.connect() as conn:
        trail = [(e["actor"], e["entity"], e["detail"]) for e in events(conn) if e["action"] == "contact.add"]
    assert trail == [("coord", "unit_contact", {"org": MINISTRY, "email": "vanthu@most.gov.vn"})]
    assert verify(engine).problems == []
