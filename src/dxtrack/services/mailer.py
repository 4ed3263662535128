"""Reminders of a data call by e-mail: one message per late unit (Vietnamese or English) naming the call, its due
date and exactly what the unit still owes, sent over SMTP with the settings ``DXTRACK_SMTP_*``; a dry run only
returns the messages.

Settings: ``DXTRACK_SMTP_HOST`` and ``DXTRACK_SMTP_FROM`` (required), ``DXTRACK_SMTP_PORT`` (25, or 587 with
STARTTLS), ``DXTRACK_SMTP_USER`` / ``DXTRACK_SMTP_PASSWORD`` (optional login), ``DXTRACK_SMTP_STARTTLS`` (1/true/
yes/on). The input is the ``remind --dry-run --format json`` answer."""

from __future__ import annotations

import datetime as dt
import email.policy
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from dxtrack.domain.report_items import ITEM_KINDS, LATE_STATES, word
from dxtrack.errors import CodedError
from dxtrack.settings import env_flag

_POLICY = email.policy.default.clone(max_line_length=998)
"""Headers are not folded below RFC 5322's line limit: Python folds a long Vietnamese subject between encoded
words and the space there is lost on reading (RFC 2047: "6 tháng đầu" arrived as "6 thángđầu")."""
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class MailError(CodedError):
    """E-mail could not be configured or sent; ``code``/``params`` name the entry of the error catalogue."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and as whom reminders are sent."""

    host: str
    sender: str
    port: int = 25
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    timeout: float = 30.0

    @classmethod
    def from_env(cls) -> SmtpSettings:
        """The settings from ``DXTRACK_SMTP_*``; a one-line error names what is missing."""
        host = os.environ.get("DXTRACK_SMTP_HOST", "").strip()
        sender = os.environ.get("DXTRACK_SMTP_FROM", "").strip()
        missing = [name for name, v in (("DXTRACK_SMTP_HOST", host), ("DXTRACK_SMTP_FROM", sender)) if not v]
        if missing:
            raise MailError("smtp_not_configured", missing=", ".join(missing))
        starttls = env_flag("DXTRACK_SMTP_STARTTLS")
        raw_port = os.environ.get("DXTRACK_SMTP_PORT", "").strip()
        port = 587 if starttls else 25
        if raw_port:
            if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
                raise MailError("smtp_bad_port", value=raw_port)
            port = int(raw_port)
        return cls(
            host=host,
            sender=sender,
            port=port,
            user=os.environ.get("DXTRACK_SMTP_USER") or None,
            password=os.environ.get("DXTRACK_SMTP_PASSWORD") or None,
            starttls=starttls,
        )


@dataclass(frozen=True)
class Reminders:
    """The messages of one reminder round; ``no_address`` lists late units that have no e-mail address."""

    messages: list[EmailMessage]
    no_address: list[str]
    sent: bool


def _day(value: object, lang: str) -> str:
    day = dt.date.fromisoformat(str(value)[:10])
    return day.strftime("%d/%m/%Y") if lang == "vi" else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _vi_or_en(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


def reminder_text(remind: Mapping[str, Any], unit: Mapping[str, Any], lang: str = "vi") -> tuple[str, str]:
    """The subject and plain-text body of the reminder to one late unit."""
    title, call = remind["title"], remind["call"]
    due, as_of = _day(remind["due"], lang), _day(remind["as_of"], lang)
    overdue = str(remind["as_of"])[:10] > str(remind["due"])[:10]
    name = unit.get("org_name") or unit["org"]
    state = word(LATE_STATES.get(str(unit.get("state")), LATE_STATES["not_submitted"]), lang)
    owes = list(unit.get("owes") or [])
    if overdue:
        subject = _vi_or_en(lang, f"Đôn đốc gửi báo cáo: {title} (hạn {due})", f"Overdue report: {title} (due {due})")
    else:
        subject = _vi_or_en(lang, f"Nhắc gửi báo cáo: {title} (hạn {due})", f"Report reminder: {title} (due {due})")
    lines = [
        _vi_or_en(lang, f"Kính gửi: {name},", f"To: {name},"),
        "",
        _vi_or_en(
            lang,
            f"Đợt báo cáo “{title}” (mã đợt báo cáo: {call}) có hạn gửi báo cáo là ngày {due}. "
            f"Đến ngày {as_of}, đơn vị {state}.",
            f"The data call “{title}” (call no. {call}) is due on {due}. As of {as_of}, your body {state}.",
        ),
        "",
    ]
    if owes:
        lines.append(
            _vi_or_en(lang, f"Các nội dung đơn vị còn phải báo cáo ({len(owes)}):", f"Items still owed ({len(owes)}):")
        )
        for item in owes:
            kind = word(ITEM_KINDS.get(str(item.get("kind")), ("", "")), lang)
            lines.append(f"- {kind} {item['id']}: {item.get('label') or ''}")
        lines.append("")
    lines += [
        _vi_or_en(
            lang,
            "Đề nghị đơn vị hoàn thành và gửi báo cáo "
            + ("sớm nhất có thể" if overdue else f"trước ngày {due}")
            + " (bằng mẫu Excel, biểu mẫu trên trang của đơn vị hoặc API của dxtrack).",
            "Please complete and submit your report "
            + ("as soon as possible" if overdue else f"by {due}")
            + " (with the Excel template, the form on your body's page or the dxtrack API).",
        ),
        "",
        _vi_or_en(
            lang,
            "Thư này do dxtrack gửi tự động; vui lòng không trả lời thư này.",
            "This message was sent automatically by dxtrack; please do not reply to it.",
        ),
    ]
    return subject, "\n".join(lines) + "\n"


def reminder_messages(
    remind: Mapping[str, Any],
    addresses: Mapping[str, str | Sequence[str]],
    *,
    sender: str,
    lang: str = "vi",
    now: dt.datetime | None = None,
) -> tuple[list[EmailMessage], list[str]]:
    """One message per late unit that has an address (``addresses``: org id → address or addresses), and the
    ids of the late units without one."""
    messages: list[EmailMessage] = []
    no_address: list[str] = []
    stamp = now or dt.datetime.now(dt.UTC)
    domain = sender.rpartition("@")[2] or None
    for unit in remind.get("late") or []:
        to = addresses.get(str(unit["org"]))
        recipients = [to] if isinstance(to, str) else list(to or [])
        if not recipients:
            no_address.append(str(unit["org"]))
            continue
        subject, body = reminder_text(remind, unit, lang)
        msg = EmailMessage(policy=_POLICY)
        msg["From"] = sender
        msg["To"] = ", ".join(recipients)
        msg["Subject"] = subject
        msg["Date"] = format_datetime(stamp)
        msg["Message-ID"] = make_msgid("dxtrack-remind", domain=domain)
        msg["Content-Language"] = lang
        msg["X-Dxtrack-Call"] = str(remind["call"])
        msg["X-Dxtrack-Org"] = str(unit["org"])
        msg.set_content(body, cte="base64")
        messages.append(msg)
    return messages, no_address


def send_reminders(
    remind: Mapping[str, Any],
    addresses: Mapping[str, str | Sequence[str]],
    *,
    settings: SmtpSettings | None = None,
    lang: str = "vi",
    dry_run: bool = False,
) -> Reminders:
    """Send one reminder per late unit over SMTP (one connection); with ``dry_run`` only build the messages
    (settings are then optional: the sender defaults to ``DXTRACK_SMTP_FROM`` or ``dxtrack@localhost``)."""
    if settings is None and not dry_run:
        settings = SmtpSettings.from_env()
    sender = settings.sender if settings else (os.environ.get("DXTRACK_SMTP_FROM") or "dxtrack@localhost")
    messages, no_address = reminder_messages(remind, addresses, sender=sender, lang=lang)
    if dry_run or not messages:
        return Reminders(messages, no_address, sent=False)
    assert settings is not None
    _deliver(messages, settings)
    return Reminders(messages, no_address, sent=True)


def _deliver(messages: Sequence[EmailMessage], s: SmtpSettings) -> None:
    server = f"{s.host}:{s.port}"
    try:
        with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.user:
                smtp.login(s.user, s.password or "")
            for msg in messages:
                smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise MailError("smtp_failed", server=server, reason=f"recipients refused: {refused}") from exc
    except smtplib.SMTPResponseException as exc:
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        raise MailError("smtp_failed", server=server, reason=f"{exc.smtp_code} {text}".strip()) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError("smtp_failed", server=server, reason=str(exc) or type(exc).__name__) from exc
