"""The same report uploaded by several clients at once, on SQLite and PostgreSQL: one revision is stored, every
client succeeds, and the audit trail stays whole."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from dxtrack.catalog import load_pack
from dxtrack.services import accounts, calls, submissions
from dxtrack.services.audit import verify
from dxtrack.services.store import open_store
from dxtrack.store import loop as rows
from tests.loop_support import MINISTRY, prepare


def test_simultaneous_identical_uploads_store_one_revision(db_url: str) -> None:
    engine = open_store(db_url)
    prepare(engine)
    pack = load_pack("vn-nq57")
    coord, submitter = accounts.get_user(engine, "coord"), accounts.get_user(engine, "sub-most")
    assert coord is not None and submitter is not None
    call = calls.create_call(engine, pack, coord, title="t", period="2025", cutoff="2025-12-15", due="2099-01-31",
                             units=MINISTRY)  # fmt: skip
    payload: dict[str, Any] = calls.template(engine, call, MINISTRY)
    for item in payload["items"]:
        item["value"] = 71 if item["id"] == "EGDI_RANK" else None

    def upload(_: int) -> tuple[int, int, bool]:
        return submissions.submit(engine, pack, submitter, call, MINISTRY, payload)

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(upload, range(6)))
    assert sorted(r[2] for r in results) == [False] * 5 + [True]
    assert {(r[0], r[1]) for r in results} == {(results[0][0], 1)}
    with engine.connect() as conn:
        assert [s["revision"] for s in rows.submissions(conn, call)] == [1]
    assert verify(engine).problems == []
