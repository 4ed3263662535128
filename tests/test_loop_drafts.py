"""Drafts through the CLI (`dxtrack submit --draft`), on SQLite and PostgreSQL: a unit saves partial values with
errors (nothing blocks, the whole validation report comes back), saving the same content writes nothing, the
draft's content submitted turns that revision into the submission, and a submitted report takes no draft."""

from __future__ import annotations

import json
from pathlib import Path

from dxtrack.services.audit import verify
from dxtrack.store import Engine
from dxtrack.store.audit import events
from tests.loop_support import MINISTRY
from tests.test_loop_flow import create_call, dx, engine, fill, status, submit, template

__all__ = ["engine"]


def draft(tmp_path: Path, call: int, payload: dict, *extra: str) -> tuple[int, str]:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return dx("submit", str(call), "--org", MINISTRY, "--file", str(path), "--draft", "--as", "sub-most", *extra)


def test_draft_with_errors_then_submitted(engine: Engine, tmp_path: Path) -> None:
    call = create_call()
    tpl = template(tmp_path, call)
    partial = {"DE_SHARE_GDP": 120, "CP.1": {"status": "completed"}, "section.results": "Bản nháp"}
    code, out = draft(tmp_path, call, fill(tpl, partial), "--format", "json")
    assert code == 0, out
    saved = json.loads(out)
    assert (saved["revision"], saved["state"], saved["written"]) == (1, "draft", True)
    assert [(e["item"], e["rule"]) for e in saved["errors"]] == [("DE_SHARE_GDP", "max"), ("CP.1", "evidence_required")]
    assert saved["warnings"] == []
    assert status(call)[MINISTRY]["state"] == "draft"

    code, out = draft(tmp_path, call, fill(tpl, partial))  # the same draft again
    assert code == 0 and "revision 1" in out and "unchanged" in out and "2 error(s)" in out, out
    assert "error: mục 'DE_SHARE_GDP', quy tắc 'max': 120 lớn hơn giá trị tối đa 100" in out  # Vietnamese first

    code, out = submit(tmp_path, call, fill(tpl, partial))  # errors block the submission
    assert code == 1 and "rule 'max'" in out and "nothing was written" in out
    assert status(call)[MINISTRY]["state"] == "draft"

    fixed = {**partial, "DE_SHARE_GDP": 18.3, "CP.1": {"status": "in_progress", "note": "Đang soạn thảo"}}
    code, out = draft(tmp_path, call, fill(tpl, fixed))
    assert code == 0 and "revision 2" in out and "0 error(s)" in out, out
    code, out = submit(tmp_path, call, fill(tpl, fixed))  # the draft's own content: revision 2 is submitted
    assert code == 0 and "revision 2" in out and "submitted" in out, out
    assert (status(call)[MINISTRY]["state"], status(call)[MINISTRY]["revision"]) == ("submitted", 2)

    code, out = draft(tmp_path, call, fill(tpl, {**fixed, "DE_SHARE_GDP": 18.4}))
    assert code == 1 and "revision 2 is Submitted, awaiting approval" in out

    assert verify(engine).problems == []
    with engine.connect() as conn:
        trail = [e["action"] for e in events(conn) if e["entity"] == "submission"]
    assert trail == ["submission.draft", "submission.draft", "submission.submit"]
