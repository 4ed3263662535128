"""The synthetic record generator and the record schema."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dxtrack.microdata import generate as gen
from dxtrack.microdata.areas import load_areas
from dxtrack.microdata.dataset import identify
from dxtrack.microdata.schema import ARROW_SCHEMA, json_schema

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def areas(data_dir: Path):
    return load_areas(data_dir)


def test_json_schema_file_is_current() -> None:
    on_disk = json.loads((REPO / "schemas" / "service-record.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema()
    assert list(on_disk["properties"]) == list(ARROW_SCHEMA.names)


def test_same_seed_same_records_other_seed_other_records(areas, tmp_path: Path) -> None:
    kw = {"rows": 3000, "start": "2025-05", "count": 3, "areas": areas}
    a = gen.generate(tmp_path / "a", seed=7, **kw)
    b = gen.generate(tmp_path / "b", seed=7, **kw)
    c = gen.generate(tmp_path / "c", seed=8, **kw)
    assert a.rows == b.rows == c.rows == 3000
    assert identify(tmp_path / "a").sha256 == identify(tmp_path / "b").sha256
    assert identify(tmp_path / "a").sha256 != identify(tmp_path / "c").sha256
    assert sorted(p.parent.name for p in (tmp_path / "a").rglob("*.parquet")) == [
        "month=2025-05", "month=2025-06", "month=2025-07"]


def test_streams_in_bounded_chunks(areas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gen, "CHUNK_ROWS", 1000)
    sizes = [t.num_rows for _, _, t in gen.chunks(5000, 1, "2025-06", 2, areas)]
    assert max(sizes) <= 1000 and sum(sizes) == 5000


def test_areas_follow_the_change_and_population(areas, tmp_path: Path) -> None:
    gen.generate(tmp_path / "g", rows=20000, seed=2, start="2025-06", count=2, areas=areas)
    june = pq.read_table(tmp_path / "g" / "month=2025-06").to_pandas()
    july = pq.read_table(tmp_path / "g" / "month=2025-07").to_pandas()
    assert pq.read_schema(next((tmp_path / "g").rglob("*.parquet"))).equals(ARROW_SCHEMA)
    valid_june, valid_july = set(areas.units_on(june.submitted_at.min().date())), set(areas.units_on(
        july.submitted_at.max().date()))
    assert (june.area_id.isin(valid_june)).mean() > 0.998  # a few are broken on purpose (bad_share)
    assert (july.area_id.isin(valid_july)).mean() > 0.998
    assert june.area_id.str.startswith("VN63_").mean() > 0.998 and july.area_id.str.startswith("VN34_").mean() > 0.998
    counts = june.area_id.value_counts()
    assert counts["VN63_79"] > 5 * counts["VN63_02"]  # Hồ Chí Minh City vs Hà Giang, by population


def test_allocate_is_exact() -> None:
    import numpy as np

    got = gen.allocate(10, np.array([1.0, 1.0, 1.0]))
    assert got.tolist() == [4, 3, 3]
