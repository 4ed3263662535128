"""The bad-input corpus (tests/fixtures/bad_inputs/*): each case is a file, an optional file imported before it,
and its expected verdict and message. Run through the real `dxtrack import` command on SQLite and PostgreSQL:
a rejected file is one line per problem in the form ``FILE, row N, column 'C': reason``, exit code 1, nothing
written and no traceback; an accepted one exits 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dxtrack.cli.main import app
from dxtrack.services import store as svc
from dxtrack.store import schema
from tests.ingest_catalogue import install

CORPUS = Path(__file__).parent / "fixtures" / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def _import(url: str, path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", url, "import", str(path), "--source", "Test source"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _rows(engine) -> list[tuple[str, float, str | None]]:
    obs = schema.observation
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(obs.c.area, obs.c.value, obs.c.unit).order_by(obs.c.id))]


def test_the_corpus_is_not_empty() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: str, db_url: str, tmp_path: Path) -> None:
    folder = CORPUS / case
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    engine = svc.open_store(db_url)
    install(engine)
    before = folder / "before.csv"
    if before.exists():
        assert _import(db_url, before)[0] == 0
    stored_before = _rows(engine)
    code, output = _import(db_url, folder / "input.csv")
    assert "Traceback" not in output
    if expected["verdict"] == "rejected":
        assert code == 1, output
        where = [str(folder / "input.csv")]
        if expected["row"] is not None:
            where.append(f"row {expected['row']}")
        if expected["column"]:
            where.append(f"column '{expected['column']}'")
        first = output.splitlines()[0]
        assert first.startswith(f"error: {', '.join(where)}: "), first
        assert expected["message"] in first, first
        assert _rows(engine) == stored_before  # nothing written
    else:
        assert code == 0, output
        new = _rows(engine)[len(stored_before) :]
        assert len(new) == expected["written"]
        if "unit" in expected:
            assert new[-1][2] == expected["unit"]
        if "value" in expected:
            assert new[-1][1] == expected["value"]
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.observation)) == len(_rows(engine))
    engine.dispose()
