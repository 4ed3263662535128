"""E-mail reminders of a data call, sent to a real local SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

from dxtrack.present.errors import AppError
from dxtrack.services.mailer import MailError, SmtpSettings, reminder_text, send_reminders

REMIND: dict[str, Any] = {
    "call": 7,
    "title": "Báo cáo 6 tháng đầu năm 2026 về thực hiện Nghị quyết 57-NQ/TW",
    "due": "2026-06-30",
    "as_of": "2026-07-03",
    "late": [
        {
            "org": "MOF",
            "org_name": "Bộ Tài chính",
            "state": "not_submitted",
            "late": True,
            "owes": [
                {"id": "SHARE_5G", "kind": "indicator", "label": "Tỷ lệ dân số được phủ sóng 5G"},
                {"id": "T12", "kind": "task", "label": "Xây dựng Luật Công nghiệp công nghệ số"},
            ],
        },
        {
            "org": "VN34_01",
            "org_name": "Thành phố Hà Nội",
            "state": "returned",
            "late": True,
            "owes": [{"id": "S_LIMITS", "kind": "section", "label": "Hạn chế, bất cập"}],
        },
        {"org": "VN34_02", "org_name": "Tỉnh Cao Bằng", "state": "draft", "late": True, "owes": []},
    ],
}
ADDRESSES = {"MOF": "vanphong@mof.example.vn", "VN34_01": ["stttt@hanoi.example.vn", "vp@hanoi.example.vn"]}


class Inbox:
    """An aiosmtpd handler keeping every envelope it accepts."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(e.original_content or b"", policy=policy.default) for e in self.envelopes]  # type: ignore[misc]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Users:
    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"secretariat", b"s3cret")
        return AuthResult(success=ok)


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    # PLAIN only: smtplib's fallback to LOGIN after a refused PLAIN waits on aiosmtpd 1.4 until its timeout
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=Users(),
        auth_require_tls=False,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_one_message_per_late_unit_with_what_it_owes(smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    settings = SmtpSettings(host="127.0.0.1", port=port, sender="dxtrack@most.example.vn")
    result = send_reminders(REMIND, ADDRESSES, settings=settings)
    assert result.sent and result.no_address == ["VN34_02"]
    assert [sorted(e.rcpt_tos) for e in inbox.envelopes] == [
        ["vanphong@mof.example.vn"],
        ["stttt@hanoi.example.vn", "vp@hanoi.example.vn"],
    ]
    assert {e.mail_from for e in inbox.envelopes} == {"dxtrack@most.example.vn"}
    first, second = inbox.messages()
    assert first["Subject"] == (
        "Đôn đốc gửi báo cáo: Báo cáo 6 tháng đầu năm 2026 về thực hiện Nghị quyết 57-NQ/TW (hạn 30/06/2026)"
    )
    assert first["X-Dxtrack-Org"] == "MOF" and first["X-Dxtrack-Call"] == "7"
    body = first.get_content()
    assert body.startswith("Kính gửi: Bộ Tài chính,\n")
    assert "có hạn gửi báo cáo là ngày 30/06/2026. Đến ngày 03/07/2026, đơn vị chưa gửi báo cáo." in body
    assert "Các nội dung đơn vị còn phải báo cáo (2):\n- Chỉ số SHARE_5G: Tỷ lệ dân số được phủ sóng 5G\n" in body
    assert "- Nhiệm vụ T12: Xây dựng Luật Công nghiệp công nghệ số\n" in body
    assert "sớm nhất có thể" in body
    second_body = second.get_content()
    assert "đơn vị báo cáo bị trả lại, chưa gửi lại." in second_body
    assert "- Nội dung báo cáo S_LIMITS: Hạn chế, bất cập\n" in second_body
    assert "SHARE_5G" not in second_body  # only what this unit owes


def test_dry_run_sends_nothing(smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    settings = SmtpSettings(host="127.0.0.1", port=port, sender="dxtrack@most.example.vn")
    result = send_reminders(REMIND, ADDRESSES, settings=settings, dry_run=True, lang="en")
    assert not result.sent and inbox.envelopes == []
    assert [m["To"] for m in result.messages] == [
        "vanphong@mof.example.vn",
        "stttt@hanoi.example.vn, vp@hanoi.example.vn",
    ]
    body = result.messages[0].get_content()
    assert result.messages[0]["Subject"].startswith("Overdue report: Báo cáo 6 tháng")
    assert "is due on 30 Jun 2026. As of 3 Jul 2026, your body has not submitted its report." in body
    assert "Items still owed (2):\n- Indicator SHARE_5G:" in body


def test_before_the_deadline_it_is_a_reminder() -> None:
    subject, body = reminder_text({**REMIND, "as_of": "2026-06-25"}, REMIND["late"][0], "vi")
    assert subject.startswith("Nhắc gửi báo cáo: ")
    assert "hoàn thành và gửi báo cáo trước ngày 30/06/2026" in body


def test_login_from_the_environment(smtp_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp_server
    monkeypatch.setenv("DXTRACK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DXTRACK_SMTP_PORT", str(port))
    monkeypatch.setenv("DXTRACK_SMTP_FROM", "tonghop@most.example.vn")
    monkeypatch.setenv("DXTRACK_SMTP_USER", "secretariat")
    monkeypatch.setenv("DXTRACK_SMTP_PASSWORD", "s3cret")
    monkeypatch.delenv("DXTRACK_SMTP_STARTTLS", raising=False)
    result = send_reminders(REMIND, {"MOF": "vanphong@mof.example.vn"})
    assert result.sent and len(inbox.envelopes) == 1
    assert inbox.envelopes[0].mail_from == "tonghop@most.example.vn"


def _one_line(err: MailError) -> None:
    assert AppError(err.code, err.params).message("en") == str(err)
    assert "\n" not in str(err)


def test_no_server_is_one_line() -> None:
    port = _free_port()  # nothing listens there
    settings = SmtpSettings(host="127.0.0.1", port=port, sender="x@example.vn", timeout=5)
    with pytest.raises(MailError) as caught:
        send_reminders(REMIND, ADDRESSES, settings=settings)
    assert caught.value.code == "smtp_failed"
    _one_line(caught.value)


def test_settings_name_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DXTRACK_SMTP_HOST", raising=False)
    monkeypatch.delenv("DXTRACK_SMTP_FROM", raising=False)
    with pytest.raises(MailError) as caught:
        SmtpSettings.from_env()
    assert str(caught.value) == "e-mail is not configured: set DXTRACK_SMTP_HOST, DXTRACK_SMTP_FROM"
    assert AppError(caught.value.code, caught.value.params).message("vi") == (
        "chưa cấu hình gửi thư điện tử: cần đặt DXTRACK_SMTP_HOST, DXTRACK_SMTP_FROM"
    )
    monkeypatch.setenv("DXTRACK_SMTP_HOST", "mail.example.vn")
    monkeypatch.setenv("DXTRACK_SMTP_FROM", "dxtrack@example.vn")
    monkeypatch.setenv("DXTRACK_SMTP_STARTTLS", "yes")
    monkeypatch.delenv("DXTRACK_SMTP_PORT", raising=False)
    assert SmtpSettings.from_env().port == 587
    monkeypatch.setenv("DXTRACK_SMTP_PORT", "smtp")
    with pytest.raises(MailError) as bad:
        SmtpSettings.from_env()
    assert str(bad.value) == "DXTRACK_SMTP_PORT 'smtp' is not a port number (1-65535)"
