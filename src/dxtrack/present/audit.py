"""Wording of the audit check's findings (Vietnamese, English)."""

from __future__ import annotations

from typing import Any

from dxtrack.present.lang import Lang, pick

FINDINGS: dict[str, tuple[str, str]] = {
    "event_missing": ("thiếu sự kiện {event} (đã bị xoá)", "event {event} is missing (removed)"),
    "event_changed": (
        "sự kiện {event} ({record}) đã bị sửa hoặc đổi thứ tự: mã băm không khớp nội dung",
        "event {event} ({record}) was changed or reordered: its hash does not match its content",
    ),
    "chain_broken": (
        "chuỗi bị đứt tại sự kiện {event} ({record}): prev_hash không phải mã băm của sự kiện trước",
        "chain broken at event {event} ({record}): prev_hash is not the previous event's hash",
    ),
    "record_changed": (
        "bản ghi {record} đã bị sửa sau sự kiện {event}",
        "record {record} was changed after event {event}",
    ),
    "record_removed": (
        "bản ghi {record} đã bị xoá (sự kiện {event})",
        "record {record} was removed (event {event})",
    ),
    "guard_missing": (
        "bảng {record} không còn được bảo vệ: trigger chặn UPDATE/DELETE đã bị xoá hoặc tắt",
        "{record} is no longer guarded: its trigger refusing UPDATE/DELETE was dropped or disabled",
    ),
    "record_unaudited": (
        "bản ghi {record} không có sự kiện kiểm toán nào (ghi ngoài dxtrack, hoặc sự kiện đã bị xoá)",
        "record {record} has no audit event (written outside dxtrack, or its event was removed)",
    ),
}


def finding(problem: dict[str, Any], lang: Lang) -> str:
    """One line naming the event and the record a problem concerns."""
    record = f"{problem['entity']} {problem['entity_id']}" if problem.get("entity") else "—"
    return pick(FINDINGS[problem["kind"]], lang).format(event=problem.get("event"), record=record)


def summary(report: dict[str, Any], lang: Lang) -> str:
    """The closing line of ``dxtrack audit verify``."""
    if report["ok"]:
        return pick(
            (
                "Nhật ký kiểm toán nguyên vẹn: {events} sự kiện, {records} bản ghi đã kiểm tra; mã đầu chuỗi {head}",
                "Audit trail intact: {events} events, {records} records checked; chain head {head}",
            ),
            lang,
        ).format(events=report["events"], records=report["records_checked"], head=report["head"])
    return pick(
        ("Nhật ký kiểm toán KHÔNG nguyên vẹn: {n} vấn đề", "Audit trail NOT intact: {n} problem(s)"), lang
    ).format(n=len(report["problems"]))
