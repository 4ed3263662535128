"""Wording of the reporting loop's pages (Vietnamese first, English second)."""

from __future__ import annotations

from dxtrack.present import Lang, pick

LABELS: dict[str, tuple[str, str]] = {
    "nav": ("Báo cáo định kỳ", "Reporting"),
    "home_title": ("Báo cáo định kỳ của đơn vị", "Your reporting"),
    "home_intro": (
        "Các đợt báo cáo mà bạn được giao vai trò: nhập số liệu, phê duyệt hoặc điều phối. "
        "Mỗi đơn vị chỉ thấy phần báo cáo của mình.",
        "The data calls you hold a role in: entering data, approving or coordinating. "
        "Each unit sees only its own part.",
    ),
    "no_calls": ("Chưa có đợt báo cáo nào giao cho bạn.", "No data call concerns you yet."),
    "call": ("Đợt báo cáo", "Data call"),
    "period": ("Kỳ báo cáo", "Period"),
    "cutoff": ("Ngày chốt số liệu", "Data cut-off"),
    "due": ("Hạn gửi", "Due"),
    "unit": ("Đơn vị", "Unit"),
    "state": ("Trạng thái", "State"),
    "late": ("Chậm hạn", "Late"),
    "on_time": ("Đúng hạn", "On time"),
    "revision": ("Lần gửi", "Revision"),
    "owes": ("Còn thiếu", "Missing"),
    "items": ("mục", "items"),
    "open_form": ("Mở báo cáo", "Open the report"),
    "board": ("Bảng theo dõi tiến độ nộp", "Completeness board"),
    "review_queue": ("Báo cáo chờ xử lý", "Review queue"),
    "review_queue_intro": (
        "Báo cáo đã gửi chờ lãnh đạo đơn vị phê duyệt, và báo cáo đã phê duyệt chờ cơ quan điều phối tiếp nhận.",
        "Reports submitted and awaiting their unit's approval, and approved reports awaiting acceptance.",
    ),
    "queue_empty": ("Không có báo cáo nào chờ bạn xử lý.", "No report is waiting for you."),
    "step_approver": ("chờ phê duyệt", "to approve"),
    "step_coordinator": ("chờ tiếp nhận", "to accept"),
    "overdue": ("Nhiệm vụ quá hạn", "Overdue tasks"),
    "roles_here": ("Vai trò của bạn", "Your roles"),
    "new_call": ("Mở đợt báo cáo mới", "Open a data call"),
    "title": ("Tiêu đề", "Title"),
    "orgs": ("Đơn vị báo cáo", "Reporting units"),
    "orgs_hint": (
        "all = tất cả bộ, cơ quan và tỉnh; hoặc mã đơn vị cách nhau bằng dấu phẩy (MOST,VN34_01)",
        "all = every ministry, agency and province; or unit ids separated by commas (MOST,VN34_01)",
    ),
    "open_call": ("Mở đợt báo cáo", "Open the call"),
    "call_opened": ("Đã mở đợt báo cáo số {id}.", "Data call {id} is open."),
    "series": ("Chuỗi", "Series"),
    "next_period": ("Kỳ tiếp theo", "Next period"),
    "repeat_months": ("Lặp lại sau (số tháng, để trống nếu không lặp)", "Repeat every (months; empty: no repeat)"),
    "open_next": ("Mở kỳ báo cáo tiếp theo", "Open the next period's call"),
    # the unit's page
    "excel": ("Mẫu Excel", "Excel template"),
    "excel_intro": (
        "Tải mẫu Excel của đơn vị, điền vào các ô màu vàng rồi tải lên: báo cáo được kiểm tra và gửi như khi nhập "
        "trên biểu mẫu.",
        "Download the unit's Excel template, fill in the yellow cells and upload it: the report is checked and "
        "submitted as from the form.",
    ),
    "download": ("Tải mẫu Excel (.xlsx)", "Download the template (.xlsx)"),
    "upload": ("Tải lên và gửi", "Upload and submit"),
    "upload_file": ("Tệp Excel đã điền", "Filled Excel file"),
    "form": ("Nhập trực tiếp", "Fill in here"),
    "form_intro": (
        "Có thể lưu nháp nhiều lần; trước khi gửi, xem toàn bộ kết quả kiểm tra. Lỗi phải sửa mới gửi được; "
        "cảnh báo cần ghi chú giải thích.",
        "Save a draft as often as you like; before submitting, see the whole check. Errors must be fixed before "
        "submitting; warnings need an explanatory comment.",
    ),
    "indicators": ("Chỉ số", "Indicators"),
    "tasks": ("Nhiệm vụ", "Tasks"),
    "sections": ("Nội dung báo cáo", "Report sections"),
    "value": ("Giá trị", "Value"),
    "comment": ("Ghi chú, giải thích", "Comment"),
    "rules": ("Yêu cầu", "Rules"),
    "task_status": ("Tình trạng", "Status"),
    "not_reported": ("— chưa báo cáo —", "— not reported —"),
    "product": ("Sản phẩm (số, ngày văn bản)", "Product (document no. and date)"),
    "note": ("Kết quả, tiến độ", "Progress note"),
    "evidence": ("Minh chứng (đường dẫn, mỗi dòng một)", "Evidence (links, one a line)"),
    "method": ("Ghi chú phương pháp tính", "Method note"),
    "source": ("Nguồn số liệu", "Source of the figure"),
    "collection": ("Cách thu thập", "Collection"),
    "collection_none": ("— chưa chọn —", "— not given —"),
    "task_deadline": ("Thời hạn", "Deadline"),
    "role_lead": ("chủ trì", "lead"),
    "role_cooperating": ("phối hợp", "co-operating"),
    "save_draft": ("Lưu nháp và kiểm tra", "Save draft and check"),
    "submit": ("Gửi báo cáo", "Submit the report"),
    "check": ("Kết quả kiểm tra", "Validation report"),
    "check_none": ("Chưa kiểm tra: hãy lưu nháp để xem kết quả kiểm tra.", "Not checked yet: save a draft to see it."),
    "check_ok": ("Không có lỗi. Báo cáo có thể gửi.", "No errors. The report can be submitted."),
    "errors": ("Lỗi (phải sửa)", "Errors (must be fixed)"),
    "warnings": ("Cảnh báo (cần ghi chú)", "Warnings (need a comment)"),
    "rule": ("quy tắc", "rule"),
    "draft_saved": ("Đã lưu nháp (lần {revision}).", "Draft saved (revision {revision})."),
    "draft_same": ("Nội dung không đổi so với lần lưu trước.", "Nothing changed since the last save."),
    "submitted_ok": ("Đã gửi báo cáo (lần {revision}).", "Report submitted (revision {revision})."),
    "submitted_same": ("Báo cáo này đã được gửi trước đó; không ghi thêm.", "This report was already submitted."),
    "rejected": ("Báo cáo chưa được gửi vì còn lỗi:", "The report was not submitted; it has errors:"),
    "locked": (
        "Báo cáo đang ở trạng thái “{state}”; không sửa được cho đến khi được trả lại hoặc mở lại.",
        "The report is “{state}”; it cannot be changed until it is returned or reopened.",
    ),
    "history": ("Lịch sử báo cáo", "History"),
    "history_none": ("Chưa có lần lưu hoặc gửi nào.", "Nothing saved or submitted yet."),
    "when": ("Thời điểm", "When"),
    "step": ("Thao tác", "Step"),
    "by": ("Người thực hiện", "By"),
    "reason": ("Lý do", "Reason"),
    "review": ("Xử lý báo cáo", "Review"),
    "approve": ("Phê duyệt", "Approve"),
    "accept": ("Tiếp nhận", "Accept"),
    "return": ("Trả lại", "Return"),
    "reopen": ("Mở lại", "Reopen"),
    "reason_required": ("Lý do (bắt buộc khi trả lại hoặc mở lại)", "Reason (required to return or reopen)"),
    "reviewed": ("Báo cáo hiện ở trạng thái “{state}”.", "The report is now “{state}”."),
    "reminder_late": (
        "Đơn vị đã quá hạn gửi báo cáo ({due}); còn thiếu {owes} mục. Đề nghị hoàn thành và gửi sớm nhất có thể.",
        "The report is overdue (due {due}); {owes} items are still missing. Please complete and submit it now.",
    ),
    "reminder_soon": (
        "Hạn gửi báo cáo là ngày {due} (còn {days} ngày); còn thiếu {owes} mục.",
        "The report is due on {due} ({days} days left); {owes} items are still missing.",
    ),
    "reminder_sent_before": ("Đã gửi thư nhắc hạn lúc", "Reminder sent on"),
    "reminder_sent_after": ("Đã gửi thư đôn đốc lúc", "Urging message sent on"),
    "returned_because": ("Báo cáo bị trả lại với lý do:", "The report was returned because:"),
    # the board
    "board_intro": (
        "Tình trạng nộp báo cáo của từng đơn vị bạn điều phối: đúng hạn, chậm hạn, chưa gửi, bị trả lại, và nội "
        "dung còn thiếu.",
        "Each unit you coordinate: on time, late, not submitted, returned, and what it still owes.",
    ),
    "as_of_day": ("Tính đến ngày", "As of"),
    "summary": ("Tổng hợp", "Summary"),
    "units_total": ("đơn vị", "units"),
    "late_units": ("đơn vị chậm hạn", "late units"),
    "missing_items": ("Nội dung còn thiếu", "Items still owed"),
    "nothing_missing": ("đủ", "complete"),
    "letter_download": (
        "Tải công văn đôn đốc {n} đơn vị chậm hạn (DOCX)",
        "Download the urging letter to the {n} late unit(s) (DOCX)",
    ),
    "letter_none": (
        "Không có đơn vị nào chậm hạn; chưa cần công văn đôn đốc.",
        "No unit is late; no urging letter is needed.",
    ),
    # overdue tasks
    "overdue_intro": (
        "Nhiệm vụ đến hạn theo cơ quan chủ trì, theo tình trạng mới nhất đã được tiếp nhận từ báo cáo của đơn vị "
        "(hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành, chưa có báo cáo).",
        "Tasks due, by lead body, from the latest accepted status in the units' reports (done on time, done late, "
        "not done, not reported).",
    ),
    "lead_body": ("Cơ quan chủ trì", "Lead body"),
    "tasks_due": ("Nhiệm vụ đến hạn", "Tasks due"),
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "not_done": ("Chưa hoàn thành", "Not done"),
    "share_on_time": ("Tỷ lệ đúng hạn", "Share on time"),
    "overdue_list": ("Nhiệm vụ quá hạn chưa hoàn thành", "Overdue tasks not done"),
    "last_status": ("Tình trạng báo cáo gần nhất", "Latest reported status"),
    "no_report": ("chưa có báo cáo", "not reported"),
    "total": ("Tổng", "Total"),
    # unit scorecards
    "scorecard": ("Kết quả thực hiện báo cáo của các đơn vị", "Unit scorecards"),
    "scorecard_intro": (
        "Theo các đợt báo cáo của bộ nội dung {pack}: tỷ lệ đợt gửi báo cáo đúng hạn, tỷ lệ nội dung được báo cáo, "
        "tỷ lệ nhiệm vụ chủ trì hoàn thành đúng hạn và tỷ lệ báo cáo bị trả lại. Đơn vị đã sáp nhập được tính vào "
        "đơn vị kế thừa.",
        "Over the data calls on the {pack} pack: share of calls reported on time, share of the items asked that "
        "were reported, share of led tasks done on time and share of reports returned. A merged unit's record "
        "counts for its successor.",
    ),
    "group_ministry": ("Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ministries and Government agencies"),
    "group_province": ("Tỉnh, thành phố trực thuộc trung ương", "Provinces and centrally-run cities"),
    "calls_on_time": ("Báo cáo đúng hạn", "Reports on time"),
    "completeness": ("Nội dung đã báo cáo", "Items reported"),
    "own_tasks_on_time": ("Nhiệm vụ chủ trì đúng hạn", "Led tasks on time"),
    "returned_share": ("Báo cáo bị trả lại", "Reports returned"),
    "report_content": ("Nội dung báo cáo của đơn vị", "The unit's report"),
    "reported_count": ("Đã báo cáo {n}/{total} mục.", "{n} of {total} items reported."),
    "check_ok_review": ("Không có lỗi.", "No errors."),
    "event_draft": ("Lưu nháp", "Draft saved"),
    "event_submitted": ("Gửi báo cáo", "Submitted"),
    "event_approved": ("Phê duyệt", "Approved"),
    "event_accepted": ("Tiếp nhận", "Accepted"),
    "event_returned": ("Trả lại", "Returned"),
    # validation rules, as the report names them (the code follows in the page)
    "rule_type": ("sai kiểu dữ liệu", "wrong type"),
    "rule_min": ("nhỏ hơn mức tối thiểu", "below the minimum"),
    "rule_max": ("vượt mức tối đa", "above the maximum"),
    "rule_integer": ("phải là số nguyên", "must be a whole number"),
    "rule_statuses": ("tình trạng không hợp lệ", "status not allowed"),
    "rule_evidence_required": ("thiếu minh chứng", "evidence required"),
    "rule_required": ("bắt buộc báo cáo", "required"),
    "rule_unknown_item": ("mục không có trong mẫu", "not in the template"),
    "rule_outlier": ("giá trị bất thường", "outlier"),
    "rule_minmax": ("ngoài khoảng giá trị đã có", "outside the learned range"),
    "rule_comment_required": ("cần ghi chú giải thích", "comment required"),
}


def label(key: str, lang: Lang, **params: object) -> str:
    """The page wording ``key`` in ``lang``, filled with ``params``."""
    text = pick(LABELS[key], lang)
    return text.format(**params) if params else text
