"""Files added to the data on 2026-12-01: official releases, release calendar, 2025 institution changes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dxtrack.catalog import load_pack
from dxtrack.ingest import bundled
from dxtrack.ingest.batch import ImportRejected
from dxtrack.ingest.reference import read_institutions, read_release_calendar
from dxtrack.services import reference
from dxtrack.services import store as svc
from dxtrack.store import repository as repo
from dxtrack.store import schema


@pytest.fixture
def engine(db_url: str, data_dir: Path):
    eng = svc.open_store(db_url)
    svc.load_areas(eng, data_dir)
    svc.load_content_pack(eng, load_pack())
    svc.load_bundled_data(eng, data_dir, only=["official_releases"])
    reference.load_reference_tables(eng, data_dir)
    yield eng
    eng.dispose()


def latest(engine, indicator: str, as_of: dt.date | None = None) -> dict[str, dict]:
    with engine.connect() as conn:
        frame = repo.observations(conn, indicators=[indicator], areas=["VNM"], as_of=as_of)
    return {r["period"]: r for r in frame.to_dict("records")}


def test_official_releases_keep_publisher_and_status(engine) -> None:
    de = latest(engine, "DE_SHARE_GDP")
    assert de["2025"]["value"] == 14.02 and de["2025"]["published_on"] == dt.date(2026, 1, 5)
    nso = "National Statistics Office (Cục Thống kê, Ministry of Finance; formerly GSO)"
    assert de["2025"]["source_publisher"] == nso
    assert de["2025"]["comment"].startswith(
        "publisher: National Statistics Office (Cục Thống kê, Ministry of Finance; formerly GSO); "
        "status: official (estimate); published 2026-01-05; About USD 72.1 bn"
    )
    assert de["2021-2025"]["value"] == 13.2
    assert "2025" not in latest(engine, "DE_SHARE_GDP", dt.date(2026, 1, 4))  # not public before its release
    assert latest(engine, "DE_CORE_SHARE_GDP")["2025"]["value"] == 8.42
    assert latest(engine, "DE_DIGITALISED_SHARE_GDP")["2025"]["value"] == 5.6

    lp = latest(engine, "LP_GROWTH")
    assert {p: r["value"] for p, r in lp.items()} == {
        "2021": 4.71,
        "2022": 4.8,
        "2023": 3.65,
        "2024": 5.88,
        "2021-2025": 5.24,
    }
    # no publication date in the file: the stated rule (first day of the seventh month after the period)
    assert lp["2024"]["published_on"] == dt.date(2025, 7, 1) and lp["2021-2025"]["published_on"] == dt.date(2026, 7, 1)
    assert "status: reported (secondary)" in lp["2024"]["comment"]
    assert "publication date: Official releases reported without a publication date" in lp["2024"]["comment"]
    # same page, two publishers: each value keeps its own
    assert lp["2024"]["source_url"] == lp["2021-2025"]["source_url"]
    assert lp["2024"]["source_publisher"] == "General Statistics Office (GSO)"
    assert lp["2021-2025"]["source_publisher"].startswith("National Assembly Economic and Financial Committee")
    assert "status: assessment" in lp["2021-2025"]["comment"]

    five_g = latest(engine, "MOBILE_5G_POP_COVERAGE")  # the file's 5G_POP_COVERAGE, under the catalogue code
    assert (five_g["2025-10"]["value"], five_g["2025-10"]["published_on"]) == (39.52, dt.date(2026, 5, 1))
    assert (five_g["2025"]["value"], five_g["2025"]["published_on"]) == (90.0, dt.date(2026, 1, 10))
    assert "status: official (ministry statement)" in five_g["2025"]["comment"]
    fibre = latest(engine, "FIBRE_HOUSEHOLD_USE")["2025-06"]
    assert fibre["value"] == 85.1 and fibre["unit"] == "% of households"


def test_reference_tables_in_the_store(engine, data_dir: Path) -> None:
    releases = {(r.series, r.edition): r for r in reference.release_calendar(engine)}
    assert len(releases) == 4
    assert releases[("Global Innovation Index", "2025")].released_on == dt.date(2025, 9, 16)
    assert releases[("UN E-Government Survey", "2024")].note.startswith("Viet Nam 71st of 193 (EGDI 0.7709)")
    assert releases[("Digital economy share of GDP", "2025 estimate")].released_on == dt.date(2026, 1, 5)

    changes = reference.institution_changes(engine)
    assert len(changes) == 7
    mic = reference.successor(engine, "Bộ Thông tin và Truyền thông", dt.date(2025, 3, 1))
    assert mic is not None and mic.body_to == "Bộ Khoa học và Công nghệ (Ministry of Science and Technology)"
    assert reference.successor(engine, "Bộ Thông tin và Truyền thông", dt.date(2025, 2, 28)) is None
    monre = reference.successor(engine, "Bộ Tài nguyên và Môi trường", dt.date(2026, 1, 1))
    assert monre is not None
    assert monre.body_to == "Bộ Nông nghiệp và Môi trường (Ministry of Agriculture and Environment)"
    # the pack's body for the national committee named in the 2019 and 2024 texts
    committee = next(b for b in load_pack().bodies if b.id == "NATIONAL_DX_COMMITTEE")
    later = reference.successor(engine, committee.name_vi, dt.date(2025, 3, 18))
    assert later is not None and later.body_to.startswith("Ban Chỉ đạo của Chính phủ về phát triển khoa học")
    assert reference.successor(engine, committee.name_vi, dt.date(2025, 3, 17)) is None

    reference.load_reference_tables(engine, data_dir)  # loading again replaces, never duplicates
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(schema.institution_change)) == 7
        assert conn.scalar(select(func.count()).select_from(schema.release)) == 4


def test_calendar_dates_the_editions(data_dir: Path) -> None:
    egov = bundled.load_egov(data_dir).frame
    vnm = egov[(egov["area"] == "VNM") & (egov["indicator"] == "EGDI_RANK")].set_index("period")
    assert vnm.loc["2024", "published_on"] == dt.date(2024, 9, 17)  # from the calendar
    assert vnm.loc["2022", "published_on"] == dt.date(2022, 12, 31)  # not in it: the convention
    gii = bundled.load_gii_ranks(data_dir).frame
    ranks = gii[(gii["area"] == "VNM") & (gii["indicator"] == "GII_RANK")].set_index("period")
    assert ranks.loc["2025", "published_on"] == dt.date(2025, 9, 16)
    assert ranks.loc["2024", "published_on"] == dt.date(2024, 9, 26)
    assert ranks.loc["2023", "published_on"] == dt.date(2023, 12, 31)


@pytest.fixture
def drop(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(data_dir / "vietnam_national", folder / "vietnam_national")
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_release_row_rejects_the_file(drop: Path) -> None:
    path = drop / bundled.RELEASES_FILE
    _replace(path, "VNM,2022,LP_GROWTH,4.8,", "VNM,2022,LP_GROWTH,4.8x,")
    _replace(path, "2026-01-10,https://vietnamnet", "2026-13-10,https://vietnamnet")
    with pytest.raises(ImportRejected) as err:
        bundled.load_official_releases(drop)
    assert [str(p) for p in err.value.problems] == [
        f"{path}, row 7, column 'value': '4.8x' is not a number",
        f"{path}, row 12, column 'published_on': '2026-13-10' is not a date; expected YYYY-MM-DD",
    ]


def test_bad_reference_rows_write_nothing(drop: Path, db_url: str) -> None:
    calendar = drop / "vietnam_national" / "release_calendar.csv"
    _replace(calendar, "2025,2025-09-16,", "2025,16/09/2025,")
    with pytest.raises(ImportRejected) as err:
        read_release_calendar(drop)
    assert [str(p) for p in err.value.problems] == [
        f"{calendar}, row 3, column 'released_on': '16/09/2025' is not a date; expected YYYY-MM-DD"
    ]
    institutions = drop / "vietnam_national" / "institutions_2025.csv"
    _replace(calendar, "2025,16/09/2025,", "2025,2025-09-16,")
    assert len(read_institutions(drop)) == 7
    _replace(institutions, ",2025-03-18,", ",,")
    engine = svc.open_store(db_url)
    with pytest.raises(ImportRejected, match=r"row 8, column 'effective_on': empty"):
        reference.load_reference_tables(engine, drop)
    assert reference.release_calendar(engine) == []  # the valid calendar was not written either
    engine.dispose()
