"""Re-acceptance after a reopen publishes the new revision as a source of its own: the first acceptance's values
stay (nothing is overwritten) and "as known on" a day between the two acceptances gives the first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dxtrack.catalog import load_pack
from dxtrack.domain.accounts import User
from dxtrack.services import calls, submissions
from dxtrack.services.accounts import get_user
from dxtrack.services.store import open_store
from dxtrack.store import Engine
from dxtrack.store import loop as rows
from dxtrack.store import repository as repo
from tests.loop_support import MINISTRY, prepare


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = open_store(f"sqlite:///{tmp_path / 'reopen.db'}")
    prepare(engine)
    return engine


def user(engine: Engine, name: str) -> User:
    found = get_user(engine, name)
    assert found is not None
    return found


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 1, day, 9, 0, tzinfo=dt.UTC)


def filled(engine: Engine, call: int, values: dict[str, Any]) -> dict[str, Any]:
    tpl = calls.template(engine, call, MINISTRY)
    for item in tpl["items"]:
        item["value"] = values.get(item["id"])
    return tpl


def accept(engine: Engine, call: int, values: dict[str, Any], day: int) -> int:
    pack = load_pack("vn-nq57")
    _, revision, written = submissions.submit(engine, pack, user(engine, "sub-most"), call, MINISTRY,
                                              filled(engine, call, values), now=at(day))  # fmt: skip
    assert written
    submissions.review(engine, pack, user(engine, "appr-most"), call, MINISTRY, "approve", now=at(day))
    submissions.review(engine, pack, user(engine, "coord"), call, MINISTRY, "accept", now=at(day))
    return revision


@pytest.mark.parametrize("second", [70, 71], ids=["corrected", "unchanged"])
def test_reaccepted_revision_is_a_new_source(engine: Engine, second: int) -> None:
    pack = load_pack("vn-nq57")
    call = calls.create_call(engine, pack, user(engine, "coord"), title="Báo cáo năm 2025", period="2025",
                             cutoff="2025-12-15", due="2026-01-15", units=MINISTRY)  # fmt: skip
    task = {"status": "in_progress", "note": "Đang xây dựng"}
    assert accept(engine, call, {"EGDI_RANK": 71, "CP.1": task}, day=5) == 1
    submissions.review(engine, pack, user(engine, "coord"), call, MINISTRY, "reopen", reason="Sai thứ hạng",
                       now=at(8))  # fmt: skip
    # the same content again after a reopen is a resubmission (revision 2), not "nothing to write"
    assert accept(engine, call, {"EGDI_RANK": second, "CP.1": task}, day=9) == 2

    history = repo.read_observations(engine, indicators=["EGDI_RANK"], history=True)
    known = {(r.source_id, r.value, r.published_on) for r in history.itertuples()}
    assert known == {
        (f"call:{call}:{MINISTRY}:r1", 71.0, dt.date(2026, 1, 5)),
        (f"call:{call}:{MINISTRY}:r2", float(second), dt.date(2026, 1, 9)),
    }
    between = repo.read_observations(engine, indicators=["EGDI_RANK"], as_of=dt.date(2026, 1, 7))
    assert [(r.value, r.source_id) for r in between.itertuples()] == [(71.0, f"call:{call}:{MINISTRY}:r1")]
    now = repo.read_observations(engine, indicators=["EGDI_RANK"], as_of=dt.date(2026, 1, 10))
    assert [(r.value, r.source_id) for r in now.itertuples()] == [(float(second), f"call:{call}:{MINISTRY}:r2")]
    with engine.connect() as conn:
        statuses = [(t["reported_on"], t["submission_id"] is not None) for t in rows.task_statuses(conn, "CP.1")]
    assert statuses == [(dt.date(2026, 1, 5), True), (dt.date(2026, 1, 9), True)]
