"""The reporting loop's vocabulary: submission states, task statuses and the narrative sections of a unit's report
(the parts of an official implementation report: leadership, results, limitations, causes, lessons, proposals)."""

from __future__ import annotations

STATES = ("not_submitted", "draft", "submitted", "approved", "accepted", "returned")
"""A unit's state in a call; ``not_submitted`` until its first submission."""

STATE_WORDS: dict[str, tuple[str, str]] = {
    "not_submitted": ("chưa gửi", "not_submitted"),
    "draft": ("bản nháp", "draft"),
    "submitted": ("đã gửi", "submitted"),
    "approved": ("đã phê duyệt", "approved"),
    "accepted": ("đã tiếp nhận", "accepted"),
    "returned": ("bị trả lại", "returned"),
    "open": ("đang mở", "open"),
    "closed": ("đã đóng", "closed"),
}
"""A unit's state (or a call's) in an error message: Vietnamese words, the English keeps the code."""

TASK_STATUSES = ("not_started", "in_progress", "completed", "completed_late", "not_due")
EVIDENCE_REQUIRED_FOR = ("completed", "completed_late")
DONE_STATES = ("submitted", "approved", "accepted")
"""States in which a unit has reported (it is late only if it first reported after the due date)."""

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("leadership", "Công tác lãnh đạo, chỉ đạo", "Leadership and direction"),
    ("results", "Kết quả thực hiện nhiệm vụ", "Results per task group"),
    ("limitations", "Tồn tại, hạn chế", "Limitations"),
    ("causes_objective", "Nguyên nhân khách quan", "Causes (objective)"),
    ("causes_subjective", "Nguyên nhân chủ quan", "Causes (subjective)"),
    ("lessons", "Bài học kinh nghiệm", "Lessons"),
    ("directions", "Nhiệm vụ trọng tâm thời gian tới", "Key tasks for the coming period"),
    ("proposals", "Đề xuất, kiến nghị", "Proposals"),
)
"""(id, Vietnamese label, English label) of the narrative sections every unit writes."""

SECTION_PREFIX = "section."
GROUP_RESULTS = "results."
"""A unit's results on one task group it has tasks in: section ``results.<group id>``."""
TEMPLATE_FORMAT = "1"
