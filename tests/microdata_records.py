"""Small constructed record sets for the microdata tests (times written in Viet Nam time, stored in UTC)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dxtrack.microdata.schema import ARROW_SCHEMA

VN = dt.timezone(dt.timedelta(hours=7))


def vn(text: str) -> dt.datetime:
    """'2025-06-10 09:00' in Viet Nam time, as an aware UTC datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN).astimezone(dt.UTC)


def record(n: int, **kw: Any) -> dict[str, Any]:
    sub = kw.pop("submitted", "2025-06-10 09:00")
    submitted = vn(sub) if isinstance(sub, str) else sub
    due_days = kw.pop("due_days", 5)
    closed_after = kw.pop("closed_after_days", 2)
    status = kw.get("status", "completed")
    rec: dict[str, Any] = {
        "record_id": f"T{n:04d}",
        "procedure_code": "1.000001",
        "agency_level": "province",
        "agency_id": "X",
        "area_id": "VN63_02",
        "channel": "online",
        "fully_online": False,
        "submitted_at": submitted,
        "due_at": submitted + dt.timedelta(days=due_days),
        "completed_at": None if status == "pending" else submitted + dt.timedelta(days=closed_after),
        "status": status,
        "paid_online": None,
        "result_digitised": False,
        "satisfaction": None,
    }
    rec.update(kw)
    return rec


def write(folder: Path, records: list[dict[str, Any]], schema: pa.Schema = ARROW_SCHEMA) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(records, schema=schema), folder / "part-00000.parquet")
    return folder


def edge_cases() -> list[dict[str, Any]]:
    """Seven valid records around the 01/07/2025 change and six bad ones (expected values in the tests)."""
    return [
        # June 2025 (VN): Hà Giang VN63_02 and Tuyên Quang VN63_08, both merged into VN34_08
        record(1, channel="online", fully_online=True, paid_online=True, result_digitised=True, satisfaction=5,
               agency_level="central", agency_id="MOJ"),
        record(2, area_id="VN63_08", channel="offline", submitted="2025-06-15 10:00", closed_after_days=9,
               paid_online=False, satisfaction=3),
        record(3, status="pending"),  # online, pending, no fee
        record(4, area_id="VN63_08", status="withdrawn", submitted="2025-06-20 08:00"),
        # 2025-06-30 17:30 UTC is 01/07/2025 00:30 in Viet Nam: a July record, of a new unit
        record(5, area_id="VN34_08", channel="offline", status="rejected", submitted=dt.datetime(2025, 6, 30, 17, 30,
               tzinfo=dt.UTC), satisfaction=2, agency_level="central", agency_id="MOJ"),
        # 2025-07-31 17:30 UTC is 01/08/2025 00:30 in Viet Nam: August
        record(6, area_id="VN34_08", fully_online=True, paid_online=True, result_digitised=True, satisfaction=4,
               submitted=dt.datetime(2025, 7, 31, 17, 30, tzinfo=dt.UTC)),
        # 2025-06-30 16:30 UTC is 30/06/2025 23:30 in Viet Nam: still June, still an old unit
        record(7, channel="offline", paid_online=False, result_digitised=True,
               submitted=dt.datetime(2025, 6, 30, 16, 30, tzinfo=dt.UTC)),
        # bad records
        record(101, submitted="2025-07-05 09:00"),  # VN63_02 no longer exists in July
        record(102, area_id="VN63_99"),  # no such province
        record(103, due_days=-1),  # due before submission
        record(104, area_id="VN63_08", channel="web"),  # unknown channel
        record(105, area_id="VN63_08", channel="kiosk", closed_after_days=-2),  # two rules, excluded once
        record(106, area_id="VN63_08", status="pending", completed_at=vn("2025-06-12 09:00")),  # pending but closed
    ]
