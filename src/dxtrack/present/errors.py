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

from dxtrack.errors import DxtrackError
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
}

HTTP_KIND: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
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
    return pick((spec.vi, spec.en), lang).format(**{k: _show(v) for k, v in params.items()})


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
