"""Words of the reporting loop shared by every way in and out (Excel template, letter, e-mail, pages): the kinds
of item a unit reports and the statuses it may give a task, each as a (Vietnamese, English) pair."""

from __future__ import annotations

ITEM_KINDS: dict[str, tuple[str, str]] = {
    "indicator": ("Chỉ số", "Indicator"),
    "task": ("Nhiệm vụ", "Task"),
    "section": ("Nội dung báo cáo", "Report section"),
}

TASK_REPORT_STATUSES: dict[str, tuple[str, str]] = {
    "not_started": ("Chưa triển khai", "Not started"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "completed": ("Đã hoàn thành", "Completed"),
    "completed_late": ("Hoàn thành quá hạn", "Completed late"),
    "not_due": ("Chưa đến hạn", "Not due"),
}

TASK_STATE_WORDS: dict[str, tuple[str, str]] = {
    **TASK_REPORT_STATUSES,
    "not_reported": ("Chưa báo cáo", "Not reported"),
}
"""A task's reported status as a report, page or table says it (the reported statuses and 'not reported')."""
OVERDUE: tuple[str, str] = ("quá hạn", "overdue")


# What a late unit's submission state means, as said in a reminder or an urging letter.
LATE_STATES: dict[str, tuple[str, str]] = {
    "not_submitted": ("chưa gửi báo cáo", "has not submitted its report"),
    "draft": ("mới lưu bản nháp, chưa gửi báo cáo", "has saved a draft but not submitted it"),
    "returned": ("báo cáo bị trả lại, chưa gửi lại", "had its report returned and has not resubmitted it"),
    "submitted": ("đã gửi, chưa được lãnh đạo đơn vị phê duyệt", "has submitted, awaiting its own approval"),
    "approved": ("đã gửi, đang chờ tiếp nhận", "has submitted, awaiting acceptance"),
}


def word(pair: tuple[str, str], lang: str) -> str:
    """The Vietnamese member of a pair for ``vi``, the English one otherwise."""
    return pair[0] if lang == "vi" else pair[1]


# A unit's report state, as a short label (pages, tables).
REPORT_STATES: dict[str, tuple[str, str]] = {
    "not_submitted": ("Chưa gửi", "Not submitted"),
    "draft": ("Bản nháp", "Draft"),
    "submitted": ("Đã gửi, chờ phê duyệt", "Submitted, awaiting approval"),
    "approved": ("Đã phê duyệt, chờ tiếp nhận", "Approved, awaiting acceptance"),
    "accepted": ("Đã tiếp nhận", "Accepted"),
    "returned": ("Bị trả lại", "Returned"),
}


COLLECTIONS: dict[str, tuple[str, str]] = {
    "automatic": ("Đo tự động từ hệ thống", "Measured automatically"),
    "self_reported": ("Đơn vị tự báo cáo", "Self-reported"),
}
"""How a unit's indicator value was obtained (an indicator item's ``collection``)."""
INDICATOR_META = ("method", "source", "collection")
"""What an indicator item may say besides its value: ``{"value": n, "method", "source", "collection"}``."""
