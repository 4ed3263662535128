"""Wording of the sign-in, sign-out and account pages (Vietnamese first, English second)."""

from __future__ import annotations

from dxtrack.present import Lang, pick

LABELS: dict[str, tuple[str, str]] = {
    "login_title": ("Đăng nhập", "Sign in"),
    "login_intro": (
        "Các trang công khai không cần đăng nhập. Đăng nhập để ghi nhận bằng chứng, đánh giá và số liệu "
        "theo vai trò được giao cho tổ chức của bạn.",
        "Public pages need no sign-in. Sign in to record evidence, judgements and data in the roles your "
        "organisation has given you.",
    ),
    "login_required": ("Trang này yêu cầu đăng nhập.", "This site requires you to sign in."),
    "user_name": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "login_button": ("Đăng nhập", "Sign in"),
    "logged_out": ("Bạn đã đăng xuất.", "You have signed out."),
    "account_title": ("Tài khoản", "Account"),
    "signed_in_as": ("Đang đăng nhập với tên", "Signed in as"),
    "organisation": ("Tổ chức", "Organisation"),
    "roles": ("Vai trò", "Roles"),
    "no_roles": ("chưa được giao vai trò nào", "no roles yet"),
    "logout_button": ("Đăng xuất", "Sign out"),
    "password_title": ("Đổi mật khẩu", "Change password"),
    "current_password": ("Mật khẩu hiện tại", "Current password"),
    "new_password": ("Mật khẩu mới (ít nhất 12 ký tự)", "New password (at least 12 characters)"),
    "confirm_password": ("Nhập lại mật khẩu mới", "New password again"),
    "password_button": ("Đổi mật khẩu", "Change password"),
    "password_changed": (
        "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.",
        "Password changed. Your other sessions have ended.",
    ),
    "password_mismatch": ("Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ."),
    "password_short": ("Mật khẩu mới cần ít nhất 12 ký tự.", "The new password needs at least 12 characters."),
    "role_viewer": ("người xem", "viewer"),
    "role_submitter": ("người nhập và gửi số liệu", "submitter"),
    "role_approver": ("người phê duyệt", "approver"),
    "role_coordinator": ("điều phối viên", "coordinator"),
    "role_assessor": ("người đánh giá", "assessor"),
    "role_admin": ("quản trị viên", "admin"),
}


def label(key: str, lang: Lang) -> str:
    """The page wording ``key`` in ``lang``."""
    return pick(LABELS[key], lang)
