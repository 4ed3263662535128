"""Organisations as data: the snapshot's bodies and provinces, hierarchy and successions, and the packs' bodies."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.catalog.loader import available_packs
from dxtrack.cli.main import app
from dxtrack.ingest import bundled
from dxtrack.ingest.batch import ImportRejected
from dxtrack.ingest.orgs import read_organisations
from dxtrack.services import orgs
from dxtrack.services import store as svc
from dxtrack.store import Engine

runner = CliRunner()


@pytest.fixture
def engine(db_url: str, data_dir: Path):  # type: ignore[no-untyped-def]
    eng = svc.open_store(db_url)
    svc.load_areas(eng, data_dir)
    yield eng
    eng.dispose()


def ids(found: list[orgs.Organisation]) -> list[str]:
    return [o.id for o in found]


def test_counts_by_kind_and_day(engine: Engine) -> None:
    assert ids(orgs.list_orgs(engine, kind="central")) == ["CENTRAL"]
    # 18 ministries and 4 ministerial-level agencies before 01/03/2025; 14 and 3 after (Resolution 176/2025/QH15).
    before = orgs.list_orgs(engine, kind="ministry", on=dt.date(2025, 2, 28))
    after = orgs.list_orgs(engine, kind="ministry", on=dt.date(2025, 3, 1))
    assert (len(before), len(after)) == (18, 14)
    assert set(ids(before)) - set(ids(after)) == {"MIC", "MPI", "MOT", "MARD", "MONRE", "MOLISA"}
    assert set(ids(after)) - set(ids(before)) == {"MAE", "MERA"}
    assert len(orgs.list_orgs(engine, kind="province", on=dt.date(2025, 6, 30))) == 63
    assert len(orgs.list_orgs(engine, kind="province", on=dt.date(2025, 7, 1))) == 34
    assert len(orgs.list_orgs(engine, kind="province")) == 97
    assert orgs.list_orgs(engine)[0].id == "CENTRAL"


def test_successions(engine: Engine) -> None:
    assert orgs.carried_by(engine, "MIC", dt.date(2025, 2, 28)) == "MIC"
    assert orgs.carried_by(engine, "MIC", dt.date(2025, 3, 1)) == "MOST"
    assert orgs.carried_by(engine, "MONRE", dt.date(2026, 1, 1)) == "MAE"
    assert orgs.carried_by(engine, "GSO", dt.date(2025, 12, 31)) == "NSO"
    assert orgs.carried_by(engine, "MOST", dt.date(2030, 1, 1)) == "MOST"
    # Hà Giang (VN63_02) and Tuyên Quang (VN63_08) became Tuyên Quang (VN34_08) on 01/07/2025.
    assert orgs.carried_by(engine, "VN63_02", dt.date(2025, 6, 30)) == "VN63_02"
    assert orgs.carried_by(engine, "VN63_02", dt.date(2025, 7, 1)) == "VN34_08"
    hg = orgs.get_org(engine, "VN63_02")
    assert hg is not None and (hg.name_vi, hg.kind, hg.area_code, hg.valid_to) == (
        "Tỉnh Hà Giang",
        "province",
        "VN63_02",
        dt.date(2025, 6, 30),
    )
    assert orgs.get_org(engine, "NOPE") is None


def test_hierarchy(engine: Engine) -> None:
    assert orgs.within(engine, "VN34_01", "CENTRAL")
    assert orgs.within(engine, "MOST", "MOST")
    assert orgs.within(engine, "GSO", "MPI") and orgs.within(engine, "GSO", "CENTRAL")
    assert not orgs.within(engine, "GSO", "MOF")
    assert not orgs.within(engine, "VN34_01", "VN34_04")
    assert not orgs.within(engine, "CENTRAL", "MOST")
    assert not orgs.within(engine, "POLITBURO", "CENTRAL")  # not a reporting unit: outside the hierarchy


def test_loading_twice_changes_nothing(engine: Engine, data_dir: Path) -> None:
    first = orgs.list_orgs(engine)
    assert svc.load_areas(engine, data_dir)["organisations"] == len(first) == 51 + 97
    assert orgs.list_orgs(engine) == first


def _vi_names(cell: str) -> set[str]:
    """The Vietnamese names in a cell of institutions_2025.csv ('Bộ A (Ministry A)', 'Bộ A; Bộ B')."""
    return {part.split("(")[0].strip() for part in cell.split(";")}


def test_successions_agree_with_the_institutions_file(engine: Engine, data_dir: Path) -> None:
    by_name = {o.name_vi: o for o in orgs.list_orgs(engine)}
    checked = 0
    with (data_dir / "vietnam_national/institutions_2025.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            effective = dt.date.fromisoformat(row["effective_on"])
            for name in _vi_names(row["body_from"]):
                org = by_name[name]
                assert org.valid_to == effective - dt.timedelta(days=1), name
                successor = orgs.get_org(engine, str(org.successor_id))
                assert successor is not None and successor.name_vi in row["body_to"], name
                checked += 1
    # Every row: MIC, MPI, GSO, MOT, MARD and MONRE (one row), MOLISA, the National Committee on DX.
    assert checked == 8


def test_every_pack_body_names_a_known_organisation(engine: Engine) -> None:
    known = set(ids(orgs.list_orgs(engine)))
    for pack_id in available_packs():
        pack = load_pack(pack_id)
        for body in pack.bodies:
            if body.kind == "collective":
                assert body.org is None, body.id
            elif body.id != "DT_STEERING_COMMITTEES":  # "at all levels": many committees, no single unit
                assert body.org in known, (pack_id, body.id)
    assert orgs.body_org(load_pack("vn-nq57"), "MOST") == "MOST"
    assert orgs.body_org(load_pack("vn-nq52"), "NATIONAL_DX_COMMITTEE") == "NATIONAL_DX_COMMITTEE"


def test_bad_organisations_file_is_rejected_naming_row_and_column(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vietnam_national"
    folder.mkdir()
    text = (data_dir / "vietnam_national/organisations.csv").read_text(encoding="utf-8")
    (folder / "organisations.csv").write_text(text.replace(",2025-02-28,MOST,", ",2025-02-28,MOSTT,"), "utf-8")
    with pytest.raises(ImportRejected) as caught:
        read_organisations(tmp_path, bundled.load_areas(data_dir))
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("MIC,"))
    assert str(caught.value.problems[0]) == (
        f"vietnam_national/organisations.csv, row {line}, column 'successor_id': organisation 'MOSTT' is not listed"
    )


def test_pack_naming_an_unknown_organisation_is_refused(engine: Engine, tmp_path: Path) -> None:
    from dxtrack.catalog.loader import pack_path

    folder = tmp_path / "pack"
    shutil.copytree(pack_path("vn-nq57"), folder)
    bodies = folder / "bodies.yaml"
    bodies.write_text(bodies.read_text(encoding="utf-8").replace("org: MOST", "org: MOSTT"), "utf-8")
    with pytest.raises(Exception, match=r"body 'MOST', field 'org': organisation 'MOSTT' is not in"):
        svc.load_content_pack(engine, load_pack(folder))


def test_cli_org_list(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    result = runner.invoke(
        app, ["--db", url, "org", "list", "--kind", "ministry", "--on", "2025-01-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 18
    mic = next(r for r in rows if r["id"] == "MIC")
    assert {k: mic[k] for k in ("name_vi", "kind", "valid_from", "valid_to", "successor")} == {
        "name_vi": "Bộ Thông tin và Truyền thông",
        "kind": "ministry",
        "valid_from": None,
        "valid_to": "2025-02-28",
        "successor": "MOST",
    }
    central = runner.invoke(app, ["--db", url, "org", "list", "--kind", "central"])
    assert central.exit_code == 0 and "CENTRAL" in central.output
    bad = runner.invoke(app, ["--db", url, "org", "list", "--kind", "bank"])
    assert bad.exit_code == 1
