"""The error catalogue: every error a user can meet through the CLI, the JSON API or a page has a stable
code, parameters and a Vietnamese and an English template. One JSON shape for every API error::

    {"error": "not_found", "code": "target_not_found", "params": {"target": "T99"},
     "detail": "target 'T99' not found", "status": 404}

``error`` is the HTTP-level kind kept from before; ``code``/``params`` say exactly what went wrong; ``detail``
is the message in the request's language (English unless the page or the API call asks for Vietnamese).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dxtrack.errors import DxtrackError, set_renderer
from dxtrack.present.lang import Lang, pick


@dataclass(frozen=True)
class ErrorSpec:
    """One entry of the catalogue: the HTTP status it answers with and its templates."""

    status: int
    vi: str
    en: str


CATALOGUE: dict[str, ErrorSpec] = {
    "not_found": ErrorSpec(404, "không tìm thấy {path}", "{path} not found"),
    "target_not_found": ErrorSpec(404, "không có mục tiêu '{target}'", "target '{target}' not found"),
    "indicator_not_found": ErrorSpec(404, "không có chỉ số '{indicator}'", "indicator '{indicator}' not found"),
    "area_not_found": ErrorSpec(404, "không có địa bàn '{area}'", "area '{area}' not found"),
    "assessment_not_found": ErrorSpec(
        404, "chưa có kết quả đánh giá mục tiêu '{target}'", "assessment of target '{target}' not found"
    ),
    "province_set_not_found": ErrorSpec(
        404, "không có bộ tỉnh '{which}' (chỉ có 63 hoặc 34)", "province set '{which}' not found"
    ),
    "boundaries_unavailable": ErrorSpec(
        404,
        "chưa có dữ liệu ranh giới tỉnh: chưa đặt DXTRACK_DATA_DIR",
        "boundaries not available: DXTRACK_DATA_DIR is not set",
    ),
    "invalid_as_of": ErrorSpec(
        400,
        "as_of '{value}' không phải là ngày hợp lệ; cần dạng YYYY-MM-DD, ví dụ 2025-06-30",
        "as_of '{value}' is not a valid date; expected YYYY-MM-DD, e.g. 2025-06-30",
    ),
    "future_as_of": ErrorSpec(
        400,
        "as_of {value} là một ngày trong tương lai; chỉ xem được số liệu đã công bố đến hôm nay",
        "as_of {value} is in the future; data can only be shown as published up to today",
    ),
    "too_many_as_of": ErrorSpec(
        429,
        "quá nhiều ngày as_of khác nhau ({limit} mỗi phút); vui lòng thử lại sau {retry_after} giây",
        "too many different as_of dates ({limit} a minute); please retry in {retry_after} seconds",
    ),
    "store_lost": ErrorSpec(
        503,
        "mất kết nối tới máy chủ cơ sở dữ liệu; bước này chưa được ghi gì — vui lòng thử lại",
        "the connection to the database server was lost; nothing of this step was written — try again",
    ),
    "server_busy": ErrorSpec(
        503,
        "máy chủ đang bận tính toán; vui lòng thử lại sau {retry_after} giây",
        "the server is busy computing; please retry in {retry_after} seconds",
    ),
    "invalid_date": ErrorSpec(
        400,
        "{option} '{value}' không phải là ngày; cần dạng YYYY-MM-DD",
        "{option} '{value}' is not a date; expected YYYY-MM-DD",
    ),
    "invalid_period": ErrorSpec(
        400,
        "{name} '{value}' không phải là kỳ số liệu; cần năm (2024), khoảng năm (2020-2023), 6 tháng (2024-H1), "
        "quý (2024-Q3), tháng (2024-07) hoặc ngày",
        "{name} '{value}' is not a period; expected a year (2024), a range of years (2020-2023), a half-year "
        "(2024-H1), a quarter (2024-Q3), a month (2024-07) or a date",
    ),
    "invalid_request": ErrorSpec(422, "tham số không hợp lệ: {fields}", "invalid request: {fields}"),
    "method_not_allowed": ErrorSpec(
        405, "không hỗ trợ phương thức {method} tại địa chỉ này", "method {method} not allowed here"
    ),
    "internal_error": ErrorSpec(
        500,
        "lỗi máy chủ; lỗi đã được ghi lại, vui lòng thử lại sau",
        "internal server error; it has been logged, please try again later",
    ),
    "peer_group_unknown": ErrorSpec(
        400,
        "nhóm so sánh '{group}' không có trong gói nội dung {pack}",
        "peer group '{group}' is not defined in content pack {pack}",
    ),
    "user_error": ErrorSpec(400, "{message}", "{message}"),
    # accounts and access (dxtrack.domain.accounts.AccessError carries these codes)
    "not_authenticated": ErrorSpec(
        401, "cần đăng nhập hoặc mã truy cập API hợp lệ ({reason})", "authentication required ({reason})"
    ),
    "login_failed": ErrorSpec(
        401,
        "đăng nhập không thành công: sai tên người dùng hoặc mật khẩu, hoặc tài khoản đã bị khoá",
        "login failed: unknown user, wrong password or disabled account",
    ),
    "forbidden": ErrorSpec(
        403,
        "người dùng '{user}' không có vai trò {role} đối với tổ chức {org}",
        "user '{user}' does not hold the role {role} for organisation {org}",
    ),
    "csrf_failed": ErrorSpec(
        403,
        "thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang rồi thử lại",
        "the anti-forgery (CSRF) token is missing or wrong; reload the page and try again",
    ),
    "wrong_password": ErrorSpec(403, "mật khẩu hiện tại không đúng", "the current password is not right"),
    "separation_of_duties": ErrorSpec(
        403,
        "người dùng '{user}' không được {step} {entity} vì chính họ đã thực hiện bước trước",
        "user '{user}' may not {step} {entity}: they took the previous step themselves",
    ),
    "too_many_attempts": ErrorSpec(
        429,
        "đăng nhập sai quá nhiều lần; vui lòng thử lại sau {seconds} giây",
        "too many failed logins; try again in {seconds} s",
    ),
    # --- loopdocs: e-mail reminders ---
    "smtp_not_configured": ErrorSpec(
        503, "chưa cấu hình gửi thư điện tử: cần đặt {missing}", "e-mail is not configured: set {missing}"
    ),
    "smtp_bad_port": ErrorSpec(
        400,
        "DXTRACK_SMTP_PORT '{value}' không phải là số cổng (1-65535)",
        "DXTRACK_SMTP_PORT '{value}' is not a port number (1-65535)",
    ),
    "smtp_failed": ErrorSpec(
        503,
        "gửi thư điện tử qua {server} không thành công: {reason}",
        "sending e-mail through {server} failed: {reason}",
    ),
    # --- loopdocs: the Excel template of a data call ---
    "template_not_xlsx": ErrorSpec(
        400,
        "{file}: không phải tệp Excel .xlsx ({reason})",
        "{file}: not an Excel .xlsx file ({reason})",
    ),
    "template_foreign": ErrorSpec(
        400,
        "{file}: không có trang ẩn '{sheet}'; đây không phải mẫu báo cáo do dxtrack tạo",
        "{file}: no hidden sheet '{sheet}'; this is not a report template made by dxtrack",
    ),
    "template_checksum": ErrorSpec(
        400,
        "{file}, trang '{sheet}', ô {cell}: mã kiểm tra cấu trúc không khớp; mẫu đã bị sửa, hãy tải mẫu mới",
        "{file}, sheet '{sheet}', cell {cell}: the structure checksum does not match; the template was altered, "
        "download a new one",
    ),
    "template_tampered": ErrorSpec(
        400,
        "{file}, trang '{sheet}', ô {cell}: cấu trúc mẫu đã bị thay đổi (cần '{expected}', có '{found}'); "
        "hãy tải mẫu mới",
        "{file}, sheet '{sheet}', cell {cell}: the template's structure was changed (expected '{expected}', "
        "found '{found}'); download a new one",
    ),
    "template_not_a_number": ErrorSpec(
        400,
        "{file}, trang '{sheet}', ô {cell}: '{value}' không phải là số (mục {item})",
        "{file}, sheet '{sheet}', cell {cell}: '{value}' is not a number (item {item})",
    ),
    "template_bad_status": ErrorSpec(
        400,
        "{file}, trang '{sheet}', ô {cell}: '{value}' không phải là tình trạng nhiệm vụ; chọn một trong: {choices}",
        "{file}, sheet '{sheet}', cell {cell}: '{value}' is not a task status; choose one of: {choices}",
    ),
    "template_bad_collection": ErrorSpec(
        400,
        "{file}, trang '{sheet}', ô {cell}: '{value}' không phải là cách thu thập; chọn một trong: {choices}",
        "{file}, sheet '{sheet}', cell {cell}: '{value}' is not a collection; choose one of: {choices}",
    ),
    # --- loopcore: the reporting loop (validation rules, calls, the status flow) ---
    "validation_issue": ErrorSpec(
        400, "mục '{item}', quy tắc '{rule}': {message}", "item '{item}', rule '{rule}': {message}"
    ),
    "validation_unknown_item": ErrorSpec(
        400, "không phải là mục của mẫu báo cáo của đơn vị này", "not an item of this unit's template"
    ),
    "validation_required": ErrorSpec(400, "mục này bắt buộc phải báo cáo", "this item must be reported"),
    "validation_not_a_number": ErrorSpec(400, "{value} không phải là số", "{value} is not a number"),
    "validation_min": ErrorSpec(400, "{value} nhỏ hơn giá trị tối thiểu {min}", "{value} is below the minimum {min}"),
    "validation_max": ErrorSpec(400, "{value} lớn hơn giá trị tối đa {max}", "{value} is above the maximum {max}"),
    "validation_integer": ErrorSpec(
        400,
        "{value} không phải là số nguyên (số đếm hoặc thứ hạng)",
        "{value} is not a whole number (a count or a rank)",
    ),
    "validation_task_shape": ErrorSpec(
        400,
        'giá trị của nhiệm vụ có dạng {{"status", "note", "product", "evidence"}}',
        'a task\'s value is {{"status", "note", "product", "evidence"}}',
    ),
    "validation_task_field": ErrorSpec(
        400,
        "trường '{field}' không có; chỉ dùng status, note, product, evidence",
        "unknown field '{field}'; expected status, note, product, evidence",
    ),
    "validation_status": ErrorSpec(
        400,
        "tình trạng {status} không thuộc các giá trị: {allowed}",
        "status {status} is not one of {allowed}",
    ),
    "validation_evidence_list": ErrorSpec(
        400,
        "minh chứng là danh sách đường dẫn hoặc tên tệp",
        "evidence is a list of links or file names",
    ),
    "validation_evidence_required": ErrorSpec(
        400,
        "nhiệm vụ báo cáo '{status}' cần có minh chứng (đường dẫn hoặc tệp)",
        "a task reported '{status}' needs evidence (a link or a file)",
    ),
    "validation_section_text": ErrorSpec(400, "nội dung của phần báo cáo phải là văn bản", "a section's value is text"),
    "validation_outlier": ErrorSpec(
        400,
        "{value} khác xa các giá trị trước đây của đơn vị (trung vị {median}, z {z})",
        "{value} is far from this unit's past values (median {median}, z {z})",
    ),
    "validation_minmax": ErrorSpec(
        400,
        "{value} nằm ngoài khoảng học được từ các giá trị trước đây ({low}–{high})",
        "{value} is outside the range learned from past values ({low}–{high})",
    ),
    "validation_indicator_field": ErrorSpec(
        400,
        "trường '{field}' không có; chỉ dùng value, method, source, collection",
        "unknown field '{field}'; expected value, method, source, collection",
    ),
    "validation_indicator_text": ErrorSpec(
        400, "trường '{field}' của chỉ số phải là văn bản", "an indicator's '{field}' is text"
    ),
    "validation_collection": ErrorSpec(
        400,
        "cách thu thập {value} không thuộc các giá trị: {allowed}",
        "collection {value} is not one of {allowed}",
    ),
    "validation_cross_le": ErrorSpec(
        400,
        "'{left}' ({left_value}) lớn hơn '{right}' ({right_value}); '{left}' không được lớn hơn '{right}'",
        "'{left}' ({left_value}) is greater than '{right}' ({right_value}); '{left}' is at most '{right}'",
    ),
    "validation_cross_share_of": ErrorSpec(
        400,
        "'{share}' ({share_value}) lệch khỏi 100 × '{part}' / '{whole}' = 100 × {part_value} / {whole_value} = "
        "{expected} quá {tolerance} điểm phần trăm",
        "'{share}' ({share_value}) differs from 100 × '{part}' / '{whole}' = 100 × {part_value} / {whole_value} = "
        "{expected} by more than {tolerance} percentage points",
    ),
    "validation_comment_required": ErrorSpec(
        400,
        "{warning}; hãy giải thích trong ô ghi chú của mục",
        "{warning}; explain it in the item's comment",
    ),
    "submission_rejected": ErrorSpec(
        400,
        "{file}: {first} (và {more} lỗi khác; không có gì được ghi)",
        "{file}: {first} (and {more} more; nothing was written)",
    ),
    "submission_rejected_one": ErrorSpec(
        400, "{file}: {first} (không có gì được ghi)", "{file}: {first} (nothing was written)"
    ),
    "submission_not_template": ErrorSpec(
        400,
        "{file}: cần tệp JSON của mẫu báo cáo với danh sách 'items' đã điền",
        "{file}: expected the template's JSON with its 'items' filled in",
    ),
    "submission_wrong_call": ErrorSpec(
        400,
        "{file}: tệp này dành cho đợt {found_call}, đơn vị {found_org}, không phải đợt {call}, đơn vị {org}",
        "{file}: this file is for call {found_call}, organisation {found_org}, not call {call}, organisation {org}",
    ),
    "call_not_found": ErrorSpec(
        404,
        "không có đợt báo cáo {call}; xem `dxtrack call list`",
        "call {call} does not exist; see `dxtrack call list`",
    ),
    "call_not_a_unit": ErrorSpec(
        404,
        "tổ chức '{org}' không phải là đơn vị báo cáo của đợt {call}",
        "organisation '{org}' is not a reporting unit of call {call}",
    ),
    "call_bad_period": ErrorSpec(400, "--period: {reason}", "--period: {reason}"),
    "call_due_before_cutoff": ErrorSpec(
        400, "--due {due} sớm hơn ngày chốt số liệu {cutoff}", "--due {due} is before the cut-off date {cutoff}"
    ),
    "call_unknown_org": ErrorSpec(
        400,
        "--orgs: không có tổ chức '{org}'; xem `dxtrack org list`",
        "--orgs: organisation '{org}' is not known; see `dxtrack org list`",
    ),
    "call_bad_repeat": ErrorSpec(
        400,
        "số tháng lặp lại (--repeat-months) '{value}' không hợp lệ; cần một số nguyên từ 1 đến 60",
        "repeat months (--repeat-months) '{value}' is not valid; expected a whole number from 1 to 60",
    ),
    "call_repeat_not_due": ErrorSpec(
        409,
        "đợt báo cáo {call} không lặp lại, hoặc kỳ tiếp theo chưa bắt đầu ngày {as_of}, hoặc đã được mở",
        "call {call} does not repeat, or its next period has not started on {as_of}, or it is already open",
    ),
    "call_no_late_unit": ErrorSpec(
        409,
        "đợt báo cáo {call} không có đơn vị nào chậm hạn (ngày {as_of}); không có công văn đôn đốc",
        "call {call} has no late unit (on {as_of}); there is no urging letter",
    ),
    "call_no_units": ErrorSpec(400, "--orgs không nêu đơn vị báo cáo nào", "--orgs names no reporting unit"),
    "call_closed": ErrorSpec(
        409,
        "đợt báo cáo {call} đang ở trạng thái {state}; không nhận thêm báo cáo",
        "call {call} is {state}; it takes no more submissions",
    ),
    "submission_locked": ErrorSpec(
        409,
        "đợt {call}, đơn vị {org}: lần gửi {revision} đang ở trạng thái {state}; phải được trả lại (hoặc mở lại) "
        "trước khi gửi bản sửa",
        "call {call}, organisation {org}: revision {revision} is {state}; it must be returned (or reopened) before a "
        "corrected revision",
    ),
    "submission_race": ErrorSpec(
        409,
        "đợt {call}, đơn vị {org}: lần gửi {revision} vừa được một báo cáo đồng thời ghi trước; không có gì được "
        "ghi — hãy gửi lại",
        "call {call}, organisation {org}: revision {revision} was stored by a concurrent submission; nothing was "
        "written — submit again",
    ),
    "file_unreadable": ErrorSpec(
        400, "{file}: không đọc được tệp ({reason})", "{file}: cannot read the file ({reason})"
    ),
    "file_too_big": ErrorSpec(
        413,
        "{file}: tệp dung lượng {size} byte, vượt giới hạn {limit} byte (DXTRACK_MAX_FILE_MB)",
        "{file}: the file is {size} bytes, over the limit of {limit} bytes (DXTRACK_MAX_FILE_MB)",
    ),
    "file_empty": ErrorSpec(400, "{file}: tệp rỗng", "{file}: the file is empty"),
    "file_type_not_allowed": ErrorSpec(
        415,
        "{file}: nội dung tệp không phải PDF, DOCX, XLSX, PNG hay JPEG (kiểm tra theo nội dung, không theo tên tệp)",
        "{file}: the content is not PDF, DOCX, XLSX, PNG or JPEG (checked from the content, not the name)",
    ),
    "file_type_mismatch": ErrorSpec(
        415,
        "{file}: tên tệp có đuôi '{extension}' nhưng nội dung là {found}",
        "{file}: the name ends in '{extension}' but the content is {found}",
    ),
    "file_infected": ErrorSpec(
        422,
        "{file}: trình quét virus báo tệp bị nhiễm ({report})",
        "{file}: the virus scanner reports it infected ({report})",
    ),
    "file_scan_failed": ErrorSpec(
        503,
        "{file}: không quét được virus (DXTRACK_AV_COMMAND, mã thoát {exit}: {report})",
        "{file}: the virus scan failed (DXTRACK_AV_COMMAND, exit code {exit}: {report})",
    ),
    "evidence_option": ErrorSpec(
        400,
        "--evidence '{value}': cần dạng MÃ_NHIỆM_VỤ=ĐƯỜNG_DẪN_TỆP",
        "--evidence '{value}': expected TASK_ID=PATH",
    ),
    "evidence_not_reported": ErrorSpec(
        400,
        "--evidence {item}: tệp báo cáo không báo cáo nhiệm vụ '{item}' (hãy điền tình trạng của nhiệm vụ)",
        "--evidence {item}: the report does not report task '{item}' (fill in the task's status)",
    ),
    "remind_bad_days": ErrorSpec(
        400,
        "--before-days {value}: cần số ngày không âm trước hạn gửi báo cáo",
        "--before-days {value}: expected a number of days (0 or more) before the due date",
    ),
    "contact_bad_email": ErrorSpec(
        400,
        "--email '{value}' không phải là địa chỉ thư điện tử (cần dạng ten@co-quan.gov.vn)",
        "--email '{value}' is not an e-mail address (expected name@agency.gov.vn)",
    ),
    "review_unknown_action": ErrorSpec(
        400,
        "không có thao tác duyệt '{action}'; chỉ dùng: {choices}",
        "review action '{action}' is not known; expected one of {choices}",
    ),
    "review_reason_required": ErrorSpec(
        400, "cần --reason (lý do) để {action} một báo cáo", "--reason is required to {action} a submission"
    ),
    "review_bad_state": ErrorSpec(
        409,
        "đợt {call}, đơn vị {org} đang ở trạng thái {state}; không thể {action}",
        "call {call}, organisation {org} is {state}; cannot {action} it",
    ),
    # --- loopweb: uploads on the web ---
    "upload_missing": ErrorSpec(400, "chưa chọn tệp Excel (.xlsx) để tải lên", "no Excel (.xlsx) file was chosen"),
    "upload_too_large": ErrorSpec(413, "tệp tải lên lớn hơn {limit} MB", "the uploaded file is larger than {limit} MB"),
}

HTTP_KIND: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    405: "method_not_allowed",
    422: "invalid_request",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
}


class AppError(DxtrackError):
    """An error of the catalogue with its parameters; ``str()`` is the English one-line message."""

    def __init__(self, code: str, params: Mapping[str, Any] | None = None) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"error code '{code}' is not in the catalogue")
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        super().__init__(self.message("en"))

    @property
    def status(self) -> int:
        return CATALOGUE[self.code].status

    def message(self, lang: Lang) -> str:
        return error_text(self.code, self.params, lang)

    def to_json(self, lang: Lang = "en") -> dict[str, Any]:
        return error_body(self.code, self.params, lang)


def error_text(code: str, params: Mapping[str, Any], lang: Lang) -> str:
    """The catalogue's message for ``code`` in ``lang``, filled with ``params``."""
    spec = CATALOGUE[code]
    worded = {k: v.text(lang) if hasattr(v, "text") else v for k, v in params.items()}  # coded parameters
    return pick((spec.vi, spec.en), lang).format(**{k: _show(v) for k, v in worded.items()})


def error_body(code: str, params: Mapping[str, Any], lang: Lang = "en", status: int | None = None) -> dict[str, Any]:
    """The one JSON shape of an API error."""
    spec = CATALOGUE[code]
    http = status or spec.status
    return {
        "error": HTTP_KIND.get(http, "error"),
        "code": code,
        "params": {k: _plain(v) for k, v in params.items()},
        "detail": error_text(code, params, lang),
        "status": http,
    }


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


set_renderer(lambda code, params, lang: error_text(code, params, "vi" if lang == "vi" else "en"))
