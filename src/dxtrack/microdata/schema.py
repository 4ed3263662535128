"""The service-record schema: one row per application for a public service (columns, enums, Arrow schema, rules).

One source of truth for the record layout: the pyarrow schema, the JSON Schema (``schemas/service-record.schema.json``
is written from :func:`json_schema`) and the bad-record rules the engines evaluate all come from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

AGENCY_LEVELS = ("central", "province", "commune")
CHANNELS = ("online", "offline")
STATUSES = ("completed", "rejected", "pending", "withdrawn")
SATISFACTION_RANGE = (1, 5)
VN_UTC_OFFSET_HOURS = 7
"""Months and years of the indicators are Viet Nam calendar periods (UTC+7, no daylight saving)."""

TS = pa.timestamp("us", tz="UTC")

ARROW_SCHEMA = pa.schema(
    [
        pa.field("record_id", pa.string(), nullable=False),
        pa.field("procedure_code", pa.string(), nullable=False),
        pa.field("agency_level", pa.string(), nullable=False),
        pa.field("agency_id", pa.string(), nullable=False),
        pa.field("area_id", pa.string(), nullable=False),
        pa.field("channel", pa.string(), nullable=False),
        pa.field("fully_online", pa.bool_(), nullable=False),
        pa.field("submitted_at", TS, nullable=False),
        pa.field("due_at", TS, nullable=False),
        pa.field("completed_at", TS, nullable=True),
        pa.field("status", pa.string(), nullable=False),
        pa.field("paid_online", pa.bool_(), nullable=True),
        pa.field("result_digitised", pa.bool_(), nullable=False),
        pa.field("satisfaction", pa.int8(), nullable=True),
    ]
)
COLUMNS: tuple[str, ...] = tuple(ARROW_SCHEMA.names)
PARTITION_KEY = "month"
"""Parquet folders are ``month=YYYY-MM`` (Viet Nam month of ``submitted_at``); the engines never trust it."""

_DESCRIPTIONS = {
    "record_id": "Unique id of the application (hồ sơ).",
    "procedure_code": "Code of the administrative procedure in the National Database of Administrative Procedures.",
    "agency_level": "Level of the agency that handles the application.",
    "agency_id": "The handling agency: a ministry's id for central agencies, else a provincial or commune unit id.",
    "area_id": "dxtrack area id of the province at the time of the application: VN63_… before 01/07/2025, "
    "VN34_… from then on.",
    "channel": "How the application was submitted.",
    "fully_online": "The whole procedure was done online (dịch vụ công trực tuyến toàn trình).",
    "submitted_at": "When the application was received (timestamp with time zone).",
    "due_at": "When the result is due by law (timestamp with time zone).",
    "completed_at": "When the application was closed (result issued, rejected or withdrawn); null while pending.",
    "status": "Outcome of the application so far.",
    "paid_online": "The fee was paid online; null when the procedure has no fee.",
    "result_digitised": "The result was issued in (or digitised to) electronic form.",
    "satisfaction": "The applicant's rating, 1 (very dissatisfied) to 5 (very satisfied); null when not rated.",
}
_ENUMS: dict[str, tuple[str, ...]] = {"agency_level": AGENCY_LEVELS, "channel": CHANNELS, "status": STATUSES}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record, derived from :data:`ARROW_SCHEMA`."""
    props: dict[str, Any] = {}
    for f in ARROW_SCHEMA:
        if pa.types.is_timestamp(f.type):
            prop: dict[str, Any] = {"type": "string", "format": "date-time"}
        elif pa.types.is_boolean(f.type):
            prop = {"type": "boolean"}
        elif pa.types.is_integer(f.type):
            prop = {"type": "integer", "minimum": SATISFACTION_RANGE[0], "maximum": SATISFACTION_RANGE[1]}
        else:
            prop = {"type": "string", "minLength": 1}
        if f.name in _ENUMS:
            prop = {"type": "string", "enum": list(_ENUMS[f.name])}
        if f.name == "area_id":
            prop["pattern"] = r"^VN(63|34)_[0-9]{2}$"
        if f.nullable:
            prop["type"] = [prop["type"], "null"]
        prop["description"] = _DESCRIPTIONS[f.name]
        props[f.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dxtrack.example/schemas/service-record.schema.json",
        "title": "dxtrack service record (one application for a public service)",
        "description": "Stored as Parquet partitioned by month (month=YYYY-MM, Viet Nam time of submitted_at); "
        "see docs/microdata.md. Cross-field rules (times in order, area valid at submitted_at) are "
        "checked by dxtrack and reported per rule.",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in ARROW_SCHEMA if not f.nullable] + ["completed_at", "paid_online", "satisfaction"],
        "properties": props,
    }


@dataclass(frozen=True)
class Rule:
    """A bad-record rule: id, what it means (vi/en) and, for record-level rules, a SQL condition (true = bad)."""

    id: str
    text_vi: str
    text_en: str
    sql: str | None = None  # None: decided from the area table after aggregation


def _in(col: str, values: tuple[str, ...]) -> str:
    return f"{col} IN ({', '.join(repr(v) for v in values)})"


_REQUIRED = (
    "record_id",
    "procedure_code",
    "agency_level",
    "agency_id",
    "area_id",
    "channel",
    "fully_online",
    "submitted_at",
    "due_at",
    "status",
    "result_digitised",
)

RULES: tuple[Rule, ...] = (
    Rule(
        "missing_value",
        "thiếu giá trị bắt buộc",
        "a required value is missing",
        " OR ".join(f"{c} IS NULL" for c in _REQUIRED),
    ),
    Rule(
        "unknown_enum",
        "giá trị ngoài danh mục (agency_level, channel, status)",
        "value outside the list (agency_level, channel, status)",
        f"NOT ({_in('agency_level', AGENCY_LEVELS)}) OR NOT ({_in('channel', CHANNELS)}) "
        f"OR NOT ({_in('status', STATUSES)})",
    ),
    Rule(
        "times_out_of_order",
        "thời điểm không theo thứ tự (hạn hoặc hoàn thành trước khi nộp)",
        "times out of order (due or closed before submission)",
        "due_at < submitted_at OR completed_at < submitted_at",
    ),
    Rule(
        "status_time_mismatch",
        "trạng thái không khớp thời điểm hoàn thành",
        "status does not match completed_at",
        "(status = 'pending' AND completed_at IS NOT NULL) OR (status <> 'pending' AND completed_at IS NULL)",
    ),
    Rule(
        "satisfaction_out_of_range",
        "mức hài lòng ngoài khoảng 1–5",
        "satisfaction outside 1-5",
        f"satisfaction < {SATISFACTION_RANGE[0]} OR satisfaction > {SATISFACTION_RANGE[1]}",
    ),
    Rule(
        "fully_online_but_offline",
        "toàn trình trực tuyến nhưng nộp trực tiếp",
        "fully online but submitted offline",
        "fully_online AND channel = 'offline'",
    ),
    Rule("unknown_area", "mã địa bàn không có trong bảng địa bàn", "area id not in the area table"),
    Rule(
        "area_not_valid_at_submission",
        "địa bàn không còn/chưa có hiệu lực vào thời điểm nộp",
        "area id not valid at submitted_at",
    ),
)
RECORD_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.sql is not None)
AREA_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.sql is None)
