"""Record indicators on DuckDB against hand-computed values (pending, no fee, withdrawn, the 01/07/2025 change,
time zones at month boundaries), the bad-record report, the Decision 766 groups and the pack entries."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dxtrack.catalog import load_pack
from dxtrack.microdata.areas import load_areas
from dxtrack.microdata.definitions import definitions, partial_sql
from dxtrack.microdata.engines import run
from dxtrack.microdata.rollup import tidy
from dxtrack.microdata.score import score
from tests.microdata_records import edge_cases, record, write

CODES = [
    "SVC_APPLICATIONS", "SVC_ONLINE_SHARE", "SVC_FULLY_ONLINE_SHARE", "SVC_ON_TIME_SHARE",
    "SVC_ONLINE_PAYMENT_SHARE", "SVC_RESULT_DIGITISED_SHARE", "SVC_SATISFACTION_MEAN",
]


@pytest.fixture(scope="module")
def pack():
    return load_pack("vn-nq57")


@pytest.fixture(scope="module")
def computed(pack, data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = write(tmp_path_factory.mktemp("edge") / "records", edge_cases())
    defs = definitions(pack)
    return tidy(run("duckdb", folder, defs), defs, load_areas(data_dir))


def value(table: pd.DataFrame, code: str, area: str, period: str) -> tuple[float, int, object] | None:
    row = table[(table.indicator == code) & (table.area == area) & (table.period == period)]
    if row.empty:
        return None
    r = row.iloc[0]
    return float(r.value), int(r.numerator), (None if pd.isna(r.denominator) else int(r.denominator))


def test_pack_registers_every_record_indicator(pack) -> None:
    assert [r.code for r in pack.record_indicators] == CODES
    assert {c for c in CODES} <= {i.code for i in pack.indicators}  # registry entries too (observations need them)
    assert load_pack("vn-nq52").record_indicators == []


@pytest.mark.parametrize(
    ("code", "area", "period", "expected"),
    [
        # June, old units: VN63_02 has records 1, 3 (pending), 7 (23:30 on 30/06 VN); VN63_08 has 2 and 4 (withdrawn)
        ("SVC_APPLICATIONS", "VN63_02", "2025-06", (3, 3, None)),
        ("SVC_APPLICATIONS", "VN63_08", "2025-06", (2, 2, None)),
        ("SVC_ONLINE_SHARE", "VN63_02", "2025-06", (200 / 3, 2, 3)),
        ("SVC_ONLINE_SHARE", "VN63_08", "2025-06", (0.0, 0, 1)),  # the withdrawn one is left out
        # June rebuilt for the new unit VN34_08 from both predecessors (sums, never averaged shares)
        ("SVC_APPLICATIONS", "VN34_08", "2025-06", (5, 5, None)),
        ("SVC_ONLINE_SHARE", "VN34_08", "2025-06", (50.0, 2, 4)),
        ("SVC_FULLY_ONLINE_SHARE", "VN34_08", "2025-06", (25.0, 1, 4)),
        ("SVC_ON_TIME_SHARE", "VN34_08", "2025-06", (200 / 3, 2, 3)),  # pending and withdrawn left out; 2 is late
        ("SVC_ONLINE_PAYMENT_SHARE", "VN34_08", "2025-06", (100 / 3, 1, 3)),  # no-fee 3 and withdrawn 4 left out
        ("SVC_RESULT_DIGITISED_SHARE", "VN34_08", "2025-06", (200 / 3, 2, 3)),  # completed only
        ("SVC_SATISFACTION_MEAN", "VN34_08", "2025-06", (4.0, 8, 2)),
        # 17:30 UTC on 30/06 is July in Viet Nam; 17:30 UTC on 31/07 is August
        ("SVC_APPLICATIONS", "VN34_08", "2025-07", (1, 1, None)),
        ("SVC_ON_TIME_SHARE", "VN34_08", "2025-07", (100.0, 1, 1)),  # a rejection on time counts as closed
        ("SVC_SATISFACTION_MEAN", "VN34_08", "2025-07", (2.0, 2, 1)),
        ("SVC_ONLINE_PAYMENT_SHARE", "VN34_08", "2025-08", (100.0, 1, 1)),
        ("SVC_APPLICATIONS", "VNM", "2025-06", (5, 5, None)),
        ("SVC_APPLICATIONS", "VNM", "2025-08", (1, 1, None)),
        # ministries: central-level applications only
        ("SVC_APPLICATIONS", "MOJ", "2025-06", (1, 1, None)),
        ("SVC_ONLINE_SHARE", "MOJ", "2025-07", (0.0, 0, 1)),
    ],
)
def test_indicator_values_by_hand(computed, code: str, area: str, period: str, expected: tuple) -> None:
    got = value(computed[0], code, area, period)
    assert got is not None
    assert math.isclose(got[0], expected[0], rel_tol=1e-12)
    assert got[1:] == expected[1:]


def test_no_value_without_a_denominator_and_no_old_unit_after_the_change(computed) -> None:
    table = computed[0]
    assert value(table, "SVC_ONLINE_PAYMENT_SHARE", "VN34_08", "2025-07") is None  # no fee in July
    assert value(table, "SVC_RESULT_DIGITISED_SHARE", "VN34_08", "2025-07") is None  # rejected, not completed
    assert table[table.area.str.startswith("VN63_")].period.max() == "2025-06"
    assert not table.period.str.len().eq(4).any()  # three months only: no year is complete
    assert list(table.columns) == ["indicator", "area", "period", "value", "numerator", "denominator"]


def test_bad_records_counted_per_rule_and_excluded_once(computed) -> None:
    report = computed[1].as_dict()
    rules = {r["rule"]: r["records"] for r in report["rules"]}
    assert rules == {
        "missing_value": 0,
        "unknown_enum": 2,
        "times_out_of_order": 2,
        "status_time_mismatch": 1,
        "satisfaction_out_of_range": 0,
        "fully_online_but_offline": 0,
        "unknown_area": 1,
        "area_not_valid_at_submission": 1,
    }
    assert (report["records"], report["excluded"], report["valid"]) == (13, 6, 7)
    assert report["excluded_by_month"] == {"2025-06": 5, "2025-07": 1}


def test_a_year_spanning_the_change_follows_the_successor(pack, data_dir: Path, tmp_path: Path) -> None:
    recs = [
        record(m, area_id="VN63_02" if m <= 6 else "VN34_08", channel="online" if m <= 6 else "offline",
               submitted=f"2025-{m:02d}-15 12:00")
        for m in range(1, 13)
    ]
    defs = definitions(pack, ["SVC_ONLINE_SHARE"])
    table, _ = tidy(run("duckdb", write(tmp_path / "r", recs), defs), defs, load_areas(data_dir))
    assert value(table, "SVC_ONLINE_SHARE", "VN34_08", "2025") == (50.0, 6, 12)
    assert value(table, "SVC_ONLINE_SHARE", "VN63_02", "2025") is None  # ceased on 30/06: no 2025 value
    assert value(table, "SVC_ONLINE_SHARE", "VN63_02", "2025-06") == (100.0, 1, 1)
    assert value(table, "SVC_ONLINE_SHARE", "VNM", "2025") == (50.0, 6, 12)


def test_definition_is_portable_sql_for_both_engines(pack) -> None:
    defs = definitions(pack, ["SVC_ON_TIME_SHARE"])
    duck, spark = partial_sql(defs, "duckdb"), partial_sql(defs, "spark")
    assert "STRFTIME" in duck and "DATE_FORMAT" in spark
    assert "status = 'pending'" in duck and "status = 'pending'" in spark
    assert "COUNT_IF" in duck and "COUNT_IF" in spark


def test_decision_766_groups_by_hand() -> None:
    rows = []
    for area, vals in {
        "VN34_01": {"SVC_ON_TIME_SHARE": 90, "SVC_RESULT_DIGITISED_SHARE": 50, "SVC_ONLINE_SHARE": 60,
                    "SVC_FULLY_ONLINE_SHARE": 30, "SVC_ONLINE_PAYMENT_SHARE": 90, "SVC_SATISFACTION_MEAN": 4},
        "MOJ": {"SVC_ON_TIME_SHARE": 100, "SVC_RESULT_DIGITISED_SHARE": 0, "SVC_ONLINE_SHARE": 60,
                "SVC_FULLY_ONLINE_SHARE": 30, "SVC_SATISFACTION_MEAN": 1},
    }.items():
        rows += [{"indicator": k, "area": area, "period": "2025", "value": v} for k, v in vals.items()]
    got = score(pd.DataFrame(rows), "2025").set_index(["area", "group"])
    assert got.loc[("VN34_01", "D766_PROGRESS"), "score"] == pytest.approx(18.0)
    assert got.loc[("VN34_01", "D766_DIGITISATION"), "score"] == pytest.approx(11.0)
    assert got.loc[("VN34_01", "D766_ONLINE"), "score"] == pytest.approx(22 * 0.6)
    assert got.loc[("VN34_01", "D766_SATISFACTION"), "score"] == pytest.approx(18 * 0.75)
    assert got.loc[("MOJ", "D766_SATISFACTION"), "score"] == pytest.approx(0.0)
    for area in ("VN34_01", "MOJ"):  # transparency is never guessed
        assert not got.loc[(area, "D766_TRANSPARENCY"), "computable"]
        assert pd.isna(got.loc[(area, "D766_TRANSPARENCY"), "score"])
    assert not got.loc[("MOJ", "D766_ONLINE"), "computable"]  # no payment share: the group is not computable
    assert "SVC_ONLINE_PAYMENT_SHARE" in got.loc[("MOJ", "D766_ONLINE"), "note"]
    assert set(got.reset_index()["points"]) == {18, 20, 22}
