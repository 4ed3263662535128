"""The real bundled data loaded end to end (areas, content pack, every dataset) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dxtrack.catalog import load_pack
from dxtrack.cli.main import app
from dxtrack.services import store as svc
from dxtrack.store import repository as repo
from dxtrack.store import schema


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def loaded(request: pytest.FixtureRequest, data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('bundled') / 'dx.db'}"
    else:
        url = request.getfixturevalue("new_pg_database")()
    engine = svc.open_store(url)
    svc.load_areas(engine, data_dir)
    svc.load_content_pack(engine, load_pack())
    first = svc.load_bundled_data(engine, data_dir)
    yield engine, url, first
    engine.dispose()


def values(engine, indicator: str, area: str, as_of: dt.date | None = None) -> dict[str, float]:
    with engine.connect() as conn:
        frame = repo.observations(conn, indicators=[indicator], areas=[area], as_of=as_of)
    return dict(zip(frame["period"], frame["value"], strict=True))


def test_areas_and_succession(loaded) -> None:
    engine, _, _ = loaded
    with engine.connect() as conn:
        areas = {r.code: r for r in conn.execute(select(schema.area))}
        succ = {(r.from_area, r.to_area) for r in conn.execute(select(schema.area_succession))}
    old = [a for a in areas.values() if a.code.startswith("VN63_")]
    new = [a for a in areas.values() if a.code.startswith("VN34_")]
    assert len(old) == 63 and {a.valid_to for a in old} == {dt.date(2025, 6, 30)}
    assert len(new) == 34 and {a.valid_from for a in new} == {dt.date(2025, 7, 1)}
    assert len(succ) == 63
    # GSO code 91 was Kiên Giang and is now the new An Giang: joined on area ids, never on bare codes
    assert ("VN63_91", "VN34_91") in succ and ("VN63_89", "VN34_91") in succ
    assert ("VN63_24", "VN34_24") in succ and ("VN63_27", "VN34_24") in succ
    assert areas["VN63_91"].name_vi == "Kiên Giang" and areas["VN34_91"].name_vi == "An Giang"
    assert {"WLD", "EAS", "VNM", "TLS", "SGP"} <= set(areas)
    assert areas["VNM"].name_vi == "Việt Nam" and areas["WLD"].name_vi == "Thế giới"


def test_digital_economy_vintages_as_of(loaded) -> None:
    engine, _, _ = loaded
    # what the Conclusion's authors could know (GSO Q4-2023 release) versus the revised release of 6 Jan 2025
    assert values(engine, "DE_SHARE_GDP", "VNM", dt.date(2024, 6, 30))["2022"] == 12.63
    assert values(engine, "DE_SHARE_GDP", "VNM", dt.date(2023, 10, 1))["2022"] == 12.86
    now = values(engine, "DE_SHARE_GDP", "VNM")
    assert now["2022"] == 12.83 and now["2024"] == 13.17 and now["2020-2023"] == 12.62
    assert now["2025"] == 14.02 and now["2021-2025"] == 13.2  # the releases added on 2026-12-01
    # the ministry's broader estimate is a separate series, never mixed with the GSO measure
    assert values(engine, "DE_SHARE_GDP_MIC", "VNM", dt.date(2025, 6, 30))["2024"] == 18.6
    assert values(engine, "DE_SHARE_GDP_MIC", "VNM")["2024"] == 18.3
    with engine.connect() as conn:
        hist = repo.observations(conn, indicators=["DE_SHARE_GDP"], areas=["VNM"], history=True)
    chain = hist[hist["period"] == "2022"].sort_values("published_on")
    assert chain["value"].tolist() == [12.86, 12.67, 12.63, 12.83]
    assert chain["supersedes"].tolist()[1:] == chain["id"].tolist()[:-1]


def test_ranks_and_wdi(loaded) -> None:
    engine, _, _ = loaded
    egdi = values(engine, "EGDI_RANK", "VNM")
    assert egdi["2003"] == 97 and egdi["2024"] == 71
    assert values(engine, "GII_RANK", "VNM")["2025"] == 44
    lp_mid2024 = values(engine, "SL.GDP.PCAP.EM.KD", "VNM", dt.date(2024, 6, 30))
    assert "2022" in lp_mid2024 and "2023" not in lp_mid2024  # a year's WDI value is public from 1 July next year
    assert values(engine, "SL.GDP.PCAP.EM.KD", "VNM")["2024"] == pytest.approx(26090.7424814589)


def test_every_observation_has_a_source(loaded) -> None:
    engine, _, first = loaded
    with engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(schema.observation))
        orphan = conn.scalar(
            select(func.count())
            .select_from(
                schema.observation.outerjoin(schema.source, schema.source.c.id == schema.observation.c.source_id)
            )
            .where(schema.source.c.title.is_(None))
        )
    assert total >= sum(w for w, _ in first.values()) > 37000
    assert orphan == 0


def test_loading_again_writes_nothing(loaded, data_dir: Path) -> None:
    engine, _, _ = loaded
    again = svc.load_bundled_data(engine, data_dir)
    assert sum(w for w, _ in again.values()) == 0


def test_status_board_json(loaded) -> None:
    _, url, _ = loaded
    result = CliRunner().invoke(app, ["--db", url, "status", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    by_indicator = {r["indicator"]: r for r in rows if r["indicator"]}
    de = by_indicator["DE_SHARE_GDP"]
    assert (de["area"], de["period"], de["value"]) == ("VNM", "2025", 14.02)  # NSO estimate of 5 Jan 2026
    assert de["source"] and {"target", "indicator", "area", "period", "value", "source"} <= set(de)
    old = json.loads(
        CliRunner().invoke(app, ["--db", url, "status", "--as-of", "2024-06-30", "--format", "json"]).stdout
    )
    de_old = next(r for r in old if r["indicator"] == "DE_SHARE_GDP")
    assert (de_old["period"], de_old["value"]) == ("2023", 12.33)
