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


def word(pair: tuple[str, str], lang: str) -> str:
    """The Vietnamese member of a pair for ``vi``, the English one otherwise."""
    return pair[0] if lang == "vi" else pair[1]
