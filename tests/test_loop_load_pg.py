"""Load and faults on a real PostgreSQL server of the test's own (tests/pg_cluster.py): 50 units submitting and
being accepted at once (nothing lost or duplicated, no deadlock), ``kill -9`` of the server mid-submission,
mid-acceptance and under load (each submission wholly there or wholly absent; the unit retries), the same upload
twice (idempotent), and a lost server as one line of the error catalogue, not a traceback."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import event

from dxtrack.catalog import load_pack
from dxtrack.domain.loop import SECTION_PREFIX, SECTIONS
from dxtrack.present.errors import error_text
from dxtrack.services import accounts, calls, orgs, submissions
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo
from dxtrack.store.audit import events
from dxtrack.store.engine import StoreLost
from tests.loop_support import prepare
from tests.pg_cluster import PgCluster, pg_bindir

pytestmark = pytest.mark.pg
PACK = load_pack("vn-nq57")
CUTOFF = dt.date(2025, 12, 15)
SECTIONS_FILLED = {SECTION_PREFIX + s[0]: f"Nội dung {s[1]}" for s in SECTIONS}
LOST = error_text("store_lost", {}, "en")


BASE = "dxtrack_kill_base"


def reporting_units(engine: Engine) -> list[str]:
    """34 provinces, MOST (it monitors EGDI_RANK) and 15 other ministries and agencies."""
    provinces = [o.id for o in orgs.list_orgs(engine, kind="province", on=CUTOFF)]
    others = [o.id for o in orgs.list_orgs(engine, on=CUTOFF) if o.kind in ("ministry", "agency") and o.id != "MOST"]
    return [*provinces, "MOST", *others[:15]]


def user_name(role: str, org: str) -> str:
    return f"{role[:4]}x-{org.lower()}"


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    """The server, with a prepared database (organisations, the vn-nq57 registry, a submitter and an approver for
    each of the 50 units) that each test copies."""
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed")
    server = PgCluster(bindir)
    server.start()
    try:
        engine = open_store(server.new_database(BASE))
        prepare(engine)
        for org in reporting_units(engine):
            for role in ("submitter", "approver"):
                accounts.create_user(engine, user_name(role, org), org_id=org, roles=[role], password=None)
        engine.dispose()
        yield server
    finally:
        server.stop()


class Loop:
    """A copy of the prepared store with a call to the 50 units, and a switch that crashes the server when a chosen
    statement is executed."""

    def __init__(self, cluster: PgCluster) -> None:
        self.cluster = cluster
        self.url = cluster.new_database(f"dxtrack_kill_{uuid.uuid4().hex[:10]}", template=BASE)
        self.engine: Engine = open_store(self.url)
        self.units = reporting_units(self.engine)
        assert len(self.units) == 50
        coord = accounts.get_user(self.engine, "coord")
        assert coord is not None
        self.coord = coord
        self.call = calls.create_call(self.engine, PACK, coord, title="Báo cáo năm 2025", period="2025",
                                      cutoff=str(CUTOFF), due="2099-01-31", units=",".join(self.units))  # fmt: skip
        self.templates = {o: calls.template(self.engine, self.call, o) for o in self.units}
        self.crash_on: tuple[str, int] | None = None
        self._seen = 0
        self._lock = threading.Lock()
        event.listen(self.engine, "before_cursor_execute", self._maybe_crash)

    def _maybe_crash(self, conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        with self._lock:
            if self.crash_on is None or not statement.startswith(self.crash_on[0]):
                return
            self._seen += 1
            if self._seen < self.crash_on[1]:
                return
            self.crash_on = None
        self.cluster.kill9()

    def crash_at(self, statement: str, nth: int = 1) -> None:
        self._seen, self.crash_on = 0, (statement, nth)

    def payload(self, org: str) -> dict[str, Any]:
        tpl = {**self.templates[org], "items": [dict(i) for i in self.templates[org]["items"]]}
        for item in tpl["items"]:
            item["value"] = SECTIONS_FILLED.get(item["id"], 71 if item["id"] == "EGDI_RANK" else None)
        return tpl

    def user(self, role: str, org: str) -> Any:
        found = accounts.get_user(self.engine, user_name(role, org))
        assert found is not None
        return found

    def submit(self, org: str) -> tuple[int, int, bool]:
        return submissions.submit(self.engine, PACK, self.user("submitter", org), self.call, org, self.payload(org))

    def review(self, org: str, action: str) -> str:
        who = self.user("approver", org) if action == "approve" else self.coord
        return submissions.review(self.engine, PACK, who, self.call, org, action)

    def stored(self) -> dict[str, list[dict[str, Any]]]:
        """Org -> its stored revisions, each with its values and events."""
        with self.engine.connect() as conn:
            subs = rows.all_submissions(conn, [self.call])
        out: dict[str, list[dict[str, Any]]] = {o: [] for o in self.units}
        for s in subs:
            out[s["org_id"]].append(s)
        return out

    def audit_actions(self, action: str) -> Counter[str]:
        with self.engine.connect() as conn:
            return Counter(str(e["entity_id"]) for e in events(conn) if e["action"] == action)

    def expected_items(self, org: str) -> set[str]:
        return set(SECTIONS_FILLED) | ({"EGDI_RANK"} if org == "MOST" else set())


@pytest.fixture
def loop(cluster: PgCluster) -> Iterator[Loop]:
    made = Loop(cluster)
    yield made
    made.engine.dispose()


def all_at_once(units: list[str], work: Callable[[str], Any]) -> dict[str, Any]:
    """Run ``work`` for every unit on its own thread, released together; org -> result or the exception."""
    gate = threading.Barrier(len(units))

    def one(org: str) -> Any:
        gate.wait()
        try:
            return work(org)
        except Exception as exc:  # the test inspects what each client met
            return exc

    with ThreadPoolExecutor(len(units)) as pool:
        return dict(zip(units, pool.map(one, units, timeout=120), strict=True))


def test_fifty_units_submit_approve_and_are_accepted_at_once(loop: Loop) -> None:
    submitted = all_at_once(loop.units, loop.submit)
    assert [o for o, r in submitted.items() if not isinstance(r, tuple)] == []
    assert {r[1:] for r in submitted.values()} == {(1, True)}
    assert len({r[0] for r in submitted.values()}) == 50
    stored = loop.stored()
    assert all(len(stored[o]) == 1 and stored[o][0]["items"] == loop.expected_items(o) for o in loop.units)
    assert set(loop.audit_actions("submission.submit").values()) == {1}
    assert len(loop.audit_actions("submission.submit")) == 50
    approved = all_at_once(loop.units, lambda o: loop.review(o, "approve"))
    assert set(approved.values()) == {"approved"}
    accepted = all_at_once(loop.units, lambda o: loop.review(o, "accept"))  # publishing: one connection each
    assert set(accepted.values()) == {"accepted"}
    with loop.engine.connect() as conn:
        materials = rows.materials(conn, loop.call)
        published = repo.observations(conn, indicators=["EGDI_RANK"], history=True)
    assert Counter(m["org_id"] for m in materials) == dict.fromkeys(loop.units, len(SECTIONS))
    assert published["source_id"].tolist() == [f"call:{loop.call}:MOST:r1"]
    assert verify(loop.engine).problems == []


def test_kill9_mid_submission_leaves_nothing_and_the_unit_retries(loop: Loop) -> None:
    loop.crash_at("INSERT INTO submission_value")  # after the submission's head row, before its values
    with pytest.raises(StoreLost) as lost:
        loop.submit("MOST")
    assert str(lost.value) == LOST and lost.value.code == "store_lost"
    with pytest.raises(StoreLost):  # the server is down: one line again, not a traceback
        loop.submit("MOST")
    loop.cluster.restart()
    assert loop.stored()["MOST"] == []
    assert loop.audit_actions("submission.submit") == Counter()
    assert loop.submit("MOST")[1:] == (1, True)
    assert loop.submit("MOST")[1:] == (1, False)  # the same upload twice: nothing more is written
    stored = loop.stored()["MOST"]
    assert len(stored) == 1 and stored[0]["items"] == loop.expected_items("MOST") and len(stored[0]["events"]) == 1
    assert verify(loop.engine).problems == []


def test_kill9_mid_acceptance_keeps_it_approved_and_accept_again_publishes_once(loop: Loop) -> None:
    loop.submit("MOST")
    loop.review("MOST", "approve")
    loop.crash_at("INSERT INTO report_material")  # after the observations and task statuses, before the material
    with pytest.raises(StoreLost):
        loop.review("MOST", "accept")
    loop.cluster.restart()
    assert [e["state"] for e in loop.stored()["MOST"][0]["events"]] == ["submitted", "approved"]
    with loop.engine.connect() as conn:
        assert repo.observations(conn, indicators=["EGDI_RANK"], history=True).empty
        assert rows.materials(conn, loop.call) == []
    assert loop.review("MOST", "accept") == "accepted"
    with loop.engine.connect() as conn:
        assert len(repo.observations(conn, indicators=["EGDI_RANK"], history=True)) == 1
        assert len(rows.materials(conn, loop.call)) == len(SECTIONS)
    assert len(loop.audit_actions("submission.accept")) == 1
    assert verify(loop.engine).problems == []


def test_kill9_under_load_each_submission_whole_or_absent(loop: Loop) -> None:
    loop.crash_at("INSERT INTO submission_value", nth=20)  # some committed, some mid-flight, some not started
    first = all_at_once(loop.units, loop.submit)
    failed = [o for o, r in first.items() if not isinstance(r, tuple)]
    assert failed and all(isinstance(first[o], StoreLost) for o in failed)
    loop.cluster.restart()
    stored = loop.stored()
    submits = loop.audit_actions("submission.submit")
    for org in loop.units:
        assert len(stored[org]) <= 1
        if stored[org]:  # wholly there: all values, its event, its audit event
            sub = stored[org][0]
            assert sub["items"] == loop.expected_items(org) and len(sub["events"]) == 1
            assert submits[str(sub["id"])] == 1
    assert all(stored[o] for o in loop.units if o not in failed)  # what was acknowledged is durable
    retried = {o: loop.submit(o) for o in failed}
    assert all(r[1] == 1 for r in retried.values())
    final = loop.stored()
    assert all(len(final[o]) == 1 for o in loop.units) and len(loop.audit_actions("submission.submit")) == 50
    assert verify(loop.engine).problems == []


def test_a_lost_server_is_one_line_of_the_catalogue_in_the_cli(loop: Loop) -> None:
    loop.cluster.kill9()
    try:
        env = {**os.environ, "DXTRACK_DB": loop.url, "DXTRACK_LANG": "vi"}
        done = subprocess.run([sys.executable, "-m", "dxtrack", "call", "status", str(loop.call)],
                              capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    finally:
        loop.cluster.restart()
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"error: {error_text('store_lost', {}, 'vi')}"]
    assert "Traceback" not in done.stderr + done.stdout
